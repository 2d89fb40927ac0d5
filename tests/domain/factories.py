"""Build update documents for domain tests through the real builder."""

import uuid
from datetime import date, datetime, timedelta, timezone

from journal.domain.updates import build_update

REF = "c_" + "a" * 32
BASE = {
    "name": "Casey Candidate",
    "email": "casey@example.com",
    "phone": "+1 313 555 0142",
    "location": "Detroit, MI",
    "headline": "Sales leader",
    "title": "Account Director",
    "employer": "Northline",
    "industries": ["automotive"],
    "skills": ["negotiation"],
    "status": "open",
    "links": [],
}
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def entry_ref(n: int) -> str:
    return "e_" + f"{n:032x}"


def entry(n: int, revision: int = 1, kind: str = "role", title: str | None = None, **extra):
    return {
        "ref": entry_ref(n),
        "revision": revision,
        "kind": kind,
        "date": date(2025, 1, n % 28 + 1),
        "title": title or f"Entry {n} r{revision}",
        "employer": "Northline",
        "details": "",
        **extra,
    }


class Candidate:
    """A candidate sending a series of updates; each call of send() is one click."""

    def __init__(self, ref: str = REF, **fields):
        self.ref = ref
        self.profile = {**BASE, **fields}
        self.entries: dict[int, dict] = {}
        self.snapshot = None
        self.sequence = 0

    def send(self, note: str = "", **changes):
        self.profile.update(changes)
        self.sequence += 1
        built = build_update(
            update_id=str(uuid.uuid4()),
            sequence=self.sequence,
            issued_at=T0 + timedelta(days=self.sequence),
            candidate={"ref": self.ref, **self.profile},
            shared_entries=list(self.entries.values()),
            previous=self.snapshot,
            note=note,
        )
        self.snapshot = built.snapshot
        return built.document
