"""Write a checked import: every valid row in one transaction, so nothing is half-imported.

Rows that share an email become one contact; a row whose email a contact already has merges
into it (``fold``: fill blanks, add list items, append notes, keep what the record holds).
Merges are worked out again here, against the contacts as they are now, not as the preview
saw them. Statements go out in executemany batches; the search index is brought up to date
in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from journal import search
from journal.domain.followups import DEFAULT_CADENCE_DAYS, next_follow_up
from journal.domain.import_rows import fold
from journal.extensions import db
from journal.imports.checking import IMPORTED_FIELDS, chunks, existing_contacts
from journal.models import Contact, ContactChange, User, utcnow
from journal.models.imports import DONE, ImportJob, ImportRow

HISTORY_FIELDS = IMPORTED_FIELDS


def write(job: ImportJob) -> None:
    """Import the job's valid rows and finish it; any error rolls all of it back (the runner marks it failed)."""
    now = utcnow()
    groups = _groups(job)
    existing = existing_contacts(job.recruiter_id, {key for key in groups if not key.startswith("#")})
    tz = db.session.get(User, job.recruiter_id).zone
    inserts, updates, history = [], [], []
    for key, rows in groups.items():
        before = existing.get(key)
        values = dict(before) if before else {**rows[0], "tags": list(rows[0]["tags"])}
        for row in rows[0 if before else 1 :]:
            values = fold(values, row).values
        values = fold(values, {"tags": job.add_tags}).values if job.add_tags else values
        if before is None:
            inserts.append(_new_contact(job, values, now, tz))
        elif values != before:
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
                if values[name] != before[name]
            ]
    new_ids: list[int] = []
    if inserts:
        # plain executemany (RETURNING would cost five times as much); the new rows share ``now``
        db.session.execute(sa.insert(Contact), inserts)
        new_ids = list(
            db.session.scalars(
                sa.select(Contact.id).where(
                    Contact.recruiter_id == job.recruiter_id, Contact.source == "import", Contact.created_at == now
                )
            )
        )
    if updates:
        db.session.execute(sa.update(Contact), updates)
    if history:
        db.session.execute(sa.insert(ContactChange), history)
    for some in chunks(new_ids + [row["id"] for row in updates], 1000):
        search.reindex(some)
    db.session.execute(sa.delete(ImportRow).where(ImportRow.job_id == job.id, ImportRow.action != "error"))
    job.new_count, job.merge_count = len(inserts), len(existing)
    job.state, job.data, job.lease_until, job.finished_at = DONE, None, None, utcnow()
    db.session.commit()


def _groups(job: ImportJob) -> dict[str, list[dict[str, Any]]]:
    """The valid rows in file order, grouped by email ("#line" for a row without one)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    rows = db.session.execute(
        sa.select(ImportRow.line, ImportRow.values)
        .where(ImportRow.job_id == job.id, ImportRow.action != "error")
        .order_by(ImportRow.line)
    )
    for line, values in rows:
        groups.setdefault(values["email"] or f"#{line}", []).append(values)
    return groups


def _new_contact(job: ImportJob, values: dict[str, Any], now: datetime, tz) -> dict[str, Any]:
    return {
        **values,
        "recruiter_id": job.recruiter_id,
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
