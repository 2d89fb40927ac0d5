"""Import queries: a recruiter's jobs and the rows of one, always scoped to their owner."""

from __future__ import annotations

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, User, utcnow
from journal.models.imports import IMPORTING, ImportJob, ImportRow
from journal.paging import Page, page_of

ROWS_PER_PAGE = 100


def job_of(recruiter: User, job_id: int) -> ImportJob:
    """One of the recruiter's imports, or 404."""
    return db.first_or_404(sa.select(ImportJob).where(ImportJob.id == job_id, ImportJob.recruiter_id == recruiter.id))


def recent_jobs(recruiter: User, limit: int = 20) -> list[ImportJob]:
    return list(
        db.session.scalars(
            sa.select(ImportJob)
            .where(ImportJob.recruiter_id == recruiter.id)
            .order_by(ImportJob.created_at.desc(), ImportJob.id.desc())
            .limit(limit)
            .options(sa.orm.defer(ImportJob.data))
        )
    )


def rows_of(job: ImportJob, actions: list[str], page: int) -> Page:
    """A page of the job's checked rows with these actions, in file order, with the contact a row merges into."""
    query = (
        sa.select(ImportRow, Contact.name.label("contact_name"))
        .outerjoin(Contact, sa.and_(Contact.id == ImportRow.contact_id, Contact.recruiter_id == job.recruiter_id))
        .where(ImportRow.job_id == job.id, ImportRow.action.in_(actions))
        .order_by(ImportRow.line)
    )
    return page_of(query, page, ROWS_PER_PAGE, scalars=False)


def start_writing(job: ImportJob) -> None:
    job.state, job.started_at, job.lease_until, job.written_count = IMPORTING, utcnow(), None, 0


def delete_job(job: ImportJob) -> None:
    db.session.delete(job)
