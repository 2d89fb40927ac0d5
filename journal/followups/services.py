"""Follow-up queue, touches and batch check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from journal.domain.followups import ACTIVE_STAGES, local_date, next_follow_up
from journal.extensions import db
from journal.messages.services import send_message
from journal.models import Contact, Pool, PoolMember, Touch, User, utcnow

CHECK_IN = "No news yet — you have not been forgotten. I will be in touch as soon as I hear more."


def schedule(contact: Contact, tz, since: datetime | None = None) -> None:
    """Set the next follow-up from the last touch (or creation) and the cadence."""
    start = since or contact.last_contacted_at or contact.created_at or utcnow()
    contact.next_follow_up = next_follow_up(start, contact.stage, contact.cadence_days, tz)


def log_touch(contact: Contact, kind: str, note: str, tz, at: datetime | None = None) -> Touch:
    """Record a call, email, meeting or message; it resets the contact's follow-up clock and
    settles any pool re-engage day that has come."""
    at = at or utcnow()
    touch = Touch(contact_id=contact.id, kind=kind, note=note or "", at=at)
    db.session.add(touch)
    contact.last_contacted_at = at
    schedule(contact, tz, at)
    db.session.execute(
        sa.update(PoolMember)
        .where(PoolMember.contact_id == contact.id, PoolMember.reengage_on <= local_date(at, tz))
        .values(reengage_on=None)
    )
    return touch


def touches_of(contact: Contact) -> list[Touch]:
    return list(
        db.session.scalars(
            sa.select(Touch).where(Touch.contact_id == contact.id).order_by(Touch.at.desc(), Touch.id.desc())
        )
    )


@dataclass(frozen=True)
class Due:
    contact: Contact
    on: date
    reason: str


def due_contacts(recruiter: User, now: datetime | None = None) -> list[Due]:
    """Contacts whose follow-up day or pool re-engage day has come, oldest first."""
    today = local_date(now or utcnow(), recruiter.zone)
    due: dict[int, Due] = {}
    for contact in db.session.scalars(
        sa.select(Contact)
        .where(
            Contact.recruiter_id == recruiter.id,
            Contact.stage.in_(ACTIVE_STAGES),
            Contact.cadence_days.is_not(None),
            Contact.next_follow_up <= today,
        )
        .limit(500)
    ):
        due[contact.id] = Due(contact, contact.next_follow_up, "follow-up")
    for contact, on, pool in db.session.execute(
        sa.select(Contact, PoolMember.reengage_on, Pool.name)
        .join(PoolMember, PoolMember.contact_id == Contact.id)
        .join(Pool, Pool.id == PoolMember.pool_id)
        .where(Contact.recruiter_id == recruiter.id, PoolMember.reengage_on <= today)
        .limit(500)
    ):
        if contact.id not in due or on < due[contact.id].on:
            due[contact.id] = Due(contact, on, f"re-engage ({pool})")
    return sorted(due.values(), key=lambda d: (d.on, d.contact.name))


def check_in(recruiter: User, contact_ids: list[int], body: str) -> int:
    """Send one message to each chosen contact and log it as a touch; returns how many."""
    contacts = db.session.scalars(
        sa.select(Contact).where(Contact.recruiter_id == recruiter.id, Contact.id.in_(contact_ids))
    ).all()
    for contact in contacts:
        send_message(recruiter, contact, body)
        log_touch(contact, "message", body, recruiter.zone)
    return len(contacts)
