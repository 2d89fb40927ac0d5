"""Accounts and their server-side login sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Optional
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.base import CANDIDATE, RECRUITER, UTCDateTime, utcnow, zone_named

if TYPE_CHECKING:
    from journal.models.journal import Profile


class User(UserMixin, db.Model):
    """An account: one role, chosen at sign-up."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-cased
    # when the owner proved the address (a verification link, or a claim link from an update email)
    email_verified_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16))
    # Recruiters: also receive each update by email (off: Inbox only).
    email_updates: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # IANA zone name: follow-up days are counted in the recruiter's own calendar.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC", server_default="UTC")
    # Recruiters: weekday of the follow-up digest email (0 = Monday; None = off), and when it last went.
    digest_day: Mapped[Optional[int]] = mapped_column(default=0)
    digest_sent_on: Mapped[Optional[date]] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    profile: Mapped[Optional["Profile"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", uselist=False
    )

    __table_args__ = (sa.CheckConstraint("role IN ('candidate', 'recruiter')", name="role"),)

    # Set by the login code: the token of the session this object was loaded for.
    session_token = None

    def get_id(self) -> str:
        """Flask-Login stores the server-side session token, not the user id."""
        return self.session_token or ""

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.timezone)

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_candidate(self) -> bool:
        return self.role == CANDIDATE

    @property
    def is_recruiter(self) -> bool:
        return self.role == RECRUITER


class LoginSession(db.Model):
    """A server-side login session; deleting it ends the session everywhere it was copied."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
