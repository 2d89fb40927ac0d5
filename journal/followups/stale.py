"""Stale records: contacts nobody has updated or confirmed for a while, and asking them to confirm."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from journal.extensions import db
from journal.invites.services import create_invite
from journal.messages.services import candidate_account, send_message
from journal.models import Contact, Invite, User, utcnow

CONFIRM_REQUEST = (
    "Are your details still current? If nothing has changed, one click on "
    "“My details are current” tells me so; if something has, edit your profile and notify me."
)
MONTH = timedelta(days=30.44)


def stale_contacts(recruiter: User, months: int, now: datetime | None = None) -> list[Contact]:
    """Contacts neither updated nor confirmed in the last ``months`` months, the stalest first."""
    cutoff = (now or utcnow()) - months * MONTH
    older = lambda column: sa.or_(column.is_(None), column < cutoff)  # noqa: E731
    last_seen = sa.func.coalesce(Contact.confirmed_at, Contact.updated_at, Contact.created_at)
    return list(
        db.session.scalars(
            sa.select(Contact)
            .where(
                Contact.recruiter_id == recruiter.id,
                older(Contact.updated_at),
                older(Contact.confirmed_at),
                Contact.created_at < cutoff,
            )
            .order_by(last_seen, Contact.name)
            .limit(500)
        )
    )


def _join_invite(recruiter: User) -> Invite:
    """The recruiter's standing invite for people asked to confirm who have no account yet."""
    invite = db.session.scalar(
        sa.select(Invite).where(
            Invite.recruiter_id == recruiter.id,
            Invite.label == "Details check",
            Invite.revoked_at.is_(None),
            Invite.expires_at.is_(None),
        )
    )
    if invite is None:
        invite = create_invite(recruiter, "Details check", None)
        db.session.flush()
    return invite


def ask_to_confirm(recruiter: User, contact_ids: list[int]) -> int:
    """Send each chosen contact a request to confirm; without an account, an invitation to join."""
    contacts = db.session.scalars(
        sa.select(Contact).where(Contact.recruiter_id == recruiter.id, Contact.id.in_(contact_ids))
    ).all()
    for contact in contacts:
        invite_id = None if candidate_account(contact) else _join_invite(recruiter).id
        send_message(recruiter, contact, CONFIRM_REQUEST, kind="confirm", invite_id=invite_id)
    return len(contacts)
