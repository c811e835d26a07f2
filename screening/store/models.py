"""The stored case and what hangs off it (SQLAlchemy 2; contract section 5).

Everything a case was decided with is stored with it, as it was at the time:
the record (partial for an early stop), each fired rule with both reasons as
worded then, the rules_version, and any clinician's decision beside (never
over) the rules' own.
"""
import secrets
from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from ..triage import contract

JSONDocument = JSON().with_variant(JSONB(), "postgresql")

# A patient's way through the clinic's day. Finished ones leave the queue's
# main list; sent-to-emergency stays in it (the patient may still be here,
# waiting for the ambulance).
STATUSES = ("waiting", "with-clinician", "done", "sent-to-emergency", "left-without-being-seen")
FINISHED = ("done", "left-without-being-seen")
DEVICE_LABEL_MAX = 40

# Six characters people can read out and type: no 0/O, no 1/I/L.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6

# The queue's order: emergency, urgent, routine, self-care (contract section 5).
SEVERITY = contract.SEVERITY
# And back: a severity's level name (what the queue shows and decisions keep).
LEVELS = {value: name for name, value in SEVERITY.items()}


def severity_of(disposition, emergency):
    return SEVERITY["emergency"] if emergency else SEVERITY[disposition]


class UTCDateTime(TypeDecorator):
    """A moment in UTC on every database.

    PostgreSQL keeps the zone; SQLite keeps none and gives naive values
    back. Values are stored as UTC and always read back zone-aware, so a
    case's date in the clinic's time zone is the same on both.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("a stored time must carry its zone")
            value = value.astimezone(timezone.utc)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    pass


def new_token():
    # 32 random bytes: the patient's result pages must not be guessable.
    return secrets.token_urlsafe(32)


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def utcnow():
    return datetime.now(timezone.utc)


class Case(Base):
    # Prefixed so the tables sit safely in a host intranet's own database.
    __tablename__ = "screening_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    # For people: printed on the result page and handout, typed by staff. It opens nothing.
    reference: Mapped[str] = mapped_column(String(REFERENCE_LENGTH), unique=True, default=new_reference)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True, default=utcnow)
    record: Mapped[dict] = mapped_column(JSONDocument)
    language: Mapped[str] = mapped_column(String(8))
    # The rules' decision, as made when the case arrived.
    disposition: Mapped[str] = mapped_column(String(16))
    emergency: Mapped[bool] = mapped_column(Boolean)
    rule_ids: Mapped[list] = mapped_column(JSONDocument)
    rules_version: Mapped[str] = mapped_column(String(64))
    # The form stopped at the first emergency answer: a partial record.
    early_stop: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the queue sorts by: the clinician's decision once there is one, else the rules'.
    # Not indexed: every query on it also bounds created_at, whose index keeps
    # the queue's cost flat however many cases are stored; with an index of
    # its own SQLite chose it and read every serious case ever stored.
    severity: Mapped[int] = mapped_column(SmallInteger)
    # The clinician's review, kept beside the rules' result.
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    clinician_disposition: Mapped[str | None] = mapped_column(String(16), nullable=True)
    clinician_emergency: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    clinician_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Where the patient is in the clinic's day (STATUSES), who last moved
    # them and when; each change is also kept in status_changes.
    status: Mapped[str] = mapped_column(String(32), default="waiting")
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    status_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    # The tablet the answers came from, as labelled on it ("Front desk tablet 2").
    device_label: Mapped[str | None] = mapped_column(String(DEVICE_LABEL_MAX), nullable=True)
    # When anything the queue shows of this case last changed (a review, a
    # status, an acknowledgement, a name given late): an unchanged queue is
    # told by one query over this, without loading a case (staff/queue.py).
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    fired: Mapped[list["FiredRule"]] = relationship(
        back_populates="case", order_by="FiredRule.position", cascade="all, delete-orphan", lazy="selectin",
    )
    # Never loaded with the case: only so that deleting a case deletes its PDFs.
    handout_pdfs: Mapped[list["HandoutPdf"]] = relationship(
        back_populates="case", cascade="all, delete-orphan", lazy="raise_on_sql",
    )
    status_changes: Mapped[list["StatusChange"]] = relationship(
        order_by="StatusChange.id", cascade="all, delete-orphan", lazy="select",
    )
    # Every clinician decision in order, the latest last (the columns above hold the latest).
    decisions: Mapped[list["Decision"]] = relationship(
        order_by="Decision.id", cascade="all, delete-orphan", lazy="select",
    )

    @property
    def overridden(self):
        return self.clinician_disposition is not None and (
            self.clinician_disposition, bool(self.clinician_emergency)) != (self.disposition, self.emergency)

    @property
    def final_disposition(self):
        """What the handout and the queue follow: the clinician's decision if there is one."""
        return self.clinician_disposition or self.disposition

    @property
    def final_emergency(self):
        return self.emergency if self.clinician_disposition is None else bool(self.clinician_emergency)

    def __repr__(self):
        # Never the record: reprs end up in logs and tracebacks.
        return f"<Case {self.reference} {self.disposition}>"


class FiredRule(Base):
    """One rule that fired for a case, worded as it was when it fired."""

    __tablename__ = "screening_fired_rule"

    case_id: Mapped[int] = mapped_column(ForeignKey("screening_case.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    tier: Mapped[str] = mapped_column(String(16))
    clinician_reason: Mapped[str] = mapped_column(Text)
    patient_reason: Mapped[str] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="fired")


class HandoutPdf(Base):
    """A rendered handout of a case, shared by every worker so that a print
    rendered (or pre-rendered) by one is no render in another.

    Patient data like the case itself: it goes when the case goes. `key` is
    the handout cache's key (handout/cache.py), a digest of everything the
    PDF depends on, so a row is never served for a changed case or template.
    """

    __tablename__ = "screening_handout_pdf"

    case_id: Mapped[int] = mapped_column(ForeignKey("screening_case.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="handout_pdfs")


# --- the staff side: accounts, the audit trail, alert acknowledgements --------

ROLES = ("front-desk", "clinician", "admin")


class StaffUser(Base):
    """A staff account of the plugin's own (a host intranet may bring its own users instead)."""

    __tablename__ = "screening_staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of every signed-in session's identity: raising it signs the user
    # out everywhere (a password reset does so too).
    session_generation: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self):
        return f"<StaffUser {self.username} {self.role}>"


class AuditEvent(Base):
    """Who did what, when, from where, to which case. Rows are only ever added
    (the database refuses updates) and hold a case's reference, never its answers."""

    __tablename__ = "screening_audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True, default=utcnow)
    username: Mapped[str | None] = mapped_column(String(120), nullable=True, index=True)
    role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    case_reference: Mapped[str | None] = mapped_column(String(REFERENCE_LENGTH), nullable=True, index=True)
    detail: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The hash chain (store/audit_chain.py): the row before's hash, and this row's.
    prev_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    row_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AuditHead(Base):
    """The audit chain's newest link, in one row: every audit write updates it
    in its own transaction, which puts writers in one order and shows when
    the newest rows were taken away."""

    __tablename__ = "screening_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    last_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Acknowledgement(Base):
    """Someone at the desk has seen a new emergency or urgent case: its alert stops."""

    __tablename__ = "screening_acknowledgement"

    case_id: Mapped[int] = mapped_column(ForeignKey("screening_case.id", ondelete="CASCADE"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(120))


class Decision(Base):
    """One clinician's decision on a case, kept: a later one is added beside
    it, never written over it, so the case shows who decided what and why."""

    __tablename__ = "screening_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("screening_case.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(120))
    # Levels as the queue names them (emergency, urgent, routine, self-care):
    # what the case stood at just before, and after this decision.
    level_before: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    # None when the clinician confirmed the level as it stood.
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class Refusal(Base):
    """A refused sign-in or API call, counted here and not in the audit: the
    sign-in delay and the API's failure audit read these counts, and the
    audit gets a row only at the 1st, 10th, 100th... refusal of a window,
    so a flood of refusals cannot flood the audit (store/refusals.py)."""

    __tablename__ = "screening_refusal"
    __table_args__ = (
        Index("ix_screening_refusal_kind_address_at", "kind", "address", "at"),
        Index("ix_screening_refusal_kind_account_at", "kind", "account", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True, default=utcnow)
    # "sign-in" (a wrong password or unknown name), "api-key" (no or a wrong key).
    kind: Mapped[str] = mapped_column(String(16))
    # The audited username (store/audit.py's UNKNOWN_USER tag for unknown names), or an API key's name.
    account: Mapped[str | None] = mapped_column(String(120), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)


class StatusChange(Base):
    """One move of a patient through the clinic's day: the manager's waits come from these."""

    __tablename__ = "screening_status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("screening_case.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(120))
    status_before: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
