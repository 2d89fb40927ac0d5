"""Merging an update into a recruiter's contact: the eight rules of DESIGN.md, as pure functions.

Nothing here touches a database: a contact comes in as a ContactState, and the new state
plus the list of what changed go out. The persistence layer applies the result in one
transaction (rule 8).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Iterable

from journal.domain.updates import CANDIDATE_FIELDS, LIST_FIELDS, parse_issued_at

RECRUITER_FIELDS = ("notes", "tags", "stage", "rating", "cadence_days", "last_contacted_at", "next_follow_up")
EMPTY_FIELDS: dict[str, Any] = {f: [] if f in LIST_FIELDS else "" for f in CANDIDATE_FIELDS}


@dataclass(frozen=True)
class EntryCopy:
    """A recruiter's copy of one shared journal entry; ``retracted`` marks a withdrawn one."""

    ref: str
    revision: int
    data: dict[str, Any] = field(default_factory=dict)
    retracted: bool = False


@dataclass(frozen=True)
class ContactState:
    """What the merge needs to know of a contact."""

    fields: dict[str, Any] = field(default_factory=lambda: dict(EMPTY_FIELDS))
    recruiter: dict[str, Any] = field(default_factory=dict)
    candidate_ref: str | None = None
    last_sequence: int = 0
    manual_fields: frozenset[str] = frozenset()
    entries: dict[str, EntryCopy] = field(default_factory=dict)
    confirmed_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class FieldChange:
    """One change of a candidate-owned field (rule 3): what, from, to, when, and from where."""

    field: str
    old: Any
    new: Any
    at: datetime
    source: str  # "update" or "manual"
    update_id: str | None = None


@dataclass(frozen=True)
class MergeResult:
    state: ContactState
    changes: list[FieldChange]
    entries_added: list[str]
    entries_replaced: list[str]
    entries_retracted: list[str]
    superseded: bool
    overwrote_manual: list[str]

    @property
    def changed_anything(self) -> bool:
        return bool(self.changes or self.entries_added or self.entries_replaced or self.entries_retracted)


@dataclass(frozen=True)
class ContactKey:
    """The fields rule 1 matches on."""

    id: int
    candidate_ref: str | None
    email: str


def match_contact(candidates: Iterable[ContactKey], document: dict[str, Any]) -> int | None:
    """Rule 1: the contact linked to the ref; else one whose email is the current or a previous one."""
    candidates = sorted(candidates, key=lambda c: c.id)
    ref = document["candidate"]["ref"]
    for contact in candidates:
        if contact.candidate_ref == ref:
            return contact.id
    emails = {e.lower() for e in (document["candidate"]["email"], document["previous"].get("email")) if e}
    for contact in candidates:
        if contact.candidate_ref in (None, ref) and (contact.email or "").lower() in emails:
            return contact.id
    return None


def emails_to_match(document: dict[str, Any]) -> list[str]:
    """Lower-cased emails that identify the candidate of this document (current and previous)."""
    return sorted({e.lower() for e in (document["candidate"]["email"], document["previous"].get("email")) if e})


def merge_update(state: ContactState | None, document: dict[str, Any]) -> MergeResult:
    """Apply one update document to a contact (None: a new contact) by rules 2 to 7."""
    state = state or ContactState()
    at = parse_issued_at(document)
    update_id = document["id"]
    superseded = document["sequence"] <= state.last_sequence  # rule 4 (and 5: the same id again)
    changes: list[FieldChange] = []
    fields = dict(state.fields)
    overwrote: list[str] = []
    if not superseded:
        for name in CANDIDATE_FIELDS:  # rule 2: candidate-owned fields take the update's values
            new = document["candidate"][name]
            if fields.get(name) != new:
                changes.append(FieldChange(name, fields.get(name), new, at, "update", update_id))
                if name in state.manual_fields:
                    overwrote.append(name)  # rule 6
                fields[name] = new
    entries, added, replaced, retracted = _merge_entries(state.entries, document)
    new_state = replace(
        state,
        fields=fields,
        candidate_ref=document["candidate"]["ref"],
        entries=entries,
        last_sequence=state.last_sequence if superseded else document["sequence"],
        manual_fields=state.manual_fields if superseded else frozenset(),
        confirmed_at=state.confirmed_at if superseded else at,
        updated_at=at if (changes or added or replaced or retracted) and not superseded else state.updated_at,
    )
    return MergeResult(new_state, changes, added, replaced, retracted, superseded, overwrote)


def _merge_entries(current: dict[str, EntryCopy], document: dict[str, Any]):
    """Rule 7: add entries by id; a higher revision replaces; a retraction leaves a tombstone."""
    entries = dict(current)
    added, replaced, retracted = [], [], []
    for item in document["entries"]:
        held = entries.get(item["id"])
        if held is None or item["revision"] > held.revision:
            data = {k: v for k, v in item.items() if k not in ("id", "revision")}
            entries[item["id"]] = EntryCopy(item["id"], item["revision"], data)
            (added if held is None or held.retracted else replaced).append(item["id"])
    for item in document.get("retracted", []):
        held = entries.get(item["id"])
        if held is None or item["revision"] > held.revision:
            entries[item["id"]] = EntryCopy(item["id"], item["revision"], {}, retracted=True)
            if held is not None and not held.retracted:
                retracted.append(item["id"])
    return entries, added, replaced, retracted


def manual_edit(state: ContactState, changes: dict[str, Any], at: datetime) -> tuple[ContactState, list[FieldChange]]:
    """Rule 6: a recruiter's own edit of candidate-owned fields, kept in history as manual."""
    fields = dict(state.fields)
    recorded = []
    for name, new in changes.items():
        if name not in CANDIDATE_FIELDS:
            raise KeyError(f"{name} is not a candidate-owned field")
        if fields.get(name) != new:
            recorded.append(FieldChange(name, fields.get(name), new, at, "manual"))
            fields[name] = new
    manual = state.manual_fields | {c.field for c in recorded}
    return replace(
        state, fields=fields, manual_fields=frozenset(manual), updated_at=at if recorded else state.updated_at
    ), recorded
