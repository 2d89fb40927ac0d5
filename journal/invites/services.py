"""Invite links: create, revoke, and accept on a candidate's behalf."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import session

from journal.extensions import db
from journal.models import Invite, RecruiterLink, User, utcnow
from journal.recruiters.services import add_link

SESSION_KEY = "invite_token"


def create_invite(recruiter: User, label: str, expires_in_days: int | None) -> Invite:
    invite = Invite(
        recruiter_id=recruiter.id,
        token=secrets.token_urlsafe(24),
        label=label or "",
        expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    db.session.add(invite)
    return invite


def invites_of(recruiter: User) -> list[Invite]:
    return list(
        db.session.scalars(sa.select(Invite).where(Invite.recruiter_id == recruiter.id).order_by(Invite.id.desc()))
    )


def invite_of(recruiter: User, invite_id: int) -> Invite:
    return db.first_or_404(sa.select(Invite).where(Invite.id == invite_id, Invite.recruiter_id == recruiter.id))


def find_invite(token: str | None) -> Invite | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(Invite).where(Invite.token == token))


def invite_problem(invite: Invite, now: datetime | None = None) -> str | None:
    """Why an invite can no longer be used, in words for the candidate, or None."""
    now = now or utcnow()
    if invite.revoked_at is not None:
        return "This invite link was withdrawn by the recruiter. Ask them for a new one."
    if invite.expires_at is not None and invite.expires_at <= now:
        return "This invite link has expired. Ask the recruiter for a new one."
    return None


def accept_invite(candidate: User, invite: Invite) -> RecruiterLink:
    """Link the invite's recruiter to the candidate (reusing a link with that email)."""
    recruiter = invite.recruiter
    link = db.session.scalar(
        sa.select(RecruiterLink).where(
            RecruiterLink.candidate_id == candidate.id, RecruiterLink.email == recruiter.email
        )
    )
    if link is None:
        link = add_link(candidate, recruiter.name, recruiter.email)
    link.recruiter_id = recruiter.id
    invite.uses += 1
    return link


def pending_invite(user) -> Invite | None:
    """After sign-up or log-in: the invite that brought this candidate here, still good, to ask
    about (it is never applied unasked: someone else may have opened it in this browser)."""
    invite = find_invite(session.pop(SESSION_KEY, None))
    if invite is None or not user.is_candidate or invite_problem(invite):
        return None
    return invite
