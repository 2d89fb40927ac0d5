"""Full-text search over a recruiter's contacts, behind one interface.

SQLite uses an FTS5 table (porter stemming, prefix indexes, bm25 ranking); PostgreSQL a
tsvector column with a GIN index and ts_rank_cd. The index holds, per contact: the name;
headline, title and employer; industries and skills; the candidate's shared entries; and
the recruiter's own notes, tags and pools, weighted in that order. ``reindex`` keeps it in step:
it is called after every merge, edit, import and delete.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, ContactEntry, Pool, PoolMember

TABLE = "contact_search"
SQLITE_DDL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(name, role, skills, entries, own, "
    "recruiter_id UNINDEXED, tokenize='porter unicode61', prefix='2 3')",
    # the column weights, so that ORDER BY rank (which FTS5 can stop early on) ranks as we want
    f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('rank', 'bm25(10.0, 5.0, 4.0, 2.0, 1.0)')",
]
POSTGRES_DDL = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (contact_id integer PRIMARY KEY REFERENCES contacts (id) "
    "ON DELETE CASCADE, recruiter_id integer NOT NULL, document tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_document ON {TABLE} USING gin (document)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_recruiter ON {TABLE} (recruiter_id)",
]
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
        reindex(ids[start:start + 1000], executor)
    return len(ids)


def terms(text: str | None) -> list[str]:
    """The words of a search box, lower-cased, at most MAX_TERMS of them."""
    return re.findall(r"[^\W_]+", (text or "").lower())[:MAX_TERMS]


def _dialect(executor) -> str:
    bind = executor.get_bind() if hasattr(executor, "get_bind") else executor
    return bind.dialect.name


def _documents(executor, contact_ids: list[int]) -> list[dict]:
    contacts = executor.execute(sa.select(
        Contact.id, Contact.recruiter_id, Contact.name, Contact.email, Contact.headline, Contact.title,
        Contact.employer, Contact.industries, Contact.skills, Contact.notes, Contact.tags,
    ).where(Contact.id.in_(contact_ids))).all()
    entries: dict[int, list[str]] = defaultdict(list)
    for row in executor.execute(sa.select(ContactEntry.contact_id, ContactEntry.title, ContactEntry.employer,
                                            ContactEntry.summary)
                                  .where(ContactEntry.contact_id.in_(contact_ids), ContactEntry.retracted.is_(False))):
        entries[row.contact_id].append(" ".join((row.title, row.employer, row.summary)))
    pools: dict[int, list[str]] = defaultdict(list)
    for row in executor.execute(sa.select(PoolMember.contact_id, Pool.name).join(Pool, Pool.id == PoolMember.pool_id)
                                .where(PoolMember.contact_id.in_(contact_ids))):
        pools[row.contact_id].append(row.name)
    return [{
        "id": c.id, "recruiter_id": c.recruiter_id,
        "name": f"{c.name} {c.email}",
        "role": " ".join((c.headline, c.title, c.employer)),
        "skills": " ".join(list(c.industries or []) + list(c.skills or [])),
        "entries": " ".join(entries[c.id]),
        "own": " ".join([c.notes or ""] + list(c.tags or []) + pools[c.id]),
    } for c in contacts]


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
        executor.execute(sa.text(
            f"INSERT INTO {TABLE} (contact_id, recruiter_id, document) VALUES (:id, :recruiter_id, "
            "setweight(to_tsvector('english', :name), 'A') || setweight(to_tsvector('english', :role), 'B') || "
            "setweight(to_tsvector('english', :skills), 'B') || setweight(to_tsvector('english', :entries), 'C') || "
            "setweight(to_tsvector('english', :own), 'D'))"), documents)
    else:
        executor.execute(sa.text(
            f"INSERT INTO {TABLE} (rowid, name, role, skills, entries, own, recruiter_id) "
            "VALUES (:id, :name, :role, :skills, :entries, :own, :recruiter_id)"), documents)


def remove(contact_ids: list[int], executor=None) -> None:
    """Drop these contacts from the index."""
    executor = executor or db.session
    key = "contact_id" if _dialect(executor) == "postgresql" else "rowid"
    executor.execute(sa.text(f"DELETE FROM {TABLE} WHERE {key} IN :ids").bindparams(
        sa.bindparam("ids", expanding=True)), {"ids": list(contact_ids)})


def ranked(recruiter_id: int, text: str, limit: int | None = None, offset: int = 0) -> sa.CTE | None:
    """(contact_id, score) of the recruiter's contacts matching every word (as a prefix), best first;
    only the best ``limit`` after ``offset`` when given. None without words."""
    words = terms(text)
    if not words:
        return None
    if _dialect(db.session) == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        sql = (f"SELECT contact_id, ts_rank_cd(document, query) AS score FROM {TABLE}, to_tsquery('english', :q) query "
               "WHERE document @@ query AND recruiter_id = :recruiter ORDER BY score DESC, contact_id")
    else:
        query = " AND ".join(f'"{word}"*' for word in words)
        # ORDER BY rank alone: FTS5 then sorts inside the index (a second key made SQLite sort
        # afterwards, 44 instead of 28 ms for 10,000 matches); equal ranks keep the index's order
        sql = (f"SELECT rowid AS contact_id, -rank AS score FROM {TABLE} "
               f"WHERE {TABLE} MATCH :q AND recruiter_id = :recruiter ORDER BY rank")
    params = {"q": query, "recruiter": recruiter_id}
    if limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        params.update(limit=limit, offset=offset)
    # MATERIALIZED: run the full-text match once, then join; otherwise SQLite may nest the
    # match inside a scan of the contacts (a count over 10,000 contacts took a second).
    return (sa.text(sql).bindparams(**params).columns(contact_id=sa.Integer, score=sa.Float)
            .cte("ranked").prefix_with("MATERIALIZED"))
