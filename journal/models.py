"""Database models (SQLAlchemy 2 typed declarative)."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Optional

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db

CANDIDATE = "candidate"
RECRUITER = "recruiter"


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the models use."""
    return datetime.now(timezone.utc)


def new_ref(prefix: str) -> str:
    """An opaque, stable public identifier such as ``c_3f9a…``."""
    return f"{prefix}_{uuid.uuid4().hex}"


class User(UserMixin, db.Model):
    """An account: one role, chosen at sign-up."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    profile: Mapped[Optional[Profile]] = relationship(
        back_populates="user", cascade="all, delete-orphan", uselist=False
    )

    __table_args__ = (sa.CheckConstraint("role IN ('candidate', 'recruiter')", name="role"),)

    # Set by the login code: the token of the session this object was loaded for.
    session_token = None

    def get_id(self) -> str:
        """Flask-Login stores the server-side session token, not the user id."""
        return self.session_token or ""

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
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()


class Profile(db.Model):
    """A candidate's profile: the details recruiters will see."""

    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=lambda: new_ref("c"))
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    location: Mapped[str] = mapped_column(sa.String(120), default="")
    headline: Mapped[str] = mapped_column(sa.String(200), default="")
    title: Mapped[str] = mapped_column(sa.String(120), default="")
    employer: Mapped[str] = mapped_column(sa.String(120), default="")
    industries: Mapped[list] = mapped_column(sa.JSON, default=list)
    skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    links: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    user: Mapped[User] = relationship(back_populates="profile")

    __table_args__ = (
        sa.CheckConstraint("status IN ('open', 'looking', 'not_looking')", name="status"),
    )


class JournalEntry(db.Model):
    """One event in a candidate's career journal."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=lambda: new_ref("e"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    date: Mapped[date] = mapped_column(sa.Date)
    title: Mapped[str] = mapped_column(sa.String(200))
    employer: Mapped[str] = mapped_column(sa.String(120), default="")
    amount: Mapped[Optional[Decimal]] = mapped_column(sa.Numeric(14, 2))
    currency: Mapped[str] = mapped_column(sa.String(3), default="")
    details: Mapped[str] = mapped_column(sa.Text, default="")
    shared: Mapped[bool] = mapped_column(sa.Boolean)
    # Bumped on every edit, so an update can tell edited entries from unchanged ones.
    revision: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    __table_args__ = (sa.Index("ix_journal_entries_user_date", "user_id", "date"),)
