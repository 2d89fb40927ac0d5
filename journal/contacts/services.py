"""Contact queries and the recruiter's own edits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from journal import search
from journal.contacts.merging import contact_state
from journal.domain.merge import manual_edit
from journal.domain.updates import CANDIDATE_FIELDS
from journal.extensions import db
from journal.followups.services import schedule
from journal.models import Contact, ContactChange, ContactEntry, User, utcnow

RECRUITER_FORM_FIELDS = ("kind", "notes", "tags", "stage", "cadence_days")


def contact_of(recruiter: User, contact_id: int) -> Contact:
    """One of the recruiter's contacts, or 404."""
    return db.first_or_404(sa.select(Contact).where(Contact.id == contact_id, Contact.recruiter_id == recruiter.id))


def history_of(contact: Contact) -> list[ContactChange]:
    return list(
        db.session.scalars(
            sa.select(ContactChange)
            .where(ContactChange.contact_id == contact.id)
            .order_by(ContactChange.at.desc(), ContactChange.id.desc())
        )
    )


def entries_of(contact: Contact) -> list[ContactEntry]:
    """The candidate's shared entries as this recruiter holds them (withdrawn ones hidden)."""
    return list(
        db.session.scalars(
            sa.select(ContactEntry)
            .where(ContactEntry.contact_id == contact.id, ContactEntry.retracted.is_(False))
            .order_by(ContactEntry.date.desc(), ContactEntry.id.desc())
        )
    )


def create_contact(recruiter: User, fields: dict[str, Any], own: dict[str, Any], tz) -> Contact:
    """A contact typed in by hand; a later update from the same person merges into it."""
    now = utcnow()
    contact = Contact(
        recruiter_id=recruiter.id,
        source="manual",
        updated_at=now,
        created_at=now,
        **{name: fields[name] for name in CANDIDATE_FIELDS},
        **own,
    )
    schedule(contact, tz)
    db.session.add(contact)
    db.session.flush()
    search.reindex([contact.id])
    return contact


def edit_fields(contact: Contact, fields: dict[str, Any], now: datetime | None = None) -> int:
    """The recruiter's own edit of candidate-owned fields: kept in history as a manual change."""
    state, changes = manual_edit(contact_state(contact), fields, now or utcnow())
    for name in CANDIDATE_FIELDS:
        setattr(contact, name, state.fields[name])
    contact.manual_fields = sorted(state.manual_fields)
    contact.updated_at = state.updated_at
    db.session.add_all(
        ContactChange(contact_id=contact.id, field=c.field, old=c.old, new=c.new, at=c.at, source=c.source)
        for c in changes
    )
    db.session.flush()
    search.reindex([contact.id])
    return len(changes)


def save_own_fields(contact: Contact, values: dict[str, Any], tz) -> None:
    """The recruiter's notes, tags, kind, stage and cadence (notes and tags are searchable)."""
    for name, value in values.items():
        setattr(contact, name, value)
    schedule(contact, tz)  # a new stage or cadence moves the next follow-up
    db.session.flush()
    search.reindex([contact.id])


def delete_contact(contact: Contact) -> None:
    search.remove([contact.id])
    db.session.delete(contact)
