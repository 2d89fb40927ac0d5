"""Jinja filters and globals."""
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Callable

from flask import Flask, has_request_context, request
from flask_login import current_user
from markupsafe import Markup

from journal.domain.entries import kind_label
from journal.domain.markdown import render_markdown
from journal.domain.updates import FIELD_LABELS, describe_value
from journal.models import STAGES
from journal.outbox.enqueue import describe_email
from journal.profile.forms import STATUS_CHOICES

STATUS_LABELS = dict(STATUS_CHOICES)
STAGE_LABELS = dict(STAGES)
IMPORT_STATES = {"mapping": "Waiting for you to choose the columns", "checking": "Checking",
                 "ready": "Checked: waiting for your yes", "importing": "Importing", "done": "Imported",
                 "failed": "Failed: nothing imported"}


def init_app(app: Flask) -> None:
    """Register template filters."""
    app.jinja_env.filters["markdown"] = lambda text: Markup(render_markdown(text))
    app.jinja_env.filters["kind_label"] = kind_label
    app.jinja_env.filters["status_label"] = lambda code: STATUS_LABELS.get(code, code)
    app.jinja_env.filters["long_date"] = _long_date
    app.jinja_env.filters["when"] = _when
    app.jinja_env.filters["thousands"] = lambda number: f"{number or 0:,}"
    app.jinja_env.globals["plural"] = lambda n, one, many: f"{n or 0:,} {one if n == 1 else many}"
    app.jinja_env.filters["import_state"] = lambda state: IMPORT_STATES.get(state, state)
    app.jinja_env.filters["field_label"] = lambda name: FIELD_LABELS.get(name, name)
    app.jinja_env.filters["stage_label"] = lambda code: STAGE_LABELS.get(code, code)
    app.jinja_env.globals["describe_value"] = describe_value
    app.jinja_env.globals["describe_email"] = describe_email
    app.jinja_env.globals["htmx_version"] = "2.0.11"
    app.jinja_env.globals["url_for"] = cached_url_for(app)
    app.context_processor(_navigation_counts)


URLS_KEPT = 4096


def cached_url_for(app: Flask) -> Callable[..., str]:
    """``url_for`` for templates, each URL built once per process.

    A page's layout alone builds 17 URLs, each a walk of the URL map taking as long as a small
    query. Inside a request, a URL without ``_external``, ``_anchor`` and the like is the same
    string for the same endpoint, values and script root (the app matches no hosts and has no
    URL defaults), so it is kept. Anything else is built as Flask builds it.
    """
    build = app.url_for

    @lru_cache(maxsize=URLS_KEPT)
    def built(script_root: str, endpoint: str, values: tuple) -> str:
        return build(endpoint, **dict(values))

    def url_for(endpoint: str, **values: Any) -> str:
        if (endpoint[:1] == "." or app.url_default_functions or not has_request_context()
                or any(name[:1] == "_" for name in values)):
            return build(endpoint, **values)
        try:
            return built(request.script_root, endpoint, tuple(sorted(values.items())))
        except TypeError:  # a value that cannot be a key (a list): build it each time
            return build(endpoint, **values)

    url_for.cache_info = built.cache_info
    return url_for


def _navigation_counts() -> dict:
    """Unread counts for the navigation (one query per page)."""
    if not (has_request_context() and current_user.is_authenticated):
        return {}
    if current_user.is_recruiter:
        from journal.inbox.services import unread_count

        return {"unread_count": unread_count(current_user)}
    from journal.messages.services import unread_for

    return {"unread_messages": unread_for(current_user)}


def _when(value: datetime | None) -> str:
    """A stored moment as people read it (UTC; SQLite returns it without a zone)."""
    if value is None:
        return "never"
    return f"{value.day} {value:%b %Y, %H:%M} UTC"


def _long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""
