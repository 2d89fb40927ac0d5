"""Full-text search over a recruiter's contacts, behind one interface.

SQLite uses an FTS5 table (porter stemming, prefix indexes); PostgreSQL a tsvector column
with a GIN index. The index holds, per contact: the name and email; headline, title and
employer; industries and skills; the candidate's shared entries; and the recruiter's own
notes, tags and pools. ``reindex`` keeps it in step: it is called after every merge, edit,
import and delete.

Ranking is by tiers, best first: every word found in the name; in the name, role or skills;
in those or the shared entries; anywhere, the recruiter's notes included. Within a tier the
newest contact comes first. SQLite walks each tier in contact order and stops at the end of
the page, so a word found in 10,000 contacts costs no more than one found in 60 (scoring
every match with bm25 costs far more: docs/performance.md). PostgreSQL reads each match's tier
from its weights in one pass over the matches, which is still cheaper than ts_rank_cd.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, ContactEntry, Pool, PoolMember

TABLE = "contact_search"
# owner is a token ("r42") rather than a plain column, so that the index itself keeps to one
# recruiter's contacts instead of reading every match's row to check whose it is
SQLITE_DDL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(name, role, skills, entries, own, owner, "
    "tokenize='porter unicode61', prefix='2 3')",
]
POSTGRES_DDL = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (contact_id integer PRIMARY KEY REFERENCES contacts (id) "
    "ON DELETE CASCADE, recruiter_id integer NOT NULL, document tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_document ON {TABLE} USING gin (document)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_recruiter ON {TABLE} (recruiter_id)",
]
# The tiers: the SQLite columns each covers, and the PostgreSQL weights of the same fields
# (name A; role and skills B; entries C; notes, tags and pools D).
TIERS = (
    ("{name}", "A"),
    ("{name role skills}", "AB"),
    ("{name role skills entries}", "ABC"),
    ("{name role skills entries own}", "ABCD"),
)
MAX_TERMS = 8


def create_schema(connection: sa.Connection) -> None:
    """Create the search table for this database (the migration and the tests call this)."""
    for statement in POSTGRES_DDL if connection.dialect.name == "postgresql" else SQLITE_DDL:
        connection.exec_driver_sql(statement)


def drop_schema(connection: sa.Connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic: the search table is made by its own DDL above, not from the models."""
    return not (type_ == "table" and name.startswith(TABLE))


def rebuild(executor) -> int:
    """Index every contact again (after a migration, or to repair); returns how many."""
    ids = list(executor.scalars(sa.select(Contact.id).order_by(Contact.id)))
    for start in range(0, len(ids), 1000):
        reindex(ids[start : start + 1000], executor)
    return len(ids)


def terms(text: str | None) -> list[str]:
    """The words of a search box, lower-cased, at most MAX_TERMS of them."""
    return re.findall(r"[^\W_]+", (text or "").lower())[:MAX_TERMS]


def _dialect(executor) -> str:
    bind = executor.get_bind() if hasattr(executor, "get_bind") else executor
    return bind.dialect.name


def _documents(executor, contact_ids: list[int]) -> list[dict]:
    contacts = executor.execute(
        sa.select(
            Contact.id,
            Contact.recruiter_id,
            Contact.name,
            Contact.email,
            Contact.headline,
            Contact.title,
            Contact.employer,
            Contact.industries,
            Contact.skills,
            Contact.notes,
            Contact.tags,
        ).where(Contact.id.in_(contact_ids))
    ).all()
    entries: dict[int, list[str]] = defaultdict(list)
    for row in executor.execute(
        sa.select(ContactEntry.contact_id, ContactEntry.title, ContactEntry.employer, ContactEntry.summary).where(
            ContactEntry.contact_id.in_(contact_ids), ContactEntry.retracted.is_(False)
        )
    ):
        entries[row.contact_id].append(" ".join((row.title, row.employer, row.summary)))
    pools: dict[int, list[str]] = defaultdict(list)
    for row in executor.execute(
        sa.select(PoolMember.contact_id, Pool.name)
        .join(Pool, Pool.id == PoolMember.pool_id)
        .where(PoolMember.contact_id.in_(contact_ids))
    ):
        pools[row.contact_id].append(row.name)
    return [
        {
            "id": c.id,
            "recruiter_id": c.recruiter_id,
            "owner": _owner(c.recruiter_id),
            "name": f"{c.name} {c.email}",
            "role": " ".join((c.headline, c.title, c.employer)),
            "skills": " ".join(list(c.industries or []) + list(c.skills or [])),
            "entries": " ".join(entries[c.id]),
            "own": " ".join([c.notes or ""] + list(c.tags or []) + pools[c.id]),
        }
        for c in contacts
    ]


def reindex(contact_ids: Iterable[int], executor=None) -> None:
    """Bring the index of these contacts up to date (gone contacts are dropped from it)."""
    executor = executor or db.session
    ids = sorted(set(contact_ids))
    if not ids:
        return
    remove(ids, executor)
    documents = _documents(executor, ids)
    if not documents:
        return
    if _dialect(executor) == "postgresql":
        executor.execute(
            sa.text(
                f"INSERT INTO {TABLE} (contact_id, recruiter_id, document) VALUES (:id, :recruiter_id, "
                "setweight(to_tsvector('english', :name), 'A') || setweight(to_tsvector('english', :role), 'B') || "
                "setweight(to_tsvector('english', :skills), 'B') || setweight(to_tsvector('english', :entries), 'C') || "
                "setweight(to_tsvector('english', :own), 'D'))"
            ),
            documents,
        )
    else:
        executor.execute(
            sa.text(
                f"INSERT INTO {TABLE} (rowid, name, role, skills, entries, own, owner) "
                "VALUES (:id, :name, :role, :skills, :entries, :own, :owner)"
            ),
            documents,
        )


def remove(contact_ids: list[int], executor=None) -> None:
    """Drop these contacts from the index."""
    executor = executor or db.session
    key = "contact_id" if _dialect(executor) == "postgresql" else "rowid"
    executor.execute(
        sa.text(f"DELETE FROM {TABLE} WHERE {key} IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
        {"ids": list(contact_ids)},
    )


def _owner(recruiter_id: int) -> str:
    return f"r{recruiter_id}"


def _phrases(words: list[str]) -> str:
    """SQLite: every word, as a prefix (the words hold letters and digits only)."""
    return " AND ".join(f'"{word}"*' for word in words)


def _match(recruiter_id: int, words: list[str], tier: int) -> str:
    """SQLite: the FTS5 query for the recruiter's contacts in one tier and none better."""
    phrases = _phrases(words)
    query = f'owner: "{_owner(recruiter_id)}" AND ({TIERS[tier][0]}: ({phrases}))'
    if tier:
        query += f" NOT ({TIERS[tier - 1][0]}: ({phrases}))"
    return query


def _sqlite_tier(tier: int) -> str:
    return f"SELECT rowid AS contact_id, {tier} AS tier FROM {TABLE} WHERE {TABLE} MATCH :q_{tier}"


def _postgres_tiers(recruiter_id: int, words: list[str]) -> tuple[str, dict]:
    """PostgreSQL: (contact_id, tier) of every match, in one pass over the matches.

    The GIN index finds the matches; each match's tier is read from the weights of its
    words, which only the row itself holds.

    Each tsquery is its own scalar subquery, so PostgreSQL parses it once per statement (an
    InitPlan). As a plain ``to_tsquery(:param)`` it was parsed again for every match once the
    driver had prepared the statement and the server had switched to its generic plan.
    """
    query = lambda weights: " & ".join(f"{word}:*{weights}" for word in words)  # noqa: E731
    params = {"owner": recruiter_id, "q": query(""), **{f"q_{n}": query(w) for n, (_, w) in enumerate(TIERS[:-1])}}
    cases = " ".join(f"WHEN document @@ {_tsquery(f'q_{n}')} THEN {n}" for n in range(len(TIERS) - 1))
    return (
        f"SELECT contact_id, CASE {cases} ELSE {len(TIERS) - 1} END AS tier FROM {TABLE} "
        f"WHERE recruiter_id = :owner AND document @@ {_tsquery('q')}"
    ), params


def _tsquery(param: str) -> str:
    """PostgreSQL: the tsquery of a bound parameter, computed once per statement."""
    return f"(SELECT to_tsquery('english', :{param}))"


def best(recruiter_id: int, text: str, limit: int, offset: int = 0) -> list[int] | None:
    """Ids of the recruiter's contacts matching every word (as a prefix), best first: ``limit``
    of them after ``offset``. None without words.

    SQLite reads tier by tier, each newest first only as far as the page needs (FTS5 stops
    there); a tier is counted only when the page lies wholly beyond it.
    """
    words = terms(text)
    if not words:
        return None
    if _dialect(db.session) == "postgresql":
        sql, params = _postgres_tiers(recruiter_id, words)
        return list(
            db.session.scalars(
                sa.text(f"{sql} ORDER BY tier, contact_id DESC LIMIT :limit OFFSET :offset"),
                {**params, "limit": limit, "offset": offset},
            )
        )
    everywhere = f'owner: "{_owner(recruiter_id)}" AND ({TIERS[-1][0]}: ({_phrases(words)}))'
    if len(words) > 1 and db.session.scalar(sa.text(f"SELECT NOT EXISTS ({_sqlite_tier(0)})"), {"q_0": everywhere}):
        return []  # several words found together nowhere: spares a walk through every tier
    found: list[int] = []
    for tier in range(len(TIERS)):
        sql, params = _sqlite_tier(tier), {f"q_{tier}": _match(recruiter_id, words, tier)}
        ids = list(
            db.session.scalars(
                sa.text(f"{sql} ORDER BY rowid DESC LIMIT :limit OFFSET :offset"),
                {**params, "limit": limit - len(found), "offset": offset},
            )
        )
        found += ids
        if len(found) >= limit:
            break
        if offset and not ids:  # the page starts past this tier: skip it whole
            offset = max(0, offset - db.session.scalar(sa.text(f"SELECT count(*) FROM ({sql}) tier"), params))
        else:
            offset = 0
    return found


def ranked(recruiter_id: int, text: str) -> sa.CTE | None:
    """(contact_id, tier) of every contact of the recruiter matching every word, for queries
    that filter further; order by tier, then newest contact first. None without words."""
    words = terms(text)
    if not words:
        return None
    if _dialect(db.session) == "postgresql":
        sql, params = _postgres_tiers(recruiter_id, words)
    else:
        sql = " UNION ALL ".join(_sqlite_tier(tier) for tier in range(len(TIERS)))
        params = {f"q_{tier}": _match(recruiter_id, words, tier) for tier in range(len(TIERS))}
    # MATERIALIZED: run the full-text match once, then join; otherwise SQLite may nest the
    # match inside a scan of the contacts.
    return (
        sa.text(sql)
        .bindparams(**params)
        .columns(contact_id=sa.Integer, tier=sa.Integer)
        .cte("ranked")
        .prefix_with("MATERIALIZED")
    )
