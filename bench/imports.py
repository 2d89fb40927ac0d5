"""Import scenarios of `make bench`: a 10,000-row import's check and write, and logging in while
the background worker runs a 100,000-row import (its chunks must leave the database to others)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from bench.load import Result, Session

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["name", "email", "title", "employer", "skills"]


def csv_file(rows: int, prefix: str) -> bytes:
    lines = ["Name,Email,Job title,Company,Skills"]
    lines += [f"Imported {prefix} {n},{prefix}{n}@import.example,Engineer,Acme,python; sql" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def queue_import(app, recruiter_email: str, rows: int, prefix: str) -> int:
    """Upload a CSV for the recruiter and choose its columns, as the pages do: the job waits for a worker."""
    from journal.extensions import db
    from journal.imports.checking import choose_mapping, create_job
    from journal.models import User

    with app.app_context():
        recruiter = db.session.scalar(sa.select(User).where(User.email == recruiter_email))
        job = create_job(recruiter, f"{prefix}.csv", csv_file(rows, prefix))
        choose_mapping(job, COLUMNS, [])
        db.session.commit()
        return job.id


def state_of(app, job_id: int) -> tuple[str, int]:
    from journal.extensions import db
    from journal.models import ImportJob

    with app.app_context():
        return db.session.execute(sa.select(ImportJob.state, ImportJob.new_count).where(ImportJob.id == job_id)).one()


def import_time(app, recruiter_email: str, rows: int) -> Result:
    """Check and write an import in this process with the worker's own code, nothing else running."""
    from journal.extensions import db
    from journal.imports import runner, services
    from journal.models import ImportJob

    job_id = queue_import(app, recruiter_email, rows, "ten")
    started = time.perf_counter()
    with app.app_context():
        runner.run(job_id)
        services.start_writing(db.session.get(ImportJob, job_id))
        db.session.commit()
        runner.run(job_id)
        db.engine.dispose()
    elapsed = time.perf_counter() - started
    state, written = state_of(app, job_id)
    assert state == "done" and written == rows, (state, written)
    # one run: its time in the p50 column, rows a second in the rps column
    return Result(f"import {rows:,} rows, check + write", round(elapsed * 1000, 1), None, round(rows / elapsed, 1))


def login_during_import(app, port: int, env: dict, facts: dict, password: str, rows: int) -> Result:
    """Log in again and again while `flask deliver` checks and writes a large import."""
    from journal.extensions import db
    from journal.imports import services
    from journal.models import ImportJob

    job_id = queue_import(app, facts["recruiter"], rows, "big")
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "journal", "deliver", "--poll", "0.1"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
    )
    latencies: list[float] = []
    try:
        wrote = False
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            state, _ = state_of(app, job_id)
            if state == "ready" and not wrote:  # the recruiter says yes as soon as the preview shows
                with app.app_context():
                    services.start_writing(db.session.get(ImportJob, job_id))
                    db.session.commit()
                wrote = True
            elif state in ("done", "failed"):
                break
            session = Session(port)
            token = session.token("/login")
            started = time.perf_counter()
            status, _ = session.request(
                "POST", "/login", {"email": facts["recruiter"], "password": password, "csrf_token": token}
            )
            latencies.append(time.perf_counter() - started)
            assert status == 302, status
            time.sleep(0.05)
        state, written = state_of(app, job_id)
        assert state == "done" and written == rows, (state, written)
    finally:
        worker.terminate()
        worker.wait(30)
    return Result.of(f"log-in during a {rows:,}-row import", latencies, None)
