"""Contact imports: an uploaded file, its checked rows, and where the import stands."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from journal.extensions import db
from journal.models.base import UTCDateTime, utcnow

# mapping: the recruiter picks columns (CSV only) · checking: rows are read and checked, with
# progress · ready: the preview waits for a yes · importing: contacts are written chunk by chunk,
# with progress · done · failed: nothing was written (or it was taken back), ``message`` says why
MAPPING, CHECKING, READY, IMPORTING, DONE, FAILED = "mapping", "checking", "ready", "importing", "done", "failed"
RUNNING = (CHECKING, IMPORTING)


class ImportJob(db.Model):
    """One upload of a CSV or vCard file by a recruiter."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    recruiter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    format: Mapped[str] = mapped_column(sa.String(8))  # "csv" or "vcard"
    data: Mapped[Optional[bytes]] = mapped_column(sa.LargeBinary)  # dropped once the import ends
    encoding: Mapped[str] = mapped_column(sa.String(40))
    columns: Mapped[list] = mapped_column(sa.JSON, default=list)
    samples: Mapped[list] = mapped_column(sa.JSON, default=list)  # the first rows, to help with the mapping
    mapping: Mapped[list] = mapped_column(sa.JSON, default=list)
    add_tags: Mapped[list] = mapped_column(sa.JSON, default=list)
    state: Mapped[str] = mapped_column(sa.String(10))
    total_rows: Mapped[int] = mapped_column(default=0)
    checked_rows: Mapped[int] = mapped_column(default=0)
    new_count: Mapped[int] = mapped_column(default=0)
    merge_count: Mapped[int] = mapped_column(default=0)
    repeat_count: Mapped[int] = mapped_column(default=0)
    error_count: Mapped[int] = mapped_column(default=0)
    written_count: Mapped[int] = mapped_column(default=0, server_default="0")  # contacts written so far
    message: Mapped[str] = mapped_column(sa.Text, default="")
    lease_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    finished_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.CheckConstraint("state IN ('mapping', 'checking', 'ready', 'importing', 'done', 'failed')", name="state"),
    )

    @property
    def percent(self) -> int:
        return int(100 * self.checked_rows / self.total_rows) if self.total_rows else 0

    @property
    def written_percent(self) -> int:
        return int(100 * self.written_count / self.to_import) if self.to_import else 0

    @property
    def to_import(self) -> int:
        return self.new_count + self.merge_count


class ImportRow(db.Model):
    """One checked row (or vCard) of an import: its values, its errors, and what it will do."""

    __tablename__ = "import_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(sa.ForeignKey("import_jobs.id", ondelete="CASCADE"))
    line: Mapped[int]  # row number in the spreadsheet (header = 1), or the line a vCard starts on
    values: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    errors: Mapped[list] = mapped_column(sa.JSON, default=list)
    # "new", "merge" (into contact_id), "repeat" (of the row at repeat_of), or "error"
    action: Mapped[str] = mapped_column(sa.String(8))
    contact_id: Mapped[Optional[int]] = mapped_column(sa.ForeignKey("contacts.id", ondelete="SET NULL"))
    repeat_of: Mapped[Optional[int]]
    effect: Mapped[str] = mapped_column(sa.String(200), default="")  # "adds Phone; keeps your Title"
    # written into an existing contact: what to put back if the import fails (contact, at, before, after)
    undo: Mapped[Optional[dict[str, Any]]] = mapped_column(sa.JSON)

    __table_args__ = (sa.Index("ix_import_rows_job_action_line", "job_id", "action", "line"),)
