"""Apply update documents to recruiters' contacts: the pure merge, persisted in bulk.

The number of statements does not grow with the number of recipients: one query finds
every matching contact, one the entries the update touches, then the inserts and updates
go out as executemany batches. The caller's transaction makes each merge atomic (rule 8).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any, Iterable

import sqlalchemy as sa

from journal.domain.merge import ContactKey, ContactState, EntryCopy, MergeResult, emails_to_match, match_contact, merge_update
from journal.domain.updates import CANDIDATE_FIELDS, validate_update
from journal.extensions import db
from journal.models import Contact, ContactChange, ContactEntry, Delivery, utcnow

ENTRY_COLUMNS = ("kind", "title", "employer", "summary", "amount", "currency")


def contact_state(contact: Contact, entries: Iterable[ContactEntry] = ()) -> ContactState:
    """The merge's view of a stored contact (only the entries the update touches are needed)."""
    return ContactState(
        fields={name: getattr(contact, name) for name in CANDIDATE_FIELDS},
        candidate_ref=contact.candidate_ref,
        last_sequence=contact.last_sequence or 0,
        manual_fields=frozenset(contact.manual_fields or ()),
        entries={e.ref: EntryCopy(e.ref, e.revision, {}, e.retracted) for e in entries},
        confirmed_at=contact.confirmed_at,
        updated_at=contact.updated_at,
    )


def merge_into_contacts(document: dict[str, Any], deliveries: list[Delivery], now: datetime | None = None) -> None:
    """Merge one update into the contacts of every delivery's recruiter (each has a recruiter_id)."""
    if not deliveries:
        return
    validate_update(document)
    now = now or utcnow()
    contacts = _matching_contacts(document, {d.recruiter_id for d in deliveries})
    held = _touched_entries(document, [c.id for c in contacts])
    by_recruiter: dict[int, list[Contact]] = defaultdict(list)
    for contact in contacts:
        by_recruiter[contact.recruiter_id].append(contact)
    results: list[tuple[Delivery, Contact, MergeResult]] = []
    for delivery in deliveries:
        mine = {c.id: c for c in by_recruiter[delivery.recruiter_id]}
        contact_id = match_contact([ContactKey(c.id, c.candidate_ref, c.email) for c in mine.values()], document)
        contact = mine.get(contact_id)
        if contact is None:
            contact = Contact(recruiter_id=delivery.recruiter_id, name="", source="update", stage="new")
            db.session.add(contact)
        state = contact_state(contact, held.get(contact.id, ())) if contact.id else None
        result = merge_update(state, document)
        _apply_fields(contact, result)
        results.append((delivery, contact, result))
    db.session.flush()  # new contacts get their ids (one batched INSERT … RETURNING)
    _write_history_and_entries(document, results, held)
    for delivery, contact, result in results:
        delivery.contact_id = contact.id
        delivery.delivered_at = now
        delivery.superseded = result.superseded
        delivery.overwrote = result.overwrote_manual


def _matching_contacts(document: dict[str, Any], recruiter_ids: set[int]) -> list[Contact]:
    ref = document["candidate"]["ref"]
    query = sa.select(Contact).where(
        Contact.recruiter_id.in_(recruiter_ids),
        sa.or_(Contact.candidate_ref == ref, Contact.email.in_(emails_to_match(document))),
    )
    return list(db.session.scalars(query))


def _touched_entries(document: dict[str, Any], contact_ids: list[int]) -> dict[int, list[ContactEntry]]:
    refs = [e["id"] for e in document["entries"]] + [r["id"] for r in document.get("retracted", [])]
    held: dict[int, list[ContactEntry]] = defaultdict(list)
    if refs and contact_ids:
        query = sa.select(ContactEntry).where(ContactEntry.contact_id.in_(contact_ids), ContactEntry.ref.in_(refs))
        for row in db.session.scalars(query):
            held[row.contact_id].append(row)
    return held


def _apply_fields(contact: Contact, result: MergeResult) -> None:
    state = result.state
    for name in CANDIDATE_FIELDS:
        if getattr(contact, name) != state.fields[name]:
            setattr(contact, name, state.fields[name])
    contact.candidate_ref = state.candidate_ref
    contact.last_sequence = state.last_sequence
    contact.manual_fields = sorted(state.manual_fields)
    contact.confirmed_at = state.confirmed_at
    contact.updated_at = state.updated_at
    contact.unlinked_at = None  # the candidate sent this recruiter an update: they are linked


def _write_history_and_entries(document, results, held) -> None:
    changes, new_entries = [], []
    for _delivery, contact, result in results:
        changes += [{"contact_id": contact.id, "field": c.field, "old": c.old, "new": c.new, "at": c.at,
                     "source": c.source, "update_public_id": c.update_id} for c in result.changes]
        rows = {row.ref: row for row in held.get(contact.id, ())}
        for ref in result.entries_added + result.entries_replaced + result.entries_retracted:
            copy = result.state.entries[ref]
            values = _entry_values(copy)
            if ref in rows:
                for name, value in values.items():
                    setattr(rows[ref], name, value)
            else:
                new_entries.append({"contact_id": contact.id, "ref": ref, **values})
        # tombstones for retractions of entries this contact never held keep late copies out
        for ref, copy in result.state.entries.items():
            if copy.retracted and ref not in rows and ref not in result.entries_retracted:
                new_entries.append({"contact_id": contact.id, "ref": ref, **_entry_values(copy)})
    if changes:
        db.session.execute(sa.insert(ContactChange), changes)
    if new_entries:
        db.session.execute(sa.insert(ContactEntry), new_entries)


def _entry_values(copy: EntryCopy) -> dict[str, Any]:
    values = {"revision": copy.revision, "retracted": copy.retracted}
    values.update({name: copy.data.get(name, "") for name in ENTRY_COLUMNS})
    when = copy.data.get("date")
    values["date"] = datetime.strptime(when, "%Y-%m-%d").date() if when else None
    return values
