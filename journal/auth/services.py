"""Account operations used by the views and the CLI."""

from datetime import datetime

import sqlalchemy as sa

from journal.auth.passwords import hash_password, needs_rehash, verify_password
from journal.auth.sessions import end_session, start_session
from journal.extensions import db
from journal.inbox.services import attach_waiting
from journal.models import CANDIDATE, RECRUITER, Profile, User, utcnow

__all__ = ["create_user", "verify_email", "authenticate", "start_session", "end_session"]


def create_user(name: str, email: str, password: str, role: str, verified: bool = False) -> User:
    """Add a user (and a candidate's profile, pre-filled from the account); the caller commits.
    ``verified``: the address is proven already (a claim link, the demo)."""
    user = User(name=name, email=email.strip().lower(), password_hash=hash_password(password), role=role)
    if role == CANDIDATE:
        user.profile = Profile(name=name, email=user.email)
    db.session.add(user)
    db.session.flush()
    if verified:
        verify_email(user)
    return user


def verify_email(user: User, now: datetime | None = None) -> int:
    """The owner proved the address: a recruiter's waiting links and updates attach now (merged in
    order); returns how many updates arrived."""
    user.email_verified_at = now or utcnow()
    return attach_waiting(user) if user.role == RECRUITER else 0


def authenticate(email: str, password: str) -> User | None:
    """Return the user for these credentials, or None; unknown email costs the same as a wrong password."""
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if not verify_password(user.password_hash if user else None, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user
