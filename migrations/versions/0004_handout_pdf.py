"""Rendered handouts shared by every worker: the first print of a case is no render.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

The PDFs are patient data: each row belongs to its case and goes with it
(ON DELETE CASCADE, and the retention purge deletes them explicitly, since
SQLite enforces foreign keys only when asked).
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLE = "screening_handout_pdf"


def upgrade():
    # A new table needs no batch mode on SQLite; only altering an existing one does.
    op.create_table(
        TABLE,
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["screening_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id", "key"),
    )


def downgrade():
    op.drop_table(TABLE)
