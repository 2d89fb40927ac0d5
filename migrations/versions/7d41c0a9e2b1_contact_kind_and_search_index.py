"""Contact kind (candidate or hiring manager) and the full-text search index

Revision ID: 7d41c0a9e2b1
Revises: 3bc202fadca1
Create Date: 2026-11-22 05:40:00

"""

import sqlalchemy as sa
from alembic import op

from journal import search

# revision identifiers, used by Alembic.
revision = "7d41c0a9e2b1"
down_revision = "3bc202fadca1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="candidate", nullable=False))
    bind = op.get_bind()
    search.create_schema(bind)
    search.rebuild(bind)  # contacts made before this revision become searchable


def downgrade():
    search.drop_schema(op.get_bind())
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("kind")
