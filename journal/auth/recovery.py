"""Proving an address and recovering a password: the emails with their links, and what the links do."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template

from journal.auth.passwords import hash_password
from journal.auth.tokens import RESET, VERIFY, make_token
from journal.extensions import db
from journal.models import LoginSession, User
from journal.outbox.emails import external_url
from journal.outbox.enqueue import enqueue_text_email


def _queue(user: User, subject: str, template: str, **context) -> None:
    enqueue_text_email("account", user, subject, render_template(template, user=user, **context))


def send_verification(user: User) -> None:
    """Queue "Verify your email" with a link good for 48 hours (the caller commits)."""
    link = external_url("auth.verify", token=make_token(VERIFY, user))
    _queue(user, "Verify your email for Career Journal", "email/verify.txt", link=link)


def send_password_reset(email: str) -> bool:
    """Queue a reset link for the account with this email, if there is one (the caller commits)."""
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        return False
    link = external_url("auth.reset_password", token=make_token(RESET, user))
    _queue(user, "Set a new password for Career Journal", "email/reset.txt", link=link)
    return True


def set_password(user: User, password: str) -> None:
    """A new password; every session of the account ends, wherever it was (the caller commits)."""
    user.password_hash = hash_password(password)
    db.session.execute(sa.delete(LoginSession).where(LoginSession.user_id == user.id))
