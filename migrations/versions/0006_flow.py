"""The clinic's flow: each case's status (waiting, with a clinician, done, sent
to emergency care, left), its changes, and the tablet it came from.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Cases stored before this revision start as "waiting" with no change
recorded: the queue shows them as they were, and the manager's waits count
only changes made from now on. `changed_at` is when anything the queue
shows of a case last changed: the queue's refresh is answered from it.
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CASE = "screening_case"


def upgrade():
    # A server default fills the existing rows; batch mode for SQLite's ALTER.
    with op.batch_alter_table(CASE) as batch:
        batch.add_column(sa.Column("status", sa.String(length=32), nullable=False, server_default="waiting"))
        batch.add_column(sa.Column("status_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("status_by", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("device_label", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    # Existing cases last changed when they were reviewed, or else when they arrived.
    op.execute(f"UPDATE {CASE} SET changed_at = COALESCE(reviewed_at, created_at)")
    with op.batch_alter_table(CASE) as batch:
        batch.alter_column("changed_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    op.create_table(
        "screening_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("status_before", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["screening_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screening_status_change_case_id", "screening_status_change", ["case_id"])


def downgrade():
    op.drop_table("screening_status_change")
    with op.batch_alter_table(CASE) as batch:
        batch.drop_column("changed_at")
        batch.drop_column("device_label")
        batch.drop_column("status_by")
        batch.drop_column("status_at")
        batch.drop_column("status")
