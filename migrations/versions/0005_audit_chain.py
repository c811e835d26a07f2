"""The audit trail becomes a hash chain; decisions kept as a history; refusals counted apart from the audit.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Rows written before this revision are chained here, oldest first, with the
same hashing the app uses (screening/store/audit_chain.py). That needs the
append-only trigger off for the moment: migrations run as the tables'
owner, never as the app's own role (docs/deployment.md).

Every clinician decision already stored becomes the first entry of its
case's history (what the case stood at before it is the rules' level).
"""
import sqlalchemy as sa
from alembic import op

from screening.store.audit_chain import HEAD_ID, row_hash
from screening.store.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

AUDIT = "screening_audit_event"
TRIGGER = "screening_audit_event_no_update"
MESSAGE = "screening_audit_event is append-only"


class _Row:
    def __init__(self, mapping):
        self.__dict__.update(mapping)


def upgrade():
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    # Plain ADD COLUMN (nullable, no default) needs no batch copy on SQLite, so its triggers stay.
    op.add_column(AUDIT, sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column(AUDIT, sa.Column("row_hash", sa.String(length=64), nullable=True))
    head = op.create_table(
        "screening_audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    _chain_existing_rows(bind, postgres, head)

    op.create_table(
        "screening_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("level_before", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["screening_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screening_decision_case_id", "screening_decision", ["case_id"])
    _first_decisions(bind)

    op.create_table(
        "screening_refusal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("account", sa.String(length=120), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screening_refusal_at", "screening_refusal", ["at"])
    op.create_index("ix_screening_refusal_kind_address_at", "screening_refusal", ["kind", "address", "at"])
    op.create_index("ix_screening_refusal_kind_account_at", "screening_refusal", ["kind", "account", "at"])


def _chain_existing_rows(bind, postgres, head):
    audit = sa.table(AUDIT, sa.column("at", UTCDateTime()), *(sa.column(name) for name in (
        "id", "username", "role", "address", "action", "case_reference", "detail", "prev_hash", "row_hash")))
    rows = bind.execute(sa.select(audit).order_by(audit.c.id)).mappings().all()
    if rows:
        _trigger(postgres, on=False)
        previous = None
        for mapping in rows:
            row = _Row(dict(mapping))
            digest = row_hash(previous, row)
            bind.execute(sa.update(audit).where(audit.c.id == row.id).values(prev_hash=previous, row_hash=digest))
            previous = digest
        _trigger(postgres, on=True)
    bind.execute(sa.insert(head).values(
        id=HEAD_ID, rows=len(rows), last_id=rows[-1]["id"] if rows else None, last_hash=previous if rows else None))


def _trigger(postgres, on):
    if postgres:
        op.execute(f"ALTER TABLE {AUDIT} {'ENABLE' if on else 'DISABLE'} TRIGGER {TRIGGER}")
    elif on:
        op.execute(f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {AUDIT} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")


def _first_decisions(bind):
    case = sa.table("screening_case", *(sa.column(name) for name in (
        "id", "disposition", "emergency", "reviewed_at", "reviewed_by", "clinician_disposition",
        "clinician_emergency", "clinician_reason")))
    decision = sa.table("screening_decision", *(sa.column(name) for name in (
        "case_id", "at", "by", "level_before", "level", "reason")))
    reviewed = bind.execute(sa.select(case).where(case.c.reviewed_at.is_not(None))).mappings().all()
    for row in reviewed:
        before = "emergency" if row["emergency"] else row["disposition"]
        if row["clinician_disposition"] is None:
            after = before
        else:
            after = "emergency" if row["clinician_emergency"] else row["clinician_disposition"]
        bind.execute(sa.insert(decision).values(
            case_id=row["id"], at=row["reviewed_at"], by=row["reviewed_by"] or "",
            level_before=before, level=after, reason=row["clinician_reason"]))


def downgrade():
    op.drop_table("screening_refusal")
    op.drop_table("screening_decision")
    op.drop_table("screening_audit_head")
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table(AUDIT) as batch:
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
    if not postgres:
        # SQLite's batch mode copies the table without its triggers.
        _trigger(postgres, on=False)
        _trigger(postgres, on=True)
