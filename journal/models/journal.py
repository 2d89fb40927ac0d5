"""The candidate's side: profile and career journal."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from decimal import Decimal
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.accounts import User
from journal.models.base import PersonDetails, UTCDateTime, new_ref, utcnow


class Profile(PersonDetails, db.Model):
    """A candidate's profile: the details recruiters will see."""

    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=lambda: new_ref("c"))
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="profile")

    __table_args__ = (sa.CheckConstraint("status IN ('open', 'looking', 'not_looking')", name="status"),)


class JournalEntry(db.Model):
    """One event in a candidate's career journal."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=lambda: new_ref("e"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    date: Mapped[dt.date] = mapped_column(sa.Date)
    title: Mapped[str] = mapped_column(sa.String(200))
    employer: Mapped[str] = mapped_column(sa.String(120), default="")
    amount: Mapped[Optional[Decimal]] = mapped_column(sa.Numeric(14, 2))
    currency: Mapped[str] = mapped_column(sa.String(3), default="")
    details: Mapped[str] = mapped_column(sa.Text, default="")
    shared: Mapped[bool] = mapped_column(sa.Boolean)
    # Bumped on every edit, so an update can tell edited entries from unchanged ones.
    revision: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.Index("ix_journal_entries_user_date", "user_id", "date"),)
