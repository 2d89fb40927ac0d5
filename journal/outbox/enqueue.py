"""Writing emails into the outbox, in the caller's transaction, and reading their states."""

from __future__ import annotations

import uuid
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from journal.extensions import db
from journal.models import Delivery, OutboxEmail, User, utcnow
from journal.models.outbox import FAILED, SENT


def new_message_id() -> str:
    """A Message-ID fixed when the email is queued, so every attempt carries the same one."""
    return f"<{uuid.uuid4().hex}@{message_id_host()}>"


def message_id_host() -> str:
    return urlsplit(current_app.config["BASE_URL"]).hostname or "career-journal.local"


def enqueue_text_email(kind: str, to: User, subject: str, body: str) -> None:
    """Queue an email whose text is fixed now (``kind`` one of models.outbox.TEXT_KINDS, which the
    worker sends as plain text), in the caller's transaction."""
    db.session.add(
        OutboxEmail(
            kind=kind, to_address=to.email, to_name=to.name, subject=subject, body=body, message_id=new_message_id()
        )
    )


def enqueue_update_emails(update_id: int, now: datetime | None = None) -> int:
    """Queue an email for each delivery of an update, except recruiters who chose Inbox only.

    One INSERT ... SELECT: the database copies the deliveries into the outbox and makes each
    Message-ID itself, instead of reading the deliveries into Python and sending them back.
    """
    now = now or utcnow()
    at = sa.literal(now, OutboxEmail.created_at.type)
    emails = (
        sa.select(
            sa.literal("update"),
            Delivery.id,
            Delivery.recipient_email,
            Delivery.recipient_name,
            message_id_sql(message_id_host()),
            at,
            at,
        )
        .outerjoin(User, User.id == Delivery.recruiter_id)
        .where(Delivery.update_id == update_id, sa.or_(User.id.is_(None), User.email_updates.is_(True)))
        .order_by(Delivery.id)
    )
    return db.session.execute(
        sa.insert(OutboxEmail.__table__).from_select(
            ["kind", "delivery_id", "to_address", "to_name", "message_id", "next_attempt_at", "created_at"], emails
        )
    ).rowcount


def message_id_sql(host: str) -> sa.ColumnElement[str]:
    """``new_message_id`` as SQL: a new Message-ID for every row the statement makes."""
    return sa.literal("<") + RandomHex() + sa.literal("@" + host + ">")


class RandomHex(FunctionElement):
    """32 random lowercase hex digits (128 bits), made by the database, new for each row."""

    type = sa.String()
    inherit_cache = True


@compiles(RandomHex, "sqlite")
def _random_hex_sqlite(element, compiler, **kw) -> str:
    return "lower(hex(randomblob(16)))"


@compiles(RandomHex, "postgresql")
def _random_hex_postgresql(element, compiler, **kw) -> str:
    return "replace(gen_random_uuid()::text, '-', '')"


def email_states(delivery_ids: list[int]) -> dict[int, OutboxEmail]:
    """The outbox row of each delivery (one query)."""
    if not delivery_ids:
        return {}
    rows = db.session.scalars(sa.select(OutboxEmail).where(OutboxEmail.delivery_id.in_(delivery_ids)))
    return {row.delivery_id: row for row in rows}


def describe_email(row: OutboxEmail | None) -> tuple[str, str]:
    """(css state, words) for a candidate's page: sent / retrying / failed with the reason."""
    if row is None:
        return "none", "No email (Inbox only)"
    if row.state == SENT:
        return "ok", "Email sent"
    if row.state == FAILED:
        return "failed", f"Email failed: {row.last_error}"
    if row.attempts == 0:
        return "waiting", "Email queued"
    return "waiting", f"Email retrying (attempt {row.attempts}: {row.last_error})"
