"""The recruiter's side: contact records, their history and entries, and invite links."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.base import PersonDetails, UTCDateTime, utcnow

KINDS = (("candidate", "Candidate"), ("hiring_manager", "Hiring manager"))
STAGES = (
    ("new", "New"),
    ("contacted", "Contacted"),
    ("screening", "Screening"),
    ("interviewing", "Interviewing"),
    ("offer", "Offer"),
    ("placed", "Placed"),
    ("on_hold", "On hold"),
    ("not_a_fit", "Not a fit"),
)


class Contact(PersonDetails, db.Model):
    """A recruiter's record of one person: candidate-owned fields plus the recruiter's own."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    recruiter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    candidate_ref: Mapped[Optional[str]] = mapped_column(sa.String(40))
    # candidate-owned (DESIGN.md rule 2), with the rest in PersonDetails
    name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    status: Mapped[str] = mapped_column(sa.String(16), default="")
    # recruiter-owned: an update never touches these
    kind: Mapped[str] = mapped_column(sa.String(20), default="candidate", server_default="candidate")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    tags: Mapped[list] = mapped_column(sa.JSON, default=list)
    stage: Mapped[str] = mapped_column(sa.String(20), default="new")
    rating: Mapped[Optional[int]]
    cadence_days: Mapped[Optional[int]] = mapped_column(default=7)
    last_contacted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    next_follow_up: Mapped[Optional[date]] = mapped_column(sa.Date)
    # bookkeeping for the merge
    last_sequence: Mapped[int] = mapped_column(default=0)
    manual_fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    source: Mapped[str] = mapped_column(sa.String(10), default="manual")
    # the import that created this contact, while that import exists: a failed one deletes its contacts
    import_job_id: Mapped[Optional[int]] = mapped_column(
        sa.ForeignKey("import_jobs.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    unlinked_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __table_args__ = (
        # Rule 1: never two contacts of one recruiter for one candidate.
        sa.UniqueConstraint("recruiter_id", "candidate_ref", name="uq_contacts_recruiter_candidate"),
        sa.Index("ix_contacts_recruiter_email", "recruiter_id", "email"),
        sa.Index("ix_contacts_recruiter_name", "recruiter_id", "name"),
    )


class ContactChange(db.Model):
    """History (rule 3): one change of one candidate-owned field, and where it came from."""

    __tablename__ = "contact_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(sa.String(20))
    old: Mapped[Any] = mapped_column(sa.JSON, nullable=True)
    new: Mapped[Any] = mapped_column(sa.JSON, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(sa.String(10))  # "update" or "manual"
    update_public_id: Mapped[Optional[str]] = mapped_column(sa.String(36))


class ContactEntry(db.Model):
    """A recruiter's copy of one shared journal entry (rule 7); retracted copies keep no content."""

    __tablename__ = "contact_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(sa.String(40))
    revision: Mapped[int]
    retracted: Mapped[bool] = mapped_column(default=False)
    kind: Mapped[str] = mapped_column(sa.String(20), default="")
    date: Mapped[Optional[date]] = mapped_column(sa.Date)
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    employer: Mapped[str] = mapped_column(sa.String(120), default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    amount: Mapped[str] = mapped_column(sa.String(20), default="")
    currency: Mapped[str] = mapped_column(sa.String(3), default="")

    __table_args__ = (sa.UniqueConstraint("contact_id", "ref", name="uq_contact_entries_contact_ref"),)


class Invite(db.Model):
    """A recruiter's invite link: a candidate who follows it gets this recruiter linked."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    recruiter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    revoked_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    uses: Mapped[int] = mapped_column(default=0)

    recruiter = relationship("User")
