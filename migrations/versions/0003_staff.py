"""Staff side: accounts, the append-only audit trail, alert acknowledgements.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

The audit table refuses UPDATE at the database (a trigger on both SQLite
and PostgreSQL): a row, once written, reads as it was written. Deleting
stays possible for the audit retention setting (`flask screening purge`).
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

AUDIT = "screening_audit_event"
TRIGGER = "screening_audit_event_no_update"
MESSAGE = "screening_audit_event is append-only"


def upgrade():
    op.create_table(
        "screening_staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_generation", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        AUDIT,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("case_reference", sa.String(length=6), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("at", "username", "action", "case_reference"):
        op.create_index(f"ix_{AUDIT}_{column}", AUDIT, [column], unique=False)
    op.create_table(
        "screening_acknowledgement",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["screening_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$""")
        op.execute(f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {AUDIT} FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()")
    else:
        op.execute(f"""
            CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {AUDIT}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {AUDIT}")
        op.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
    op.drop_table("screening_acknowledgement")
    for column in ("case_reference", "action", "username", "at"):
        op.drop_index(f"ix_{AUDIT}_{column}", table_name=AUDIT)
    op.drop_table(AUDIT)
    op.drop_table("screening_staff_user")
