"""Journal operations: owner-scoped queries, saving entries, JSON Resume import and export."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from journal.domain.jsonresume import ResumeImport, build_resume
from journal.domain.updates import CANDIDATE_FIELDS
from journal.extensions import db
from journal.models import JournalEntry, Profile, User
from journal.paging import Page, page_of

ENTRY_FIELDS = ("kind", "date", "title", "employer", "amount", "currency", "details", "shared")


def entries_of(user: User, kind: str | None = None, limit: int | None = None) -> list[JournalEntry]:
    """The user's entries, newest first, optionally of one kind or only the latest few."""
    query = sa.select(JournalEntry).where(JournalEntry.user_id == user.id)
    if kind:
        query = query.where(JournalEntry.kind == kind)
    query = query.order_by(JournalEntry.date.desc(), JournalEntry.id.desc()).limit(limit)
    return list(db.session.scalars(query))


PER_PAGE = 50


def entries_page(user: User, kind: str | None, page: int) -> Page:
    """One page of the user's entries, newest first, optionally of one kind."""
    query = sa.select(JournalEntry).where(JournalEntry.user_id == user.id)
    if kind:
        query = query.where(JournalEntry.kind == kind)
    return page_of(query.order_by(JournalEntry.date.desc(), JournalEntry.id.desc()), page, PER_PAGE)


def entry_of(user: User, entry_id: int) -> JournalEntry:
    """One of the user's entries, or 404: another user's entry does not exist for them."""
    return db.first_or_404(sa.select(JournalEntry).where(JournalEntry.id == entry_id, JournalEntry.user_id == user.id))


def save_entry(user: User, entry: JournalEntry | None, values: dict[str, Any], update_profile: bool) -> JournalEntry:
    """Create or edit an entry; optionally make it the profile's current title and employer."""
    if entry is None:
        entry = JournalEntry(user_id=user.id)
        db.session.add(entry)
    else:
        entry.revision += 1
    for name in ENTRY_FIELDS:
        setattr(entry, name, values[name])
    if update_profile and entry.kind in ("role", "promotion"):
        user.profile.title = entry.title
        if entry.employer:
            user.profile.employer = entry.employer
    return entry


def profile_dict(profile: Profile) -> dict[str, Any]:
    return {name: getattr(profile, name) for name in CANDIDATE_FIELDS}


def entry_dict(entry: JournalEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


def export_resume(user: User) -> dict[str, Any]:
    """The whole journal and profile as a JSON Resume document."""
    return build_resume(profile_dict(user.profile), [entry_dict(e) for e in entries_of(user)])


def import_resume(user: User, imported: ResumeImport) -> int:
    """Apply a validated import: set the profile fields it has, add entries not already kept."""
    for name, value in imported.profile.items():
        setattr(user.profile, name, value)
    existing = {_identity(entry_dict(e)) for e in entries_of(user)}
    added = 0
    for values in imported.entries:
        if _identity(values) in existing:
            continue
        existing.add(_identity(values))
        db.session.add(JournalEntry(user_id=user.id, **{k: values[k] for k in ENTRY_FIELDS}))
        added += 1
    return added


def _identity(values: dict[str, Any]) -> tuple:
    return (values["kind"], values["date"], values["title"].casefold(), (values["employer"] or "").casefold())
