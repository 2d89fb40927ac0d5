"""Account operations used by the views and the CLI."""

import sqlalchemy as sa

from journal.auth.passwords import hash_password, needs_rehash, verify_password
from journal.auth.sessions import end_session, start_session
from journal.extensions import db
from journal.inbox.services import attach_waiting
from journal.models import CANDIDATE, RECRUITER, Profile, User

__all__ = ["create_user", "authenticate", "start_session", "end_session"]


def create_user(name: str, email: str, password: str, role: str) -> User:
    """Add a user (and a candidate's profile, pre-filled from the account); the caller commits."""
    user = User(name=name, email=email.strip().lower(), password_hash=hash_password(password), role=role)
    if role == CANDIDATE:
        user.profile = Profile(name=name, email=user.email)
    db.session.add(user)
    db.session.flush()
    if role == RECRUITER:
        attach_waiting(user)  # updates sent to this email before the account existed
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the user for these credentials, or None; unknown email costs the same as a wrong password."""
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if not verify_password(user.password_hash if user else None, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user
