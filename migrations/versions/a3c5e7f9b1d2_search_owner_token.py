"""Search index: the owner as an indexed token, ranking by tiers instead of bm25

SQLite only: its FTS5 table is made again with an ``owner`` column (a token such as "r42")
in place of the unindexed recruiter_id, and filled from the contacts. PostgreSQL's index
is unchanged.

Revision ID: a3c5e7f9b1d2
Revises: d017edc3aa00
Create Date: 2026-11-23 17:20:00

"""

from alembic import op

from journal import search

# revision identifiers, used by Alembic.
revision = "a3c5e7f9b1d2"
down_revision = "d017edc3aa00"
branch_labels = None
depends_on = None

OLD_SQLITE_DDL = [
    f"CREATE VIRTUAL TABLE {search.TABLE} USING fts5(name, role, skills, entries, own, recruiter_id UNINDEXED, "
    "tokenize='porter unicode61', prefix='2 3')",
    f"INSERT INTO {search.TABLE}({search.TABLE}, rank) VALUES ('rank', 'bm25(10.0, 5.0, 4.0, 2.0, 1.0)')",
    f"INSERT INTO {search.TABLE} (rowid, name, role, skills, entries, own, recruiter_id) "
    f"SELECT rowid, name, role, skills, entries, own, substr(owner, 2) FROM {search.TABLE}_new",
]


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    search.drop_schema(bind)
    search.create_schema(bind)
    search.rebuild(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.exec_driver_sql(f"ALTER TABLE {search.TABLE} RENAME TO {search.TABLE}_new")
    for statement in OLD_SQLITE_DDL:
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql(f"DROP TABLE {search.TABLE}_new")
