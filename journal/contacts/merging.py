"""Apply update documents to recruiters' contacts: the pure merge, persisted in bulk.

The number of statements does not grow with the number of recipients: one query finds
every matching contact, one the entries the update touches; inserts go out as executemany
batches, updates by primary key (update_by_id). The caller's transaction makes each merge
atomic (rule 8), and writes the deliveries with what the merge returns.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, NamedTuple

import sqlalchemy as sa

from journal import search
from journal.database import one_of, plain_rows
from journal.domain.followups import DEFAULT_CADENCE_DAYS
from journal.domain.merge import (
    ContactKey,
    ContactState,
    EntryCopy,
    MergeResult,
    emails_to_match,
    match_contact,
    merge_update,
)
from journal.domain.updates import CANDIDATE_FIELDS, validate_update
from journal.extensions import db
from journal.models import Contact, ContactChange, ContactEntry, utcnow
from journal.rows import StoredColumns

ENTRY_COLUMNS = ("kind", "title", "employer", "summary", "amount", "currency")
STATE_COLUMNS = ("candidate_ref", "last_sequence", "manual_fields", "confirmed_at", "updated_at")


class Recipient(NamedTuple):
    """A recruiter whose contacts an update goes into, and the key of its delivery: the delivery's
    id, or, for a delivery not written yet, its link's id (unique within one update)."""

    key: int
    recruiter_id: int


def contact_state(contact: Any, entries=()) -> ContactState:
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


def merge_into_contacts(
    document: dict[str, Any], recipients: list[Recipient], now: datetime | None = None
) -> dict[int, dict[str, Any]]:
    """Merge one update into the contacts of every recipient's recruiter. Returns, by recipient
    key, what its delivery records (contact, delivered_at, superseded, overwrote): the caller
    writes the deliveries, so a new update's are inserted once, complete, not inserted and then
    updated."""
    if not recipients:
        return {}
    validate_update(document)
    now = now or utcnow()
    existing = _matching_contacts(document, {r.recruiter_id for r in recipients})
    held = _touched_entries(document, [c.id for c in existing])
    outcomes, written = _merge_each(document, recipients, existing, held)
    ids = _write_contacts(document, outcomes, now, written)
    _write_history(ids, outcomes)
    _write_entries(ids, outcomes, held)
    # new contacts, and those whose fields or entries changed, are searchable at once
    search.reindex(ids[r.key] for r, contact_id, result in outcomes if contact_id is None or result.changed_anything)
    return {
        r.key: {
            "contact_id": ids[r.key],
            "delivered_at": now,
            "superseded": result.superseded,
            "overwrote": result.overwrote_manual,
        }
        for r, _, result in outcomes
    }


# id and recruiter, then everything the merge reads, as stored: decoded once per distinct state
MATCHED = StoredColumns(
    Contact.id,
    Contact.recruiter_id,
    Contact.email,
    *(getattr(Contact, n) for n in CANDIDATE_FIELDS if n != "email"),
    *(getattr(Contact, n) for n in STATE_COLUMNS),
    Contact.unlinked_at,
)


def _matching_contacts(document: dict[str, Any], recruiter_ids: set[int]) -> list:
    """The recruiters' contacts this update may match (MATCHED's columns, as stored)."""
    ref = document["candidate"]["ref"]
    return plain_rows(
        MATCHED.select().where(
            one_of(Contact.recruiter_id, recruiter_ids),
            sa.or_(Contact.candidate_ref == ref, Contact.email.in_(emails_to_match(document))),
        )
    ).all()


Outcome = tuple[Recipient, "int | None", MergeResult]


def _merge_each(document, recipients, existing, held) -> tuple[list[Outcome], dict[int, dict[str, Any]]]:
    """Match and merge for each recipient: (recipient, contact id or None, result) in order, and
    the contact columns each result changes, by ``id(result)``.

    Contacts stored alike merge alike, and one update usually reaches every recruiter's copy of a
    candidate in the same state: each distinct stored state is decoded and merged once, and its
    result, read only, is shared by every contact in that state.
    """
    by_recruiter: dict[int, list] = defaultdict(list)
    for row in existing:
        by_recruiter[row.recruiter_id].append(row)
    dialect_name = db.engine.dialect.name
    merged: dict[tuple | None, MergeResult] = {}
    written: dict[int, dict[str, Any]] = {}
    outcomes: list[Outcome] = []
    for recipient in recipients:
        mine = {row.id: row for row in by_recruiter[recipient.recruiter_id]}
        contact_id = match_contact([ContactKey(r.id, r.candidate_ref, r.email) for r in mine.values()], document)
        row, entries = (mine[contact_id], held.get(contact_id, ())) if contact_id else (None, ())
        key = _stored_state(row, entries) if row else None
        result = merged.get(key)
        if result is None:
            stored = SimpleNamespace(**MATCHED.decoded(dialect_name, row)) if row else None
            result = merged[key] = merge_update(contact_state(stored, entries) if stored else None, document)
            written[id(result)] = (
                {name: value for name, value in _contact_values(result).items() if getattr(stored, name) != value}
                if stored
                else {}
            )
        outcomes.append((recipient, contact_id, result))
    return outcomes, written


def _stored_state(row, entries) -> tuple:
    """Everything of a stored contact its merge and its write depend on: the row past its id and
    recruiter, as stored, and the entries it holds. Equal keys give equal results."""
    return tuple(row[2:]), tuple(sorted((entry.ref, entry.revision, entry.retracted) for entry in entries))


def _touched_entries(document: dict[str, Any], contact_ids: list[int]) -> dict[int, list]:
    refs = [e["id"] for e in document["entries"]] + [r["id"] for r in document.get("retracted", [])]
    held: dict[int, list] = defaultdict(list)
    if refs and contact_ids:
        rows = db.session.execute(
            sa.select(
                ContactEntry.id,
                ContactEntry.contact_id,
                ContactEntry.ref,
                ContactEntry.revision,
                ContactEntry.retracted,
            ).where(ContactEntry.contact_id.in_(contact_ids), ContactEntry.ref.in_(refs))
        )
        for row in rows:
            held[row.contact_id].append(row)
    return held


def _contact_values(result: MergeResult) -> dict[str, Any]:
    state = result.state
    return {
        **state.fields,
        "candidate_ref": state.candidate_ref,
        "last_sequence": state.last_sequence,
        "manual_fields": sorted(state.manual_fields),
        "confirmed_at": state.confirmed_at,
        "updated_at": state.updated_at,
        "unlinked_at": None,
    }  # an update arrived: they are linked


def _write_contacts(document, outcomes, now: datetime, written: dict[int, dict[str, Any]]) -> dict[int, int]:
    """Insert new contacts and update matched ones (``written``: the columns each result changes);
    return recipient key -> contact id."""
    ids = {r.key: contact_id for r, contact_id, _ in outcomes if contact_id}
    # only the columns that change, one update_by_id per set of them: an update that changes
    # nothing but its sequence number writes three columns of each contact, not twenty
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for _, contact_id, result in outcomes:
        if contact_id:
            changed = written[id(result)]
            if changed:
                updates[tuple(sorted(changed))].append({"id": contact_id, **changed})
    for rows in updates.values():
        update_by_id(Contact, rows)
    first_follow_up = now.date() + timedelta(days=DEFAULT_CADENCE_DAYS)  # UTC day: one query, not one per zone
    inserts = [
        {
            "recruiter_id": r.recruiter_id,
            "source": "update",
            "created_at": now,
            "next_follow_up": first_follow_up,
            **_contact_values(result),
        }
        for r, contact_id, result in outcomes
        if not contact_id
    ]
    if inserts:
        db.session.execute(sa.insert(Contact), inserts)
        # (recruiter, candidate ref) is unique, so one query finds every new id
        new = dict(
            db.session.execute(
                sa.select(Contact.recruiter_id, Contact.id).where(
                    one_of(Contact.recruiter_id, [row["recruiter_id"] for row in inserts]),
                    Contact.candidate_ref == document["candidate"]["ref"],
                )
            ).all()
        )
        ids.update({r.key: new[r.recruiter_id] for r, contact_id, _ in outcomes if not contact_id})
    return ids


def update_by_id(model, rows: list[dict[str, Any]]) -> None:
    """Update rows by id, in Core (the ORM's bulk update costs twice as much per row). Every row
    must carry the same keys.

    One update brings the same values to most recipients' contacts (the same new sequence and
    confirmation time, the same new title), so rows sharing their values go out as one
    ``UPDATE ... WHERE id IN (...)`` instead of one round trip per row. Only a group holding a tenth of the rows is sent that way, so at most ten such
    statements and one executemany of the rest are sent, however many rows there are.
    """
    if not rows:
        return
    table = model.__table__
    names = [name for name in rows[0] if name != "id"]
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(_comparable(row[name]) for name in names)].append(row)
    alone = []
    for members in groups.values():
        if len(members) >= max(2, len(rows) // 10):
            db.session.execute(
                sa.update(table)
                .where(one_of(table.c.id, [row["id"] for row in members]))
                .values({name: members[0][name] for name in names})
            )
        else:
            alone.extend(members)
    if alone:
        values = {name: sa.bindparam(name, type_=table.c[name].type) for name in names}
        db.session.execute(
            sa.update(table).where(table.c.id == sa.bindparam("row_id")).values(values),
            [{**{name: row[name] for name in names}, "row_id": row["id"]} for row in alone],
        )


def _comparable(value: Any) -> Any:
    """A value as a dictionary key: JSON lists and objects by their text, with their type."""
    if isinstance(value, (list, dict)):
        return type(value), json.dumps(value, sort_keys=True, default=str)
    return type(value), value


def _write_history(ids, outcomes) -> None:
    changes = [
        {
            "contact_id": ids[r.key],
            "field": c.field,
            "old": c.old,
            "new": c.new,
            "at": c.at,
            "source": c.source,
            "update_public_id": c.update_id,
        }
        for r, _, result in outcomes
        for c in result.changes
    ]
    if changes:
        db.session.execute(sa.insert(ContactChange), changes)


def _write_entries(ids, outcomes, held) -> None:
    """Rule 7 in the database: new copies, replaced copies, and tombstones for withdrawn ones."""
    inserts, updates = [], []
    for recipient, contact_id, result in outcomes:
        rows = {row.ref: row.id for row in held.get(contact_id, ())}
        for ref in result.entries_added + result.entries_replaced + result.entries_retracted:
            values = _entry_values(result.state.entries[ref])
            if ref in rows:
                updates.append({"id": rows[ref], **values})
            else:
                inserts.append({"contact_id": ids[recipient.key], "ref": ref, **values})
        for ref, copy in result.state.entries.items():  # withdrawn before this contact ever held it
            if copy.retracted and ref not in rows and ref not in result.entries_retracted:
                inserts.append({"contact_id": ids[recipient.key], "ref": ref, **_entry_values(copy)})
    # Core statements on the table: a first update to 500 recruiters writes 500 copies of each
    # shared entry, and the ORM's bulk path cost as much per row as the database
    update_by_id(ContactEntry, updates)
    if inserts:
        db.session.execute(sa.insert(ContactEntry.__table__), inserts)


def _entry_values(copy: EntryCopy) -> dict[str, Any]:
    values = {"revision": copy.revision, "retracted": copy.retracted}
    values.update({name: copy.data.get(name, "") for name in ENTRY_COLUMNS})
    when = copy.data.get("date")
    values["date"] = date.fromisoformat(when) if when else None  # YYYY-MM-DD (the update schema)
    return values
