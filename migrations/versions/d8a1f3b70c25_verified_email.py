"""Verified email: when an account's owner proved its address

Existing accounts start unverified: nothing proved their addresses. Their owners verify from
the banner's "Send the link again".

Revision ID: d8a1f3b70c25
Revises: c4f2a8e61b90
Create Date: 2026-12-01 22:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d8a1f3b70c25"
down_revision = "c4f2a8e61b90"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
