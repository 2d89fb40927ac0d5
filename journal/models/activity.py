"""What recruiters do with contacts: logged touches, and messages between recruiter and candidate."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from journal.extensions import db
from journal.models.base import UTCDateTime, utcnow

TOUCH_KINDS = (("call", "Call"), ("email", "Email"), ("meeting", "Meeting"), ("message", "Message"))


class Touch(db.Model):
    """A logged contact with a person; any touch resets the follow-up clock."""

    __tablename__ = "touches"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Message(db.Model):
    """A message from a recruiter to a candidate, or a candidate's reply."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recruiter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    contact_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("contacts.id", ondelete="SET NULL"), index=True)
    # the candidate's account, when the contact has one and is linked to this recruiter
    candidate_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    from_candidate: Mapped[bool] = mapped_column(default=False)
    # "message", or "confirm": a request to confirm details, answered by "My details are current"
    kind: Mapped[str] = mapped_column(sa.String(10), default="message", server_default="message")
    # for a contact without an account: the invite their email links to
    invite_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("invites.id", ondelete="SET NULL"))
    answered_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __table_args__ = (sa.Index("ix_messages_candidate", "candidate_id", "id"),)


class Pool(db.Model):
    """A talent pool (a named group, like "Silver medalists"), owned by one recruiter."""

    __tablename__ = "pools"

    id: Mapped[int] = mapped_column(primary_key=True)
    recruiter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("recruiter_id", "name", name="uq_pools_recruiter_name"),)


class PoolMember(db.Model):
    """A contact in a pool, with the day to get back in touch ("re-engage 2027-11-01")."""

    __tablename__ = "pool_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pools.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    reengage_on: Mapped[Optional[date]] = mapped_column(sa.Date)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("pool_id", "contact_id", name="uq_pool_members_pool_contact"),)
