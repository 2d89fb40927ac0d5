"""Small helpers shared by views: form responses, htmx fragments, safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import make_response, render_template, request
from flask_wtf import FlaskForm

from journal.forms_common import ButtonForm


def render_form(template: str, form: FlaskForm, **context):
    """Render a form page; a submitted form with errors answers 422 (htmx swaps it too)."""
    status = 422 if form.is_submitted() and form.errors else 200
    return render_template(template, form=form, **context), status


def is_fragment_request(target: str) -> bool:
    """True when htmx asks for the element with this id (not a boosted page or history restore)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == target


def page_or_fragment(page_template: str, fragment: str, target: str, **context):
    """Render the page, or only its fragment when htmx targets it; Vary keeps caches apart."""
    template = fragment if is_fragment_request(target) else page_template
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response


def confirmed(on_confirm, *, heading: str, text: str, button: str, cancel_url: str, cancel: str = "Keep it"):
    """GET asks (a page with one POST button); a POST with a valid token runs ``on_confirm``."""
    if request.method == "POST" and ButtonForm().validate_on_submit():
        return on_confirm()
    return render_template(
        "confirm.html", heading=heading, text=text, button=button, cancel_url=cancel_url, cancel=cancel
    )


def safe_next(target: str | None) -> str | None:
    """Accept only a local path as a post-login destination (no open redirects)."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or not target.isprintable()
    ):  # CR, LF and other control characters never reach a header
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    return None if parts.scheme or parts.netloc else target
