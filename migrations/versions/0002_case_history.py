"""Cases keep their history: reference, worded fired rules, early stop, review, severity.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Old cases stored only their rule ids. Their reasons are written out here
once, in the wording the rules have when this migration runs (the closest
record there is of how they read), so no case ever reads a bare rule id or
changes its words when the rules are next revised.
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SEVERITY = {"self-care": 0, "routine": 1, "urgent": 2}


def upgrade():
    with op.batch_alter_table("screening_case") as batch:
        batch.add_column(sa.Column("reference", sa.String(length=6), nullable=True))
        batch.add_column(sa.Column("early_stop", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("severity", sa.SmallInteger(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("clinician_disposition", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("clinician_emergency", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("clinician_reason", sa.Text(), nullable=True))
    fired = op.create_table(
        "screening_fired_rule",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("clinician_reason", sa.Text(), nullable=False),
        sa.Column("patient_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["screening_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id", "position"),
    )
    carry_old_cases_forward(fired)
    with op.batch_alter_table("screening_case") as batch:
        batch.alter_column("reference", existing_type=sa.String(length=6), nullable=False)
        batch.alter_column("severity", existing_type=sa.SmallInteger(), nullable=False)
        batch.create_unique_constraint("uq_screening_case_reference", ["reference"])
        batch.create_index("ix_screening_case_severity", ["severity"], unique=False)


def carry_old_cases_forward(fired):
    from screening.triage.rules import RULES_BY_ID, explain

    connection = op.get_bind()
    case = sa.table(
        "screening_case",
        sa.column("id", sa.Integer), sa.column("record", sa.JSON), sa.column("language", sa.String),
        sa.column("disposition", sa.String), sa.column("emergency", sa.Boolean), sa.column("rule_ids", sa.JSON),
        sa.column("reference", sa.String), sa.column("severity", sa.SmallInteger),
    )
    used = set()
    for row in connection.execute(sa.select(case)).mappings().all():
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        while reference in used:
            reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        used.add(reference)
        severity = 3 if row["emergency"] else SEVERITY[row["disposition"]]
        connection.execute(sa.update(case).where(case.c.id == row["id"]).values(reference=reference, severity=severity))
        rows = []
        for position, rule_id in enumerate(row["rule_ids"]):
            rule = RULES_BY_ID.get(rule_id)
            if rule is None:
                reason = f"Rule {rule_id} (no longer in the rule set; its wording was not kept)."
                rows.append(dict(rule_id=rule_id, tier="urgent", clinician_reason=reason, patient_reason=reason))
                continue
            record = _complete(row["record"])
            worded = explain(rule, record, row["language"])
            rows.append(dict(rule_id=rule_id, tier=rule.tier, clinician_reason=worded.clinician_reason,
                             patient_reason=worded.patient_reason))
        if rows:
            op.bulk_insert(fired, [dict(case_id=row["id"], position=i, **r) for i, r in enumerate(rows)])


def _complete(record):
    # Questions added after a case was stored were not asked: only their names
    # are read here (unsure-red-flag lists the unsure ones), never their answers.
    from screening.triage.contract import RED_FLAGS

    return {**{flag: "no" for flag in RED_FLAGS}, **record}


def downgrade():
    with op.batch_alter_table("screening_case") as batch:
        batch.drop_index("ix_screening_case_severity")
        batch.drop_constraint("uq_screening_case_reference", type_="unique")
    op.drop_table("screening_fired_rule")
    with op.batch_alter_table("screening_case") as batch:
        for column in ("clinician_reason", "clinician_emergency", "clinician_disposition", "reviewed_by",
                       "reviewed_at", "severity", "early_stop", "reference"):
            batch.drop_column(column)
