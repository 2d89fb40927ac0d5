"""Imports written in chunks by the worker, and taken back when one fails

A contact remembers the import that created it; an import row that merged into an existing
contact keeps what it changed; a job counts the contacts written so far.

Revision ID: c4f2a8e61b90
Revises: b7e4c2d91f60
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4f2a8e61b90"
down_revision = "b7e4c2d91f60"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_job_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_contacts_import_job_id"), ["import_job_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_contacts_import_job_id_import_jobs"),
            "import_jobs",
            ["import_job_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("import_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("written_count", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("import_rows", schema=None) as batch_op:
        batch_op.add_column(sa.Column("undo", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("import_rows", schema=None) as batch_op:
        batch_op.drop_column("undo")
    with op.batch_alter_table("import_jobs", schema=None) as batch_op:
        batch_op.drop_column("written_count")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_contacts_import_job_id_import_jobs"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_contacts_import_job_id"))
        batch_op.drop_column("import_job_id")
