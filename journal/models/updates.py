"""Links between candidates and their recruiters, the updates sent, and their deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.base import UTCDateTime, utcnow


class RecruiterLink(db.Model):
    """A recruiter on a candidate's list; ``recruiter_id`` is set once an account has that email."""

    __tablename__ = "recruiter_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    recruiter_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254))  # lower-cased
    firm: Mapped[str] = mapped_column(sa.String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("candidate_id", "email", name="uq_recruiter_links_candidate_email"),
        sa.Index("ix_recruiter_links_email", "email"),
    )


class Update(db.Model):
    """One click of "Notify my recruiters": the document exactly as sent."""

    __tablename__ = "updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(36), unique=True)
    candidate_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    sequence: Mapped[int]
    idempotency_key: Mapped[str] = mapped_column(sa.String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    candidate_name: Mapped[str] = mapped_column(sa.String(120))
    summary: Mapped[list] = mapped_column(sa.JSON)  # lines, the same for every recipient
    document: Mapped[dict] = mapped_column(sa.JSON)
    # What the next update is compared with: the profile and the shared entries' revisions.
    snapshot: Mapped[dict] = mapped_column(sa.JSON)

    deliveries: Mapped[list[Delivery]] = relationship(back_populates="update", order_by="Delivery.id")

    __table_args__ = (
        sa.UniqueConstraint("candidate_id", "sequence", name="uq_updates_candidate_sequence"),
        sa.UniqueConstraint("candidate_id", "idempotency_key", name="uq_updates_candidate_idempotency_key"),
    )


class Delivery(db.Model):
    """One update for one recruiter: an Inbox row once the recruiter has an account."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(sa.ForeignKey("updates.id", ondelete="CASCADE"))
    link_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("recruiter_links.id", ondelete="SET NULL"), index=True)
    recipient_email: Mapped[str] = mapped_column(sa.String(254))
    recipient_name: Mapped[str] = mapped_column(sa.String(120))
    recruiter_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    contact_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("contacts.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    read_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    superseded: Mapped[bool] = mapped_column(default=False)
    overwrote: Mapped[list] = mapped_column(sa.JSON, default=list)  # fields whose manual edit this replaced

    update: Mapped[Update] = relationship(back_populates="deliveries")

    __table_args__ = (
        sa.UniqueConstraint("update_id", "recipient_email", name="uq_deliveries_update_recipient"),
        sa.Index("ix_deliveries_recruiter_inbox", "recruiter_id", "id"),
        # the unread count in every recruiter page's navigation reads only this small index
        sa.Index(
            "ix_deliveries_unread",
            "recruiter_id",
            sqlite_where=sa.text("read_at IS NULL"),
            postgresql_where=sa.text("read_at IS NULL"),
        ),
        # deliveries waiting for the recruiter to sign up, found by email then (inbox.attach_waiting);
        # partial, so a notify to recruiters who have accounts does not touch it
        sa.Index(
            "ix_deliveries_waiting_email",
            "recipient_email",
            sqlite_where=sa.text("recruiter_id IS NULL"),
            postgresql_where=sa.text("recruiter_id IS NULL"),
        ),
    )
