"""Response headers and error pages: the security baseline every response gets."""

import logging

from flask import Flask, has_request_context, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from journal.extensions import db

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
MESSAGES = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    404: ("Not found", "There is nothing here, or it is not yours to see."),
    405: ("Not allowed", "That action cannot be done this way."),
    413: ("Too large", "What you sent is too large. Files may be at most {limit}."),
    429: ("Too many attempts", "Too many attempts in a short time. Wait a minute, then try again."),
    500: ("Something went wrong", "Nothing you typed was saved by the failed request. Please try again."),
}


def init_app(app: Flask) -> None:
    """Install headers, the proxy fix when configured, and friendly error pages."""
    hops = int(app.config.get("PROXY_HOPS", 0) or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.session_interface = HttpsAwareSessionInterface()
    app.after_request(_headers)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


class HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """Mark the session cookie Secure whenever the request came over HTTPS (or the setting says so)."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if not request.path.startswith("/static/") and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response


def _error_page(code: int, **kwargs):
    title, text = MESSAGES.get(code, (f"Error {code}", "The request could not be completed."))
    return render_template("errors/error.html", code=code, title=title, text=text.format(**kwargs)), code


def _csrf_error(error: CSRFError):
    return render_template(
        "errors/error.html",
        code=400,
        title="Form expired",
        text="This form has expired or did not come from this site. Reload the page and submit it again.",
    ), 400


def _http_error(error: HTTPException):
    if error.code == 413:
        limit = request.max_content_length or 0
        return _error_page(413, limit=f"{limit // (1024 * 1024)} MB")
    if error.code in MESSAGES:
        return _error_page(error.code)
    return error


def _unexpected_error(error: Exception):
    db.session.rollback()
    logging.getLogger("journal").exception("Unhandled error on %s %s", request.method, request.path)
    return _error_page(500)
