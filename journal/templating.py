"""Jinja filters and globals."""

from datetime import date, datetime

from flask import Flask, has_request_context
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from journal.domain.entries import kind_label
from journal.domain.markdown import render_markdown
from journal.domain.updates import FIELD_LABELS, describe_value
from journal.models import STAGES, as_utc, zone_named
from journal.outbox.enqueue import describe_email
from journal.profile.forms import STATUS_CHOICES

STATUS_LABELS = dict(STATUS_CHOICES)
STAGE_LABELS = dict(STAGES)
IMPORT_STATES = {
    "mapping": "Waiting for you to choose the columns",
    "checking": "Checking",
    "ready": "Checked: waiting for your yes",
    "importing": "Importing",
    "done": "Imported",
    "failed": "Failed: nothing imported",
}


def init_app(app: Flask) -> None:
    """Register template filters."""
    app.jinja_env.filters["markdown"] = lambda text: Markup(render_markdown(text))
    app.jinja_env.filters["kind_label"] = kind_label
    app.jinja_env.filters["status_label"] = lambda code: STATUS_LABELS.get(code, code)
    app.jinja_env.filters["day"] = format_date
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["thousands"] = lambda number: f"{number or 0:,}"
    app.jinja_env.globals["plural"] = lambda n, one, many: f"{n or 0:,} {one if n == 1 else many}"
    app.jinja_env.filters["import_state"] = lambda state: IMPORT_STATES.get(state, state)
    app.jinja_env.filters["field_label"] = lambda name: FIELD_LABELS.get(name, name)
    app.jinja_env.filters["stage_label"] = lambda code: STAGE_LABELS.get(code, code)
    app.jinja_env.globals["describe_value"] = describe_value
    app.jinja_env.globals["describe_email"] = describe_email
    app.jinja_env.globals["htmx_version"] = "2.0.11"
    app.context_processor(_navigation_counts)
    app.context_processor(_viewer_zone)


def _navigation_counts() -> dict:
    """Unread counts for the navigation (one query per page)."""
    if not (has_request_context() and current_user.is_authenticated):
        return {}
    if current_user.is_recruiter:
        from journal.inbox.services import unread_count

        return {"unread_count": unread_count(current_user)}
    from journal.messages.services import unread_for

    return {"unread_messages": unread_for(current_user)}


def _viewer_zone() -> dict:
    """The zone pages show times in: the viewer's Settings choice (UTC for visitors and emails)."""
    if has_request_context() and current_user.is_authenticated:
        return {"viewer_zone": current_user.timezone}
    return {}


@pass_context
def when(context: Context, value: datetime | None) -> str:
    """A stored moment as people read it, in the template's ``viewer_zone`` (UTC without one)."""
    if value is None:
        return "never"
    return format_moment(value, context.get("viewer_zone"))


def format_moment(value: datetime, zone_name: str | None) -> str:
    """The app's one format for a moment: its day as ``format_date`` writes it, then the time and zone."""
    local = as_utc(value).astimezone(zone_named(zone_name))
    return f"{format_date(local.date())}, {local:%H:%M %Z}"


def format_date(value: date | str | None) -> str:
    """The app's one format for a day: ``1 Dec 2026`` (from a date, or the ISO text of an update document)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.day} {value:%b %Y}" if value else ""
