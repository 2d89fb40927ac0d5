"""Run imports in the background worker (``flask deliver``), as emails and digests are.

A request only sets a job's state (checking, importing); the worker takes the oldest running
job whose lease is free, holds the lease while it works, and renews it with every chunk it
commits. A chunk is small (500 rows), so the import never holds SQLite's write lock for long and
logging in or notifying stays fast meanwhile. A worker that dies leaves its lease to run out;
the next one takes the job again: checking starts over, writing goes on after the last chunk
it committed.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from journal.extensions import db
from journal.models import utcnow
from journal.models.imports import CHECKING, FAILED, IMPORTING, RUNNING, ImportJob

LEASE = timedelta(seconds=120)
START_GRACE = timedelta(seconds=30)  # how long a queued phase may wait for a worker before the page says so
log = logging.getLogger("journal.imports")


def pause_for_others() -> None:
    """After a chunk's commit, leave SQLite's write lock free for a moment. A writer waiting for it
    (a log-in, a notify) polls at intervals of up to 100 ms; without a pause, the next chunk took
    the lock again before it looked. PostgreSQL locks rows, not the database: no pause there."""
    if db.engine.dialect.name == "sqlite":
        time.sleep(current_app.config["IMPORT_PAUSE_SECONDS"])


def _free():
    return sa.or_(ImportJob.lease_until.is_(None), ImportJob.lease_until < utcnow())


def claim(job_id: int) -> ImportJob | None:
    """Take a running job whose lease is free; commit the claim. None if someone else has it."""
    taken = db.session.execute(
        sa.update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.state.in_(RUNNING), _free())
        .values(lease_until=utcnow() + LEASE)
    ).rowcount
    db.session.commit()
    return db.session.get(ImportJob, job_id) if taken else None


def waiting() -> list[int]:
    """Running jobs nobody works on, oldest first."""
    return list(
        db.session.scalars(sa.select(ImportJob.id).where(ImportJob.state.in_(RUNNING), _free()).order_by(ImportJob.id))
    )


def stalled(job: ImportJob) -> bool:
    """A running phase that no worker has taken for a while (none may be running)."""
    if job.state not in RUNNING:
        return False
    now = utcnow()
    if job.lease_until is not None:
        return job.lease_until < now - START_GRACE
    return job.started_at is None or job.started_at < now - START_GRACE


def run_waiting() -> int:
    """Run every waiting job's phase, one after the other; return how many ran."""
    ran = 0
    for job_id in waiting():
        ran += run(job_id)
    return ran


def run(job_id: int) -> bool:
    """Do the job's current phase if its lease is free; any error marks it failed, with nothing imported."""
    from journal.imports.checking import check
    from journal.imports.writing import undo, write

    job = claim(job_id)
    if job is None:
        return False
    phase = job.state
    try:
        if phase == CHECKING:
            check(job)
        elif phase == IMPORTING:
            write(job)
    except Exception:
        log.exception("Import %s stopped", job_id)
        db.session.rollback()
        if phase == IMPORTING:
            undo(job_id)
        db.session.execute(
            sa.update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.state.in_(RUNNING))
            .values(
                state=FAILED,
                lease_until=None,
                data=None,
                message="Something went wrong on our side, and nothing was imported. Please upload the file again.",
            )
        )
        db.session.commit()
    return True
