"""Seed the benchmark's data set straight into the tables (bulk inserts, not the web forms)."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

from journal import search
from journal.auth.passwords import hash_password
from journal.extensions import db
from journal.models import (
    CANDIDATE,
    RECRUITER,
    Contact,
    Delivery,
    JournalEntry,
    Profile,
    RecruiterLink,
    Update,
    User,
    new_ref,
)

PASSWORD = "bench-password-2026"
# A vocabulary large enough that one word matches a few percent of contacts, as real terms do;
# "automotive" is one of them.
WORDS = tuple(
    ["automotive", "retail", "logistics", "fintech", "mobility", "energy", "insurance", "banking"]
    + [
        f"{a}{b}"
        for a in ("data", "cloud", "sales", "field", "brand", "supply", "risk", "talent")
        for b in ("ops", "lead", "craft", "works", "scale", "sense", "base", "line", "core", "edge")
    ]
)
TITLES = ("Account Director", "Engineer", "Vice President, Sales", "CFO", "Analyst", "Product Manager", "Buyer")
EMPLOYERS = ("Northline", "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne")
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _chunks(rows, size=5000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model, rows):
    for chunk in _chunks(rows):
        db.session.execute(sa.insert(model), chunk)


def seed(scale: float, rnd: random.Random) -> dict:
    """Create the data set; return the emails of the accounts the scenarios log in as."""
    digest = hash_password(PASSWORD)
    n_contacts = max(50, int(100_000 * scale))
    n_deliveries = max(200, int(1_000_000 * scale))
    n_recipients = max(5, int(500 * scale))
    n_entries = 1000
    recruiters = max(n_recipients + 1, 50)
    users = [
        {
            "email": f"recruiter{i}@bench.example",
            "name": f"Recruiter {i}",
            "password_hash": digest,
            "role": RECRUITER,
            "created_at": T0,
            "email_verified_at": T0,
        }
        for i in range(recruiters)
    ]
    users += [
        {
            "email": f"candidate{i}@bench.example",
            "name": f"Candidate {i}",
            "password_hash": digest,
            "role": CANDIDATE,
            "created_at": T0,
            "email_verified_at": T0,
        }
        for i in range(50)
    ]
    _insert(User, users)
    ids = dict(db.session.execute(sa.select(User.email, User.id)).all())
    recruiter_ids = [ids[f"recruiter{i}@bench.example"] for i in range(recruiters)]
    candidate_ids = [ids[f"candidate{i}@bench.example"] for i in range(50)]
    main = recruiter_ids[0]
    _insert(
        Profile,
        [
            {
                "user_id": cid,
                "ref": new_ref("c"),
                "name": f"Candidate {n}",
                "email": f"candidate{n}@bench.example",
                "phone": "",
                "location": "Detroit",
                "headline": "",
                "title": rnd.choice(TITLES),
                "employer": rnd.choice(EMPLOYERS),
                "industries": ["automotive"],
                "skills": ["sales"],
                "links": [],
                "status": "open",
                "updated_at": T0,
            }
            for n, cid in enumerate(candidate_ids)
        ],
    )
    _seed_contacts(main, n_contacts, rnd)
    _seed_inbox(recruiter_ids, candidate_ids, n_deliveries, rnd)
    star = candidate_ids[0]
    _insert(
        JournalEntry,
        [
            {
                "ref": new_ref("e"),
                "user_id": star,
                "kind": rnd.choice(("role", "review", "note")),
                "date": date(2000, 1, 1) + timedelta(days=9 * i),
                "title": f"Entry {i}",
                "employer": rnd.choice(EMPLOYERS),
                "currency": "",
                "details": "Some *details*.",
                "shared": i % 2 == 0,
                "revision": 1,
                "created_at": T0,
                "updated_at": T0,
            }
            for i in range(n_entries)
        ],
    )
    _insert(
        RecruiterLink,
        [
            {
                "candidate_id": star,
                "recruiter_id": rid,
                "name": f"R{n}",
                "email": f"recruiter{n + 1}@bench.example",
                "firm": "",
                "created_at": T0,
            }
            for n, rid in enumerate(recruiter_ids[1 : n_recipients + 1])
        ],
    )
    db.session.commit()
    return {
        "recruiter": "recruiter0@bench.example",
        "candidate": "candidate0@bench.example",
        "contacts": n_contacts,
        "deliveries": n_deliveries,
        "recipients": n_recipients,
        "entries": n_entries,
    }


def _seed_contacts(recruiter_id: int, n: int, rnd: random.Random) -> None:
    rows = [
        {
            "recruiter_id": recruiter_id,
            "name": f"Person {i}",
            "email": f"person{i}@example.com",
            "phone": "",
            "location": "",
            "headline": "",
            "title": rnd.choice(TITLES),
            "employer": rnd.choice(EMPLOYERS),
            "industries": rnd.sample(WORDS, 2),
            "skills": rnd.sample(WORDS, 3),
            "links": [],
            "status": "open",
            "notes": " ".join(rnd.sample(WORDS, 4)),
            "tags": [],
            "kind": "candidate",
            "stage": "new",
            "cadence_days": 7,
            "last_sequence": 0,
            "manual_fields": [],
            "source": "manual",
            "created_at": T0,
            "updated_at": T0,
        }
        for i in range(n)
    ]
    _insert(Contact, rows)
    search.rebuild(db.session)


def _seed_inbox(recruiter_ids, candidate_ids, n: int, rnd: random.Random) -> None:
    # each delivery carries its recruiter's own address, as real ones do: so the notify scenario
    # adds to every recipient's entries in the email index, not to a corner of their own
    emails = {rid: f"recruiter{i}@bench.example" for i, rid in enumerate(recruiter_ids)}
    per_update = min(50, len(recruiter_ids))
    n_updates = max(1, n // per_update)
    document = {
        "type": "career-journal.update",
        "version": 1,
        "note": "",
        "changed": ["title"],
        "previous": {"title": "Engineer"},
        "entries": [],
    }
    updates = []
    for u in range(n_updates):
        candidate = candidate_ids[u % len(candidate_ids)]
        updates.append(
            {
                "public_id": str(uuid.uuid4()),
                "candidate_id": candidate,
                "sequence": u // len(candidate_ids) + 1,
                "idempotency_key": f"seed-{u}",
                "issued_at": T0 + timedelta(minutes=u),
                "candidate_name": f"Candidate {candidate}",
                "summary": ["Title: Engineer → Account Director"],
                "document": document,
                "snapshot": {},
            }
        )
    _insert(Update, updates)
    update_ids = list(db.session.scalars(sa.select(Update.id).order_by(Update.id)))
    deliveries = []
    for update_id in update_ids:
        # every update reaches the main recruiter and 49 others
        for rid in [recruiter_ids[0]] + rnd.sample(recruiter_ids[1:], per_update - 1):
            deliveries.append(
                {
                    "update_id": update_id,
                    "recipient_email": emails[rid],
                    "recipient_name": "R",
                    "recruiter_id": rid,
                    "created_at": T0,
                    "delivered_at": T0,
                    "superseded": False,
                    "overwrote": [],
                }
            )
    _insert(Delivery, deliveries)
