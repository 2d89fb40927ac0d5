"""Claims: one per address at a time, a signed single-use token, expiring."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from journal.extensions import db
from journal.models import Claim, utcnow

SALT = "claim-inbox"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def claims_for(emails: set[str], now: datetime | None = None) -> dict[str, int]:
    """The open claim id of each address, creating the missing ones (every email to an address
    carries the same link)."""
    if not emails:
        return {}
    now = now or utcnow()
    open_claims = (
        sa.select(Claim.email, sa.func.max(Claim.id))
        .where(Claim.email.in_(emails), Claim.used_at.is_(None), Claim.expires_at > now)
        .group_by(Claim.email)
    )
    found = dict(db.session.execute(open_claims).all())
    missing = sorted(emails - set(found))
    if missing:
        expires = now + timedelta(days=current_app.config["CLAIM_DAYS"])
        db.session.execute(sa.insert(Claim), [{"email": e, "created_at": now, "expires_at": expires} for e in missing])
        found.update(db.session.execute(open_claims).all())
    return found


def token_for(claim_id: int) -> str:
    """A signed token naming the claim: the same on every retry of an email."""
    return _serializer().dumps(claim_id)


def find_claim(token: str) -> Claim | None:
    try:
        claim_id = _serializer().loads(token)
    except BadSignature:
        return None
    return db.session.get(Claim, claim_id) if isinstance(claim_id, int) else None


def claim_problem(claim: Claim | None, now: datetime | None = None) -> str | None:
    """Why a claim link cannot be used, in words, or None."""
    if claim is None:
        return "This link is not valid. Check that you copied all of it."
    if claim.used_at is not None:
        return "This link was already used to create an inbox. Log in instead."
    if claim.expires_at <= (now or utcnow()):
        return "This link has expired. The next update sent to you will carry a new one."
    return None
