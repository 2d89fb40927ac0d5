"""Inbox queries, read marks, and attaching waiting updates to a new recruiter account."""

from __future__ import annotations

import sqlalchemy as sa

from journal.contacts.merging import Recipient, merge_into_contacts, update_by_id
from journal.extensions import db
from journal.models import Contact, Delivery, RecruiterLink, Update, User, utcnow
from journal.paging import Page, page_of
from journal.rows import RowList

PER_PAGE = 50


# What an Inbox row shows; each row's HTML is kept (journal.rows; docs/performance.md).
INBOX_ROWS = RowList(
    "inbox/_row.html",
    Delivery.id,
    Delivery.read_at,
    Delivery.superseded,
    Delivery.overwrote,
    Update.candidate_name,
    Update.issued_at,
    Update.summary,
)


# the rows and their order are the same for every recruiter: the statement is built once
INBOX_QUERY = INBOX_ROWS.select().join(Update, Update.id == Delivery.update_id).order_by(Delivery.id.desc())


def inbox_page(recruiter: User, page: int) -> Page:
    """One page of the recruiter's inbox, newest first, as INBOX_ROWS rows."""
    return page_of(INBOX_QUERY.where(Delivery.recruiter_id == recruiter.id), page, PER_PAGE, scalars=False)


UNREAD_SHOWN = 99


def unread_count(recruiter: User) -> int:
    """Unread inbox rows, counted up to UNREAD_SHOWN + 1 (the navigation says "99+" beyond)."""
    unread = (
        sa.select(Delivery.id)
        .where(Delivery.recruiter_id == recruiter.id, Delivery.read_at.is_(None))
        .limit(UNREAD_SHOWN + 1)
        .subquery()
    )
    return db.session.scalar(sa.select(sa.func.count()).select_from(unread))


def delivery_of(recruiter: User, delivery_id: int) -> Delivery:
    """One of the recruiter's inbox rows, or 404."""
    return db.first_or_404(sa.select(Delivery).where(Delivery.id == delivery_id, Delivery.recruiter_id == recruiter.id))


def mark_read(delivery: Delivery) -> None:
    if delivery.read_at is None:
        delivery.read_at = utcnow()


def mark_all_read(recruiter: User) -> int:
    result = db.session.execute(
        sa.update(Delivery)
        .where(Delivery.recruiter_id == recruiter.id, Delivery.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount


def attach_waiting(recruiter: User) -> int:
    """A new recruiter account takes over the links and updates waiting for its email.

    Waiting updates are merged in each candidate's sequence order, so the contacts end up
    exactly as if the recruiter had had an account all along. Returns how many arrived.
    """
    db.session.execute(
        sa.update(RecruiterLink)
        .where(RecruiterLink.email == recruiter.email, RecruiterLink.recruiter_id.is_(None))
        .values(recruiter_id=recruiter.id)
    )
    waiting = list(
        db.session.scalars(
            sa.select(Delivery)
            .join(Delivery.update)
            .where(Delivery.recipient_email == recruiter.email, Delivery.recruiter_id.is_(None))
            .order_by(Update.candidate_id, Update.sequence)
        )
    )
    for delivery in waiting:
        delivery.recruiter_id = recruiter.id
    db.session.flush()
    delivered = []
    for delivery in waiting:  # one at a time: each merge sees the contact as the previous one left it
        merged = merge_into_contacts(
            delivery.update.document, [Recipient(delivery.id, recruiter.id)], delivery.update.issued_at
        )
        delivered += [{"id": delivery_id, **values} for delivery_id, values in merged.items()]
    update_by_id(Delivery, delivered)  # the deliveries' outcomes together, not one statement each
    _mark_unlinked_candidates(
        recruiter, {d.update.document["candidate"]["ref"]: d.update.candidate_id for d in waiting}
    )
    return len(waiting)


def _mark_unlinked_candidates(recruiter: User, candidates: dict[str, int]) -> None:
    """Updates sent before a candidate unlinked this recruiter still arrive; the contact says unlinked."""
    if not candidates:
        return
    linked = set(
        db.session.scalars(
            sa.select(RecruiterLink.candidate_id).where(
                RecruiterLink.recruiter_id == recruiter.id, RecruiterLink.candidate_id.in_(candidates.values())
            )
        )
    )
    gone = [ref for ref, candidate_id in candidates.items() if candidate_id not in linked]
    if gone:
        db.session.execute(
            sa.update(Contact)
            .where(Contact.recruiter_id == recruiter.id, Contact.candidate_ref.in_(gone))
            .values(unlinked_at=utcnow())
        )
