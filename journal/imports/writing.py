"""Write a checked import in chunks, all of it or, if anything fails, none of it.

Rows that share an email become one contact; a row whose email a contact already has merges
into it (``fold``: fill blanks, add list items, append notes, keep what the record holds).
Merges are worked out here, chunk by chunk, against the contacts as they are now, not as the
preview saw them. Each chunk of CHUNK contacts is planned outside any write transaction, then
written in one short one (the write lock is never held long) with the job's progress, so a
worker that dies goes on after the last chunk. New contacts carry the job's id and each merge
keeps what it changed, so ``undo`` can take every chunk back when one fails: the recruiter gets
all of the import or none of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from journal import search
from journal.database import read_transaction
from journal.domain.followups import DEFAULT_CADENCE_DAYS, next_follow_up
from journal.domain.import_rows import fold
from journal.extensions import db
from journal.imports.checking import CHUNK, IMPORTED_FIELDS, chunks, existing_contacts
from journal.imports.runner import LEASE, pause_for_others
from journal.models import Contact, ContactChange, User, utcnow
from journal.models.imports import DONE, ImportJob, ImportRow

HISTORY_FIELDS = IMPORTED_FIELDS


def write(job: ImportJob) -> None:
    """Import the job's valid rows chunk by chunk, going on after the last chunk written."""
    job_id, recruiter_id, add_tags, written = job.id, job.recruiter_id, list(job.add_tags), job.written_count
    tz = db.session.get(User, recruiter_id).zone
    with read_transaction():
        groups = list(_groups(job_id).items())
    done = 0
    for chunk in chunks(groups, CHUNK):
        if done + len(chunk) > written:  # not written before a restart
            _write_chunk(job_id, recruiter_id, add_tags, chunk, tz, done + len(chunk))
        done += len(chunk)
    with read_transaction():
        written_rows = db.session.scalars(
            sa.select(ImportRow.id).where(ImportRow.job_id == job_id, ImportRow.action != "error")
        ).all()
    for some in chunks(written_rows, 2000):
        db.session.execute(sa.delete(ImportRow).where(ImportRow.id.in_(some)))
        db.session.commit()
    new_count = db.session.scalar(sa.select(sa.func.count()).where(Contact.import_job_id == job_id))
    db.session.execute(
        sa.update(ImportJob)
        .where(ImportJob.id == job_id)
        .values(
            new_count=new_count,
            merge_count=done - new_count,
            state=DONE,
            data=None,
            lease_until=None,
            finished_at=utcnow(),
        )
    )
    db.session.commit()


def _write_chunk(job_id: int, recruiter_id: int, add_tags: list[str], groups, tz, written: int) -> None:
    """One chunk: planned outside the write lock against the contacts as read then; inside it,
    planned again only if one of those contacts changed meanwhile; written with its progress."""
    emails = {key for key, _ in groups if not key.startswith("#")}
    with read_transaction():
        seen = existing_contacts(recruiter_id, emails)
    planned = _plan(job_id, recruiter_id, add_tags, groups, seen, tz)
    existing = existing_contacts(recruiter_id, emails)  # the write transaction (and its lock) starts here
    if existing != seen:
        planned = _plan(job_id, recruiter_id, add_tags, groups, existing, tz)
    inserts, updates, history, undone, now = planned
    if inserts:
        db.session.execute(sa.insert(Contact), inserts)
    if updates:
        db.session.execute(sa.update(Contact), updates)
    if history:
        db.session.execute(sa.insert(ContactChange), history)
    if undone:
        table = ImportRow.__table__
        db.session.execute(
            sa.update(table).where(table.c.id == sa.bindparam("b_id")).values(undo=sa.bindparam("undo")), undone
        )
    new_ids = list(
        db.session.scalars(sa.select(Contact.id).where(Contact.import_job_id == job_id, Contact.created_at == now))
    )
    search.reindex(new_ids + [row["id"] for row in updates])
    db.session.execute(
        sa.update(ImportJob).where(ImportJob.id == job_id).values(written_count=written, lease_until=utcnow() + LEASE)
    )
    db.session.commit()
    pause_for_others()


def _plan(job_id, recruiter_id, add_tags, groups, existing, tz) -> tuple[list, list, list, list, datetime]:
    """The chunk's contact inserts and updates, history rows and undo records (pure work on values)."""
    now = utcnow()
    inserts, updates, history, undone = [], [], [], []
    for key, rows in groups:
        before = existing.get(key)
        values = dict(before) if before else {**rows[0]["values"], "tags": list(rows[0]["values"]["tags"])}
        for row in rows[0 if before else 1 :]:
            values = fold(values, row["values"]).values
        values = fold(values, {"tags": add_tags}).values if add_tags else values
        if before is None:
            inserts.append(_new_contact(job_id, recruiter_id, values, now, tz))
        elif values != before:
            changed = {name: values[name] for name in values if name != "id" and values[name] != before[name]}
            updates.append(
                {**{name: values[name] for name in values if name != "id"}, "id": before["id"], "updated_at": now}
            )
            history += [
                {
                    "contact_id": before["id"],
                    "field": name,
                    "old": before[name],
                    "new": values[name],
                    "at": now,
                    "source": "import",
                }
                for name in HISTORY_FIELDS
                if name in changed
            ]
            undone.append(
                {
                    "b_id": rows[0]["id"],
                    "undo": {
                        "contact": before["id"],
                        "at": now.isoformat(),
                        "before": {n: before[n] for n in changed},
                        "after": changed,
                    },
                }
            )
    return inserts, updates, history, undone, now


def undo(job_id: int) -> None:
    """Take back what the chunks written so far did: restore each merged field the import changed
    (unless something else changed it since), drop its history, delete the contacts it created."""
    merged = db.session.scalars(
        sa.select(ImportRow.undo).where(ImportRow.job_id == job_id, ImportRow.undo.is_not(None))
    ).all()
    for some in chunks(merged, CHUNK):
        ids = [record["contact"] for record in some]
        contacts = {c.id: c for c in db.session.scalars(sa.select(Contact).where(Contact.id.in_(ids)))}
        for record in some:
            contact = contacts.get(record["contact"])
            if contact is None:
                continue
            for name, value in record["before"].items():
                if getattr(contact, name) == record["after"][name]:
                    setattr(contact, name, value)
            db.session.execute(
                sa.delete(ContactChange).where(
                    ContactChange.contact_id == contact.id,
                    ContactChange.source == "import",
                    ContactChange.at == datetime.fromisoformat(record["at"]),
                )
            )
        db.session.flush()
        search.reindex(ids)
        db.session.commit()
    created = db.session.scalars(sa.select(Contact.id).where(Contact.import_job_id == job_id)).all()
    for some in chunks(created, CHUNK):
        search.remove(some)
        db.session.execute(sa.delete(Contact).where(Contact.id.in_(some)))
        db.session.commit()


def _groups(job_id: int) -> dict[str, list[dict[str, Any]]]:
    """The valid rows in file order, grouped by email ("#line" for a row without one)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    rows = db.session.execute(
        sa.select(ImportRow.id, ImportRow.line, ImportRow.values)
        .where(ImportRow.job_id == job_id, ImportRow.action != "error")
        .order_by(ImportRow.line)
    )
    for row_id, line, values in rows:
        groups.setdefault(values["email"] or f"#{line}", []).append({"id": row_id, "values": values})
    return groups


def _new_contact(job_id: int, recruiter_id: int, values: dict[str, Any], now: datetime, tz) -> dict[str, Any]:
    return {
        **values,
        "recruiter_id": recruiter_id,
        "import_job_id": job_id,
        "source": "import",
        "kind": "candidate",
        "stage": "new",
        "cadence_days": DEFAULT_CADENCE_DAYS,
        "next_follow_up": next_follow_up(now, "new", DEFAULT_CADENCE_DAYS, tz),
        "created_at": now,
        "updated_at": now,
        "headline": "",
        "status": "",
        "links": [],
        "manual_fields": [],
        "last_sequence": 0,
    }
