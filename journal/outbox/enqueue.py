"""Writing emails into the outbox, in the caller's transaction, and reading their states."""
from __future__ import annotations

import uuid
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from journal.extensions import db
from journal.models import Delivery, OutboxEmail, User, utcnow
from journal.models.outbox import FAILED, SENT


def new_message_id(host: str | None = None) -> str:
    """A Message-ID fixed when the email is queued, so every attempt carries the same one."""
    return f"<{uuid.uuid4().hex}@{host or message_id_host()}>"


def message_id_host() -> str:
    return urlsplit(current_app.config["BASE_URL"]).hostname or "career-journal.local"


def enqueue_update_emails(update_id: int, now: datetime | None = None) -> int:
    """Queue an email for each delivery of an update, except recruiters who chose Inbox only."""
    rows = db.session.execute(
        sa.select(Delivery.id, Delivery.recipient_email, Delivery.recipient_name)
        .outerjoin(User, User.id == Delivery.recruiter_id)
        .where(Delivery.update_id == update_id, sa.or_(User.id.is_(None), User.email_updates.is_(True)))
        .order_by(Delivery.id)
    ).all()
    now = now or utcnow()
    if rows:
        host = message_id_host()
        # Core: the ORM's bulk insert spends more on its bookkeeping than on the 500 rows
        db.session.execute(sa.insert(OutboxEmail.__table__), [
            {"kind": "update", "delivery_id": row.id, "to_address": row.recipient_email, "to_name": row.recipient_name,
             "message_id": new_message_id(host), "next_attempt_at": now, "created_at": now} for row in rows])
    return len(rows)


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
