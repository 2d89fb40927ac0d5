"""Server-side login sessions: the cookie holds a random token whose hash is stored here."""

from __future__ import annotations

import hashlib
import secrets
from functools import wraps

import sqlalchemy as sa
from flask import abort, render_template, request, session
from flask_login import current_user, login_required, login_user

from journal.extensions import db, login_manager
from journal.invites.services import SESSION_KEY as INVITE_KEY
from journal.models import LoginSession, User

login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.session_protection = None  # the server-side token does this job


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> None:
    """Create a fresh server-side session for the user (the caller commits)."""
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(token_hash=_digest(token), user=user))
    user.session_token = token


def end_session(token: str | None) -> None:
    """Delete the server-side session, so a copied cookie stops working (the caller commits)."""
    if token:
        db.session.execute(sa.delete(LoginSession).where(LoginSession.token_hash == _digest(token)))


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """Find the user whose live session carries this token."""
    if not token:
        return None
    user = db.session.scalar(
        sa.select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.token_hash == _digest(token))
    )
    if user is not None:
        user.session_token = token
    return user


def log_in(user) -> None:
    """Start a brand-new session: nothing from the anonymous one carries over but a followed invite."""
    invite = session.get(INVITE_KEY)
    session.clear()
    start_session(user)
    db.session.commit()
    login_user(user)
    if invite:
        session[INVITE_KEY] = invite


def verified_to_send(view):
    """For views whose POST sends email in the user's name: nothing goes out from an account whose
    address is not proven. The page says why (403); going back keeps what was typed."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if request.method == "POST" and not current_user.is_verified:
            text = (
                f"Verify {current_user.email} first: open the link we emailed you, or send it again from the "
                "banner above. Nothing was sent."
            )
            return render_template("errors/error.html", title="Verify your email first", text=text), 403
        return view(*args, **kwargs)

    return wrapped


def role_required(role: str):
    """Guard a view for one role; other users get a 404, as for any object not theirs."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role != role:
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator
