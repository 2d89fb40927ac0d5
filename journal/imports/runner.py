"""Run an import's checking or writing in the background, so the recruiter's pages stay usable.

Each run holds a lease on its job: a second start while it runs finds the lease and does
nothing. A run cut off by a restart leaves its lease to run out; the job page then offers to
go on, and the next run starts its phase again (checking from the top; writing was one
transaction, so nothing of it is in the database).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask

from journal.extensions import db
from journal.models import utcnow
from journal.models.imports import CHECKING, FAILED, IMPORTING, RUNNING, ImportJob

LEASE = timedelta(seconds=120)
START_GRACE = timedelta(seconds=30)  # how long a queued phase may wait for its thread
log = logging.getLogger("journal.imports")
_threads: set[threading.Thread] = set()


def renew(job: ImportJob) -> None:
    """Extend the lease of a running job (committed with its progress)."""
    job.lease_until = utcnow() + LEASE


def claim(job_id: int) -> ImportJob | None:
    """Take a running job whose lease is free; commit the claim. None if someone else has it."""
    now = utcnow()
    taken = db.session.execute(
        sa.update(ImportJob)
        .where(
            ImportJob.id == job_id,
            ImportJob.state.in_(RUNNING),
            sa.or_(ImportJob.lease_until.is_(None), ImportJob.lease_until < now),
        )
        .values(lease_until=now + LEASE)
    ).rowcount
    db.session.commit()
    return db.session.get(ImportJob, job_id) if taken else None


def stalled(job: ImportJob) -> bool:
    """A running phase that nobody is working on (the server restarted under it)."""
    if job.state not in RUNNING:
        return False
    now = utcnow()
    if job.lease_until is not None:
        return job.lease_until < now
    return job.started_at is None or job.started_at < now - START_GRACE


def run(app: Flask, job_id: int) -> None:
    """Do the job's current phase, in a fresh application context (the thread's own session)."""
    from journal.imports.checking import check
    from journal.imports.writing import write

    with app.app_context():
        try:
            job = claim(job_id)
            if job is None:
                return
            if job.state == CHECKING:
                check(job)
            elif job.state == IMPORTING:
                write(job)
        except Exception:
            log.exception("Import %s stopped", job_id)
            db.session.rollback()
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
        finally:
            db.session.remove()


def start(app: Flask, job_id: int) -> None:
    """Run the job's phase on a background thread."""
    thread = threading.Thread(target=_run_and_forget, args=(app, job_id), name=f"import-{job_id}", daemon=True)
    _threads.add(thread)
    thread.start()


def _run_and_forget(app: Flask, job_id: int) -> None:
    try:
        run(app, job_id)
    finally:
        _threads.discard(threading.current_thread())


def wait(timeout: float = 60) -> None:
    """Wait for the background runs started in this process (tests and shutdown)."""
    for thread in list(_threads):
        thread.join(timeout)
