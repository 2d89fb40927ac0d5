"""The weekly follow-up digest: on the recruiter's chosen day, an email listing who is due."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import render_template

from journal.domain.followups import days_overdue, local_date
from journal.extensions import db
from journal.followups.services import due_contacts
from journal.models import RECRUITER, User, utcnow
from journal.outbox.emails import external_url
from journal.outbox.enqueue import enqueue_text_email


def queue_digests(now: datetime | None = None) -> int:
    """Queue today's digest for each recruiter whose digest day it is (once a day); returns how many."""
    now = now or utcnow()
    queued = 0
    for recruiter in db.session.scalars(sa.select(User).where(User.role == RECRUITER, User.digest_day.is_not(None))):
        today = local_date(now, recruiter.zone)
        if today.weekday() != recruiter.digest_day or recruiter.digest_sent_on == today:
            continue
        recruiter.digest_sent_on = today
        due = due_contacts(recruiter, now)
        if not due:
            continue
        rows = [(d, days_overdue(d.on, now, recruiter.zone)) for d in due]
        body = render_template("email/digest.txt", recruiter=recruiter, rows=rows, link=external_url("followups.index"))
        enqueue_text_email("digest", recruiter, f"Your follow-ups this week: {len(due)} due", body)
        queued += 1
    db.session.commit()
    return queued
