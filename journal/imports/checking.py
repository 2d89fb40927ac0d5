"""Upload and check: read the file, check every row, and stage it for the preview.

Checking writes nothing to contacts. It commits every ``CHUNK`` rows so the progress shows
and the write lock (on SQLite) is held only briefly; a check that stops half-way starts again
from the top, since its staged rows are thrown away first.
"""

from __future__ import annotations

from typing import Any, Iterator

import sqlalchemy as sa

from journal.database import read_transaction
from journal.domain.import_files import (
    ImportFileError,
    decode,
    looks_like_vcard,
    read_card,
    read_csv,
    split_vcards,
)
from journal.domain.import_rows import (
    cells_by_field,
    clean_row,
    describe,
    fold,
    guess_mapping,
)
from journal.domain.updates import CANDIDATE_FIELDS
from journal.extensions import db
from journal.imports.runner import LEASE, pause_for_others
from journal.models import Contact, User, utcnow
from journal.models.imports import (
    CHECKING,
    FAILED,
    MAPPING,
    READY,
    ImportJob,
    ImportRow,
)

CHUNK = 500
# the candidate-owned fields an import file may fill (not headline, status or links), and the recruiter's own
IMPORTED_FIELDS = tuple(name for name in CANDIDATE_FIELDS if name not in ("headline", "status", "links"))
CONTACT_VALUES = (*IMPORTED_FIELDS, "notes", "tags")
SAMPLE_ROWS = 3


def create_job(recruiter: User, filename: str, data: bytes) -> ImportJob:
    """A new import from an uploaded file; CSV waits for its column mapping, a vCard file is checked at once.
    Raises ImportFileError when the file cannot be read at all."""
    decoded = decode(data)
    job = ImportJob(
        recruiter_id=recruiter.id, filename=(filename or "upload")[-255:], data=data, encoding=decoded.encoding
    )
    if looks_like_vcard(decoded.text):
        job.format, job.state = "vcard", CHECKING
        job.total_rows = len(split_vcards(decoded.text))
        job.started_at = utcnow()
    else:
        table = read_csv(decoded.text)
        job.format, job.state = "csv", MAPPING
        job.columns = table.header
        job.mapping = guess_mapping(table.header)
        job.samples = [cells for _, cells in table.rows[:SAMPLE_ROWS]]
        job.total_rows = len(table.rows)
    db.session.add(job)
    db.session.flush()
    return job


def choose_mapping(job: ImportJob, mapping: list[str], add_tags: list[str]) -> None:
    """The recruiter's column choices: checking can start."""
    job.mapping, job.add_tags = mapping, add_tags
    job.state, job.started_at, job.lease_until = CHECKING, utcnow(), None


def _records(fmt: str, mapping: list[str], data: bytes | None) -> list:
    """Every row or card of the job's file: (line, cells by field, reading errors) for CSV; (line, card
    text) for vCards, which are read chunk by chunk (reading is the slow part, and the progress shows it)."""
    text = decode(data or b"").text
    if fmt == "vcard":
        return split_vcards(text)
    return [(line, *cells_by_field(mapping, cells)) for line, cells in read_csv(text).rows]


def _read(fmt: str, records: list) -> list[tuple[int, dict[str, str], list[str]]]:
    if fmt != "vcard":
        return records
    return [(card.line, card.cells, card.errors) for card in (read_card(line, block) for line, block in records)]


def check(job: ImportJob) -> None:
    """Check every row in chunks, committing progress; end ready for the preview (or failed).

    The file is read, and each chunk's rows cleaned and compared, outside any write transaction;
    each chunk then takes SQLite's write lock only to insert its rows and the progress.
    """
    job_id, recruiter_id, fmt, mapping, data = job.id, job.recruiter_id, job.format, list(job.mapping), job.data
    db.session.execute(sa.delete(ImportRow).where(ImportRow.job_id == job_id))
    db.session.commit()
    try:
        records = _records(fmt, mapping, data)
    except ImportFileError as error:
        _update(job_id, state=FAILED, message=str(error), data=None, lease_until=None)
        return
    counts = dict(total_rows=len(records), checked_rows=0, new_count=0, merge_count=0, repeat_count=0, error_count=0)
    _update(job_id, **counts)
    seen: dict[str, int] = {}  # email -> the first row that has it
    for chunk in chunks(records):
        cleaned = _cleaned(_read(fmt, chunk))
        with read_transaction():
            existing = existing_contacts(recruiter_id, {v["email"] for _, v, e in cleaned if not e and v["email"]})
        rows = _plan(job_id, cleaned, existing, seen, counts)
        counts["checked_rows"] += len(chunk)
        db.session.execute(sa.insert(ImportRow), rows)
        _update(job_id, **counts, lease_until=utcnow() + LEASE)
        pause_for_others()
    _update(job_id, state=READY, lease_until=None)


def _update(job_id: int, **values) -> None:
    """Write a job's state or progress, and commit: one short transaction."""
    db.session.execute(sa.update(ImportJob).where(ImportJob.id == job_id).values(**values))
    db.session.commit()


def _cleaned(records) -> list[tuple[int, dict[str, Any], list[str]]]:
    cleaned = []
    for line, cells, errors in records:
        values, problems = clean_row(cells) if not errors else ({}, [])
        cleaned.append((line, values, errors + problems))
    return cleaned


def _plan(job_id: int, cleaned, existing, seen: dict[str, int], counts: dict[str, int]) -> list[dict[str, Any]]:
    """What each row will do: new, merge into a contact, repeat an earlier row, or error (counted)."""
    rows = []
    for line, values, errors in cleaned:
        row: dict[str, Any] = {
            "job_id": job_id,
            "line": line,
            "values": values,
            "errors": errors,
            "contact_id": None,
            "repeat_of": None,
            "effect": "",
        }
        email = values.get("email")
        if errors:
            row["action"] = "error"
            counts["error_count"] += 1
        elif email and email in seen:
            row.update(action="repeat", repeat_of=seen[email], effect=f"merges with row {seen[email]}")
            counts["repeat_count"] += 1
        elif email and email in existing:
            contact = existing[email]
            row.update(action="merge", contact_id=contact["id"], effect=describe(fold(contact, values))[:200])
            counts["merge_count"] += 1
        else:
            row["action"] = "new"
            counts["new_count"] += 1
        if email and not errors:
            seen.setdefault(email, line)
        rows.append(row)
    return rows


def existing_contacts(recruiter_id: int, emails: set[str]) -> dict[str, dict[str, Any]]:
    """The recruiter's contacts with these emails (the oldest one where two share an email)."""
    found: dict[str, dict[str, Any]] = {}
    for some in chunks(sorted(emails)):
        rows = db.session.execute(
            sa.select(Contact.id, *(getattr(Contact, name) for name in CONTACT_VALUES))
            .where(Contact.recruiter_id == recruiter_id, Contact.email.in_(some))
            .order_by(Contact.id.desc())
        )
        for row in rows:
            found[row.email] = row._asdict()  # newest first, so the oldest is written last and wins
    return found


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
