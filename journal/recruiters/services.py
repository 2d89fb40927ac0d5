"""Candidate-side operations: link and unlink recruiters, build and send updates."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from journal.contacts.merging import Recipient, merge_into_contacts
from journal.database import one_of
from journal.domain.updates import CANDIDATE_FIELDS, Built, build_update, summarise
from journal.extensions import db
from journal.models import (
    RECRUITER,
    Contact,
    Delivery,
    JournalEntry,
    RecruiterLink,
    Update,
    User,
    utcnow,
)
from journal.outbox.enqueue import enqueue_update_emails


class NothingToNotify(Exception):
    """The candidate has no recruiters to notify."""


class NotVerified(Exception):
    """The candidate has not proven their login email: nothing is sent in their name yet."""


def links_of(candidate: User) -> list[RecruiterLink]:
    """The candidate's recruiters, in the order they were added."""
    return list(
        db.session.scalars(
            sa.select(RecruiterLink).where(RecruiterLink.candidate_id == candidate.id).order_by(RecruiterLink.id)
        )
    )


def has_links(candidate: User) -> bool:
    return bool(db.session.scalar(sa.select(sa.exists().where(RecruiterLink.candidate_id == candidate.id))))


def link_of(candidate: User, link_id: int) -> RecruiterLink:
    """One of the candidate's recruiter links, or 404."""
    return db.first_or_404(
        sa.select(RecruiterLink).where(RecruiterLink.id == link_id, RecruiterLink.candidate_id == candidate.id)
    )


def recruiter_account(email: str) -> User | None:
    """The recruiter account that proved this email, if there is one (candidate accounts never match;
    an unverified account gets the link when it verifies)."""
    return db.session.scalar(
        sa.select(User).where(User.email == email.lower(), User.role == RECRUITER, User.email_verified_at.is_not(None))
    )


def add_link(candidate: User, name: str, email: str, firm: str = "") -> RecruiterLink:
    """Put a recruiter on the candidate's list, attached to their account when they have one."""
    account = recruiter_account(email)
    link = RecruiterLink(
        candidate_id=candidate.id,
        name=name,
        email=email.lower(),
        firm=firm or "",
        recruiter_id=account.id if account else None,
    )
    db.session.add(link)
    db.session.flush()
    return link


def remove_link(candidate: User, link: RecruiterLink, now: datetime | None = None) -> None:
    """Unlink: later updates skip this recruiter; their contact stays, marked unlinked."""
    if link.recruiter_id:
        db.session.execute(
            sa.update(Contact)
            .where(
                Contact.recruiter_id == link.recruiter_id,
                Contact.candidate_ref == candidate.profile.ref,
            )
            .values(unlinked_at=now or utcnow())
        )
    db.session.delete(link)


def last_deliveries(links: list[RecruiterLink]) -> dict[int, Delivery]:
    """The most recent delivery to each link, in one query."""
    if not links:
        return {}
    newest = (
        sa.select(sa.func.max(Delivery.id))
        .where(Delivery.link_id.in_([link.id for link in links]))
        .group_by(Delivery.link_id)
    )
    rows = db.session.scalars(sa.select(Delivery).where(Delivery.id.in_(newest)))
    return {d.link_id: d for d in rows}


ENTRY_FIELDS = ("ref", "revision", "kind", "date", "title", "employer", "details", "amount", "currency")


def candidate_payload(candidate: User) -> dict[str, Any]:
    profile = candidate.profile
    return {"ref": profile.ref, **{name: getattr(profile, name) for name in CANDIDATE_FIELDS}}


def shared_entries(candidate: User) -> list[dict[str, Any]]:
    # plain rows: a candidate may share hundreds of entries, and no ORM object is needed here
    rows = db.session.execute(
        sa.select(*(getattr(JournalEntry, name) for name in ENTRY_FIELDS)).where(
            JournalEntry.user_id == candidate.id, JournalEntry.shared.is_(True)
        )
    )
    return [row._asdict() for row in rows]


def latest_sent(candidate: User) -> sa.Row | None:
    """The sequence and snapshot of the candidate's last update: its document is not needed."""
    return db.session.execute(
        sa.select(Update.sequence, Update.snapshot)
        .where(Update.candidate_id == candidate.id)
        .order_by(Update.sequence.desc())
        .limit(1)
    ).first()


def compose(
    candidate: User, note: str = "", now: datetime | None = None, update_id: str | None = None
) -> tuple[Built, int]:
    """The document the next click sends (used for the preview too), and its sequence number."""
    previous = latest_sent(candidate)
    sequence = (previous.sequence if previous else 0) + 1
    built = build_update(
        update_id=update_id or str(uuid.uuid4()),
        sequence=sequence,
        issued_at=now or utcnow(),
        candidate=candidate_payload(candidate),
        shared_entries=shared_entries(candidate),
        previous=previous.snapshot if previous else None,
        note=note,
    )
    return built, sequence


def update_by_key(candidate: User, key: str) -> Update | None:
    return db.session.scalar(
        sa.select(Update).where(Update.candidate_id == candidate.id, Update.idempotency_key == key)
    )


def notify_recruiters(candidate: User, idempotency_key: str, note: str = "", now: datetime | None = None) -> Update:
    """One click: build one update, deliver it to every linked recruiter, merge it into their contacts.

    The same idempotency key returns the update it already made. The caller commits; a unique
    constraint on (candidate, key) stops a concurrent duplicate at commit time.
    """
    if not candidate.is_verified:
        raise NotVerified
    existing = update_by_key(candidate, idempotency_key)
    if existing is not None:
        return existing
    # plain rows: a candidate may have hundreds of recruiters, and only two columns are needed
    links = db.session.execute(
        sa.select(RecruiterLink.id, RecruiterLink.recruiter_id)
        .where(RecruiterLink.candidate_id == candidate.id)
        .order_by(RecruiterLink.id)
    ).all()
    if not links:
        raise NothingToNotify()
    now = now or utcnow()
    built, sequence = compose(candidate, note, now)
    update = Update(
        public_id=built.document["id"],
        candidate_id=candidate.id,
        sequence=sequence,
        idempotency_key=idempotency_key,
        issued_at=now,
        candidate_name=candidate.profile.name,
        summary=summarise(built.document),
        document=built.document,
        snapshot=built.snapshot,
    )
    db.session.add(update)
    db.session.flush()
    # merged first, keyed by link: each delivery is then written once, with its contact and outcome
    merged = merge_into_contacts(
        built.document, [Recipient(link.id, link.recruiter_id) for link in links if link.recruiter_id is not None], now
    )
    _write_deliveries(update, [link.id for link in links], merged, now)
    enqueue_update_emails(update.id, now)
    return update


def _write_deliveries(update: Update, link_ids: list[int], merged: dict[int, dict[str, Any]], now: datetime) -> None:
    """One delivery per link, in link order, with one INSERT ... SELECT from the links: 500 rows
    sent as an executemany cost more in parameter handling and round trips than the database's
    own work.

    A recruiter's contact is the one the merge just wrote: it now carries the candidate's ref,
    unique per recruiter. The merge's outcomes are nearly always the same for everyone, so the
    rare superseded ones and replaced manual edits are picked out by link id; a link without a
    recruiter account waits, undelivered.
    """
    superseded = [link_id for link_id, values in merged.items() if values["superseded"]]
    overwrote: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for link_id, values in merged.items():
        if values["overwrote"]:
            overwrote[tuple(values["overwrote"])].append(link_id)
    json_list = lambda fields: sa.literal(list(fields), Delivery.overwrote.type)  # noqa: E731
    rows = (
        sa.select(
            sa.literal(update.id),
            RecruiterLink.id,
            RecruiterLink.email,
            RecruiterLink.name,
            RecruiterLink.recruiter_id,
            Contact.id,
            sa.literal(now, Delivery.created_at.type),
            sa.case(
                (RecruiterLink.recruiter_id.is_(None), sa.null()), else_=sa.literal(now, Delivery.delivered_at.type)
            ),
            sa.case((one_of(RecruiterLink.id, superseded), sa.true()), else_=sa.false()) if superseded else sa.false(),
            sa.case(
                *((one_of(RecruiterLink.id, ids), json_list(fields)) for fields, ids in overwrote.items()),
                else_=json_list([]),
            )
            if overwrote
            else json_list([]),
        )
        .outerjoin(
            Contact,
            sa.and_(
                Contact.recruiter_id == RecruiterLink.recruiter_id,
                Contact.candidate_ref == update.document["candidate"]["ref"],
            ),
        )
        .where(one_of(RecruiterLink.id, link_ids))
        .order_by(RecruiterLink.id)
    )
    db.session.execute(
        sa.insert(Delivery.__table__).from_select(
            [
                "update_id",
                "link_id",
                "recipient_email",
                "recipient_name",
                "recruiter_id",
                "contact_id",
                "created_at",
                "delivered_at",
                "superseded",
                "overwrote",
            ],
            rows,
        )
    )


def recipient_count(update: Update) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Delivery).where(Delivery.update_id == update.id))


def updates_of(candidate: User) -> list[Update]:
    """Every update the candidate sent, newest first, with their deliveries loaded."""
    return list(
        db.session.scalars(
            sa.select(Update)
            .where(Update.candidate_id == candidate.id)
            .order_by(Update.sequence.desc())
            .options(selectinload(Update.deliveries))
        )
    )


def update_of(candidate: User, update_id: int) -> Update:
    return db.first_or_404(sa.select(Update).where(Update.id == update_id, Update.candidate_id == candidate.id))
