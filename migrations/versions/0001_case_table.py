"""Case table: what create_all made before there were migrations.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade():
    op.create_table(
        "screening_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record", JSON_DOCUMENT, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("disposition", sa.String(length=16), nullable=False),
        sa.Column("emergency", sa.Boolean(), nullable=False),
        sa.Column("rule_ids", JSON_DOCUMENT, nullable=False),
        sa.Column("rules_version", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_screening_case_created_at", "screening_case", ["created_at"], unique=False)


def downgrade():
    op.drop_index("ix_screening_case_created_at", table_name="screening_case")
    op.drop_table("screening_case")
