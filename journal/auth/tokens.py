"""Signed, expiring tokens for the links in account emails.

Each token names one purpose (its own salt: a reset token is no verification token) and the
state of the account it was made for. A verification link is bound to the address it went to
and dies once that address is verified or changed; a reset link is bound to the password hash
and dies once the password changes, so each is good for one use.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from journal.extensions import db
from journal.models import User

VERIFY, RESET = "verify-email", "reset-password"
MAX_AGE = {VERIFY: 48 * 3600, RESET: 3600}  # seconds
SPENT = {
    VERIFY: "This link is no longer needed: the address is verified already, or the account's email changed since.",
    RESET: "This link was used already, or the password changed since it was sent. Ask for a new one.",
}


class TokenProblem(Exception):
    """A link that cannot be used: ``message`` says why, ``status`` is the page's HTTP status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def _state(purpose: str, user: User) -> str:
    if purpose == VERIFY:
        held = f"{user.email}|{user.email_verified_at is not None}"
    else:
        held = user.password_hash
    return hashlib.sha256(held.encode()).hexdigest()[:32]


def make_token(purpose: str, user: User) -> str:
    return _serializer(purpose).dumps({"u": user.id, "s": _state(purpose, user)})


def user_for(purpose: str, token: str) -> User:
    """The account a token was made for, while it is still good; else TokenProblem."""
    try:
        data = _serializer(purpose).loads(token, max_age=MAX_AGE[purpose])
    except SignatureExpired:
        raise TokenProblem("This link has expired. Ask for a new one.", 410) from None
    except BadSignature:
        raise TokenProblem("This link is not valid. Check that you copied all of it.", 404) from None
    user_id = data.get("u") if isinstance(data, dict) else None
    user = db.session.get(User, user_id) if isinstance(user_id, int) and 0 < user_id < 2**31 else None
    if user is None:
        raise TokenProblem("This link is not valid. Check that you copied all of it.", 404)
    if data.get("s") != _state(purpose, user):
        raise TokenProblem(SPENT[purpose], 410)
    return user
