"""The transactional outbox: emails written with the data they announce, sent by a worker."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from journal.extensions import db
from journal.models.base import UTCDateTime, utcnow

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# kinds whose subject and body are written when queued (the weekly digest, account emails)
TEXT_KINDS = ("digest", "account")


class OutboxEmail(db.Model):
    """One email to send. A worker claims it with a lease; a dead worker's lease runs out."""

    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    delivery_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("deliveries.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("claims.id", ondelete="SET NULL"))
    note_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("messages.id", ondelete="CASCADE"))
    to_address: Mapped[str] = mapped_column(sa.String(254))
    to_name: Mapped[str] = mapped_column(sa.String(120), default="")
    # for emails whose text is fixed when queued (the weekly digest): subject and body
    subject: Mapped[str] = mapped_column(sa.String(200), default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    message_id: Mapped[str] = mapped_column(sa.String(200), unique=True)
    state: Mapped[str] = mapped_column(sa.String(10), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    locked_by: Mapped[Optional[str]] = mapped_column(sa.String(64))
    last_error: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.Index("ix_outbox_emails_ready", "state", "next_attempt_at"),
        sa.CheckConstraint("state IN ('pending', 'sending', 'sent', 'failed')", name="state"),
    )


class Claim(db.Model):
    """A single-use, expiring invitation for an email address to claim its recruiter inbox."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
