"""Index only waiting deliveries by email

Deliveries are looked up by email only while they wait for their recruiter to sign up
(recruiter_id IS NULL). Indexing every delivery's email made each notify write one leaf of
that index per recipient, scattered across a large index.

Revision ID: b7e4c2d91f60
Revises: a3c5e7f9b1d2
Create Date: 2026-11-23 23:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7e4c2d91f60"
down_revision = "a3c5e7f9b1d2"
branch_labels = None
depends_on = None

WAITING = sa.text("recruiter_id IS NULL")


def upgrade():
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_recipient_email")
        batch_op.create_index(
            "ix_deliveries_waiting_email",
            ["recipient_email"],
            unique=False,
            sqlite_where=WAITING,
            postgresql_where=WAITING,
        )


def downgrade():
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_waiting_email", sqlite_where=WAITING, postgresql_where=WAITING)
        batch_op.create_index("ix_deliveries_recipient_email", ["recipient_email"], unique=False)
