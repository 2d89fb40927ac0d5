"""Export contacts as CSV or vCard, streamed so a large database never sits in memory."""

from __future__ import annotations

import csv
import io
from typing import Iterator

import sqlalchemy as sa

from journal.domain.updates import CANDIDATE_FIELDS, LIST_FIELDS
from journal.domain.vcards import person_vcard
from journal.extensions import db

CSV_COLUMNS = (*CANDIDATE_FIELDS, "kind", "stage", "tags", "notes", "updated_at", "confirmed_at")
LISTS = {*LIST_FIELDS, "tags"}


def _contacts(query: sa.Select):
    return db.session.execute(query.execution_options(yield_per=500)).scalars()


def csv_lines(query: sa.Select) -> Iterator[str]:
    """A header line, then one line per contact; lists are joined with "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + flush()  # a BOM, so spreadsheet programs read UTF-8
    for contact in _contacts(query):
        row = []
        for name in CSV_COLUMNS:
            value = getattr(contact, name)
            row.append("; ".join(value or []) if name in LISTS else ("" if value is None else str(value)))
        writer.writerow(row)
        yield flush()


def vcards(query: sa.Select) -> Iterator[str]:
    """One vCard 4.0 per contact, one after the other."""
    for contact in _contacts(query):
        yield person_vcard(
            {name: getattr(contact, name) for name in (*CANDIDATE_FIELDS, "tags")}, uid=f"contact-{contact.id}"
        )
