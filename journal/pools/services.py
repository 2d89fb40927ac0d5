"""Pools and memberships, scoped to their recruiter."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from journal import search
from journal.extensions import db
from journal.models import Contact, Pool, PoolMember, User


def pools_of(recruiter: User) -> list[tuple[Pool, int]]:
    """The recruiter's pools by name, with member counts (one query)."""
    rows = db.session.execute(
        sa.select(Pool, sa.func.count(PoolMember.id))
        .outerjoin(PoolMember)
        .where(Pool.recruiter_id == recruiter.id)
        .group_by(Pool.id)
        .order_by(Pool.name)
    )
    return [(pool, count) for pool, count in rows]


def pool_of(recruiter: User, pool_id: int) -> Pool:
    return db.first_or_404(sa.select(Pool).where(Pool.id == pool_id, Pool.recruiter_id == recruiter.id))


def members_of(pool: Pool) -> list[tuple[PoolMember, Contact]]:
    """Members with their contacts, the soonest re-engage day first."""
    rows = db.session.execute(
        sa.select(PoolMember, Contact)
        .join(Contact)
        .where(PoolMember.pool_id == pool.id)
        .order_by(PoolMember.reengage_on.is_(None), PoolMember.reengage_on, Contact.name)
    )
    return [(member, contact) for member, contact in rows]


def memberships_of(contact: Contact) -> list[tuple[PoolMember, Pool]]:
    rows = db.session.execute(
        sa.select(PoolMember, Pool).join(Pool).where(PoolMember.contact_id == contact.id).order_by(Pool.name)
    )
    return [(member, pool) for member, pool in rows]


def pool_names(contact_ids: list[int]) -> dict[int, list[str]]:
    """Pool names per contact, for the search index."""
    names: dict[int, list[str]] = {}
    for contact_id, name in db.session.execute(
        sa.select(PoolMember.contact_id, Pool.name).join(Pool).where(PoolMember.contact_id.in_(contact_ids))
    ):
        names.setdefault(contact_id, []).append(name)
    return names


def add_to_pool(recruiter: User, contact: Contact, name: str, reengage_on: date | None) -> PoolMember:
    """Put a contact in a pool (made on first use); adding again only moves the re-engage day."""
    pool = db.session.scalar(sa.select(Pool).where(Pool.recruiter_id == recruiter.id, Pool.name == name))
    if pool is None:
        pool = Pool(recruiter_id=recruiter.id, name=name)
        db.session.add(pool)
        db.session.flush()
    member = db.session.scalar(
        sa.select(PoolMember).where(PoolMember.pool_id == pool.id, PoolMember.contact_id == contact.id)
    )
    if member is None:
        member = PoolMember(pool_id=pool.id, contact_id=contact.id)
        db.session.add(member)
    member.reengage_on = reengage_on
    db.session.flush()
    search.reindex([contact.id])
    return member


def member_of(recruiter: User, member_id: int) -> PoolMember:
    return db.first_or_404(
        sa.select(PoolMember).join(Pool).where(PoolMember.id == member_id, Pool.recruiter_id == recruiter.id)
    )


def remove_member(member: PoolMember) -> None:
    contact_id = member.contact_id
    db.session.delete(member)
    db.session.flush()
    search.reindex([contact_id])
