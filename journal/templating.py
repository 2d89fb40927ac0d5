"""Jinja filters and globals."""
from datetime import date

from flask import Flask
from markupsafe import Markup

from journal.domain.entries import KINDS_BY_CODE
from journal.domain.markdown import render_markdown
from journal.profile.forms import STATUS_CHOICES

STATUS_LABELS = dict(STATUS_CHOICES)


def init_app(app: Flask) -> None:
    """Register template filters."""
    app.jinja_env.filters["markdown"] = lambda text: Markup(render_markdown(text))
    app.jinja_env.filters["kind_label"] = lambda code: KINDS_BY_CODE[code].label if code in KINDS_BY_CODE else code
    app.jinja_env.filters["status_label"] = lambda code: STATUS_LABELS.get(code, code)
    app.jinja_env.filters["long_date"] = _long_date
    app.jinja_env.globals["htmx_version"] = "2.0.11"


def _long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""
