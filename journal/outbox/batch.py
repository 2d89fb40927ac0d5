"""Plan a claimed batch: everything a send needs, loaded in a few queries, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

import sqlalchemy as sa

from journal.claims.services import claims_for, token_for
from journal.extensions import db
from journal.models import Delivery, Invite, Message, OutboxEmail, Update, User
from journal.models.outbox import TEXT_KINDS
from journal.outbox.emails import (
    Envelope,
    OutgoingEmail,
    PreparedUpdate,
    external_url,
    message_email,
    prepare_update,
    text_email,
    update_message,
)


@dataclass
class BatchItem:
    """One email ready to go: its row's bookkeeping and how to build the message."""

    id: int
    attempts: int
    created_at: datetime
    build: Callable[[], OutgoingEmail]


def plan_batch(rows: list[OutboxEmail], prepared: dict[int, PreparedUpdate]) -> list[BatchItem]:
    """Load deliveries, updates, messages and claims for a batch of rows; return what to send, in order.

    ``prepared`` keeps the parts shared by an update's emails from one batch to the next: an
    update's emails are queued together, so the next batch usually reuses them. It keeps only
    the updates of this batch, so it never holds more than a batch's worth.
    """
    notes = {
        m.id: m
        for m in db.session.execute(
            sa.select(
                Message.id,
                Message.body,
                Message.candidate_id,
                User.name.label("recruiter_name"),
                Invite.token.label("invite_token"),
            )
            .join(User, User.id == Message.recruiter_id)
            .outerjoin(Invite, Invite.id == Message.invite_id)
            .where(Message.id.in_([r.note_id for r in rows if r.note_id]))
        )
    }
    deliveries = {
        d.id: d
        for d in db.session.execute(
            sa.select(Delivery.id, Delivery.update_id, Delivery.recruiter_id).where(
                Delivery.id.in_([r.delivery_id for r in rows if r.delivery_id])
            )
        )
    }
    used = {d.update_id for d in deliveries.values()}
    for update_id in set(prepared) - used:
        del prepared[update_id]
    missing = used - set(prepared)
    if missing:
        for update in db.session.scalars(sa.select(Update).where(Update.id.in_(missing))):
            prepared[update.id] = prepare_update(update)
    # Recipients without an account get a claim link; a retry reuses the row's claim.
    unclaimed = [
        r
        for r in rows
        if r.claim_id is None and r.delivery_id in deliveries and deliveries[r.delivery_id].recruiter_id is None
    ]
    claims = claims_for({r.to_address for r in unclaimed})
    for row in unclaimed:
        row.claim_id = claims[row.to_address]
    return [_item(row, deliveries.get(row.delivery_id), notes.get(row.note_id), prepared) for row in rows]


def _item(row: OutboxEmail, delivery, note, prepared: dict[int, PreparedUpdate]) -> BatchItem:
    envelope = Envelope(row.to_address, row.to_name, row.message_id)
    if row.kind in TEXT_KINDS:
        subject, body = row.subject, row.body

        def build():
            return text_email(envelope, subject, body)
    elif row.kind == "message" and note is not None:
        if note.candidate_id:
            link = external_url("messages.index")
        elif note.invite_token:  # no account yet: joining links this recruiter
            link = external_url("invites.accept", token=note.invite_token)
        else:
            link = None

        def build():
            return message_email(
                envelope,
                note.recruiter_name,
                note.body,
                link,
                joining=bool(note.invite_token and not note.candidate_id),
            )
    elif row.kind != "update" or delivery is None:
        email_id, kind = row.id, row.kind  # plain values: lanes build on other threads, after the commit

        def build():
            raise ValueError(f"nothing to send for outbox email {email_id} ({kind})")
    else:
        has_account = delivery.recruiter_id is not None
        link = (
            external_url("inbox.show", delivery_id=delivery.id)
            if has_account
            else external_url("claims.claim", token=token_for(row.claim_id))
        )
        parts = prepared[delivery.update_id]

        def build():
            return update_message(envelope, parts, link, has_account)

    return BatchItem(row.id, row.attempts, row.created_at, build)
