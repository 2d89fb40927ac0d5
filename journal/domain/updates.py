"""The structured update (document version 1): build it, validate it, summarise it.

A candidate's update carries their whole current profile, what changed since the previous
update (with the old values), and the shared entries that are new or edited since then.
Entries shared earlier and since made private or deleted are listed as retracted, so a
recruiter's copy is withdrawn too. Building is pure: the previous update's snapshot comes in,
the new document and the next snapshot go out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

# The candidate-owned fields (merge rule 2), defined here once: a profile holds them, an update
# carries them, a contact takes them. LIST_FIELDS hold lists of text, the rest text.
CANDIDATE_FIELDS = (
    "name",
    "email",
    "phone",
    "location",
    "headline",
    "title",
    "employer",
    "industries",
    "skills",
    "status",
    "links",
)
LIST_FIELDS = ("industries", "skills", "links")
TEXT_FIELDS = tuple(name for name in CANDIDATE_FIELDS if name not in LIST_FIELDS)
FIELD_LABELS = {
    "name": "Name",
    "email": "Email",
    "phone": "Phone",
    "location": "Location",
    "headline": "Headline",
    "title": "Title",
    "employer": "Employer",
    "industries": "Industries",
    "skills": "Skills",
    "status": "Job-search status",
    "links": "Links",
}
STATUS_LABELS = {"open": "open to offers", "looking": "actively looking", "not_looking": "not looking"}


class UpdateInvalid(ValueError):
    """A document that does not match the update schema; ``errors`` says where and why."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Built:
    """A new update document and the snapshot the next update will be compared with."""

    document: dict[str, Any]
    snapshot: dict[str, Any]


def build_update(
    *,
    update_id: str,
    sequence: int,
    issued_at: datetime,
    candidate: dict[str, Any],
    shared_entries: list[dict[str, Any]],
    previous: dict[str, Any] | None,
    note: str = "",
) -> Built:
    """Compose update number ``sequence`` from the candidate's profile and shared entries."""
    before = (previous or {}).get("candidate") or {}
    sent = (previous or {}).get("entries") or {}
    current = {field: _plain(candidate[field]) for field in CANDIDATE_FIELDS}
    changed = [f for f in CANDIDATE_FIELDS if before and before.get(f) != current[f]]
    shared = {entry["ref"]: entry for entry in shared_entries}
    entries = [
        _entry(e)
        for e in sorted(shared.values(), key=lambda e: (str(e["date"]), e["ref"]))
        if sent.get(e["ref"]) != e["revision"]
    ]
    retracted = [{"id": ref, "revision": revision + 1} for ref, revision in sorted(sent.items()) if ref not in shared]
    document = {
        "type": "career-journal.update",
        "version": 1,
        "id": update_id,
        "sequence": sequence,
        "issued_at": issued_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "candidate": {"ref": candidate["ref"], **current},
        "changed": changed,
        "previous": {f: before[f] for f in changed},
        "entries": entries,
        "note": (note or "").strip(),
    }
    if retracted:
        document["retracted"] = retracted
    validate_update(document)
    snapshot = {"candidate": current, "entries": {ref: e["revision"] for ref, e in shared.items()}}
    return Built(document, snapshot)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, (list, tuple)) else (value or "")


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    item = {
        "id": entry["ref"],
        "revision": entry["revision"],
        "kind": entry["kind"],
        "date": entry["date"].isoformat() if hasattr(entry["date"], "isoformat") else str(entry["date"]),
        "title": entry["title"],
        "employer": entry.get("employer") or "",
        "summary": entry.get("details") or "",
    }
    amount = entry.get("amount")
    if amount is not None:  # salary leaves the journal only on a shared entry, which this is
        item["amount"] = str(Decimal(amount).quantize(Decimal("0.01")))
        item["currency"] = entry.get("currency") or ""
    return item


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(resources.files("journal.data").joinpath("update.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_update(document: Any) -> None:
    """Raise UpdateInvalid unless the document matches the version 1 schema."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise UpdateInvalid([f"{'/'.join(map(str, e.absolute_path)) or '(document)'}: {e.message}" for e in errors])


def parse_issued_at(document: dict[str, Any]) -> datetime:
    """The document's issue time as an aware datetime."""
    return _utc_moment(document["issued_at"])


@lru_cache(maxsize=64)
def _utc_moment(text: str) -> datetime:
    # one update is merged for every recipient: parse its time once, not 500 times
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def describe_value(field: str, value: Any) -> str:
    """A field value as people read it."""
    if field == "status":
        return STATUS_LABELS.get(value, value or "—")
    if isinstance(value, list):
        return ", ".join(value) if value else "—"
    return value or "—"


def summarise(document: dict[str, Any]) -> list[str]:
    """One line per change, for inbox rows: "Title: Account Director → Vice President, Sales"."""
    lines = [
        f"{FIELD_LABELS[f]}: {describe_value(f, document['previous'].get(f))} → "
        f"{describe_value(f, document['candidate'][f])}"
        for f in document["changed"]
    ]
    if document["sequence"] == 1:
        candidate = document["candidate"]
        role = " at ".join(part for part in (candidate["title"], candidate["employer"]) if part)
        lines.append(f"First update: {role}" if role else "First update")
    entries = document["entries"]
    if entries:
        titles = ", ".join(e["title"] for e in entries[:3]) + (" …" if len(entries) > 3 else "")
        lines.append(f"{len(entries)} new or edited {'entry' if len(entries) == 1 else 'entries'}: {titles}")
    if document.get("retracted"):
        lines.append(
            f"{len(document['retracted'])} earlier {'entry' if len(document['retracted']) == 1 else 'entries'} withdrawn"
        )
    if not lines:
        lines.append("No changes: details confirmed as current")
    return lines
