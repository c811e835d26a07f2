"""Saving and finding cases, in a session the caller owns (one per request)."""
import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..triage.rules import FiredRule as Fired, TriageResult
from .models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    LEVELS,
    Case,
    Decision,
    FiredRule,
    new_reference,
    new_token,
    severity_of,
    utcnow,
)

# A clash of two random references is rare (31**6 of them); a few tries settle it.
REFERENCE_TRIES = 5


def save_case(session, record, result, *, early_stop=False, device_label=None):
    """Store a record with its triage result, each fired rule as worded now; the stored Case.

    An early stop's record holds only the answers given so far.
    """
    for attempt in range(REFERENCE_TRIES):
        case = Case(
            token=new_token(),
            reference=new_reference(),
            created_at=utcnow(),
            record=record,
            language=record.get("language", "en"),
            disposition=result.disposition,
            emergency=result.emergency,
            rule_ids=result.rule_ids,
            rules_version=result.rules_version,
            early_stop=early_stop,
            severity=severity_of(result.disposition, result.emergency),
            status="waiting",
            device_label=device_label,
            changed_at=utcnow(),
            fired=[
                FiredRule(position=i, rule_id=r.id, tier=r.tier,
                          clinician_reason=r.clinician_reason, patient_reason=r.patient_reason)
                for i, r in enumerate(result.rules)
            ],
        )
        try:
            with session.begin():
                session.add(case)
            return case
        except IntegrityError:
            session.rollback()
            if attempt == REFERENCE_TRIES - 1:
                raise
    raise AssertionError("unreachable")


# What a token (secrets.token_urlsafe) can look like. Anything else is no
# case, without asking the database: PostgreSQL refuses a NUL in a query
# parameter with an error, which would be a 500 for a typed address.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def find_case(session, token):
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    return session.scalar(select(Case).where(Case.token == token))


def find_by_reference(session, reference):
    """Staff type references: case and spaces do not matter."""
    reference = "".join(reference.split()).upper()
    if len(reference) != REFERENCE_LENGTH or not set(reference) <= set(REFERENCE_ALPHABET):
        return None
    return session.scalar(select(Case).where(Case.reference == reference))


def fired_rules(case):
    """The case's fired rules with their reasons as worded when they fired."""
    return [Fired(r.rule_id, r.tier, r.clinician_reason, r.patient_reason) for r in case.fired]


def result_of(case):
    """The rules' result as it was decided and stored, not decided again."""
    return TriageResult(case.disposition, case.emergency, tuple(fired_rules(case)), case.rules_version)


def final_result(case):
    """What the patient is told: the clinician's disposition when one was set,
    with the rules' reasons (contract section 5)."""
    return TriageResult(case.final_disposition, case.final_emergency, tuple(fired_rules(case)), case.rules_version)


def add_preferred_name(session, case, name):
    """The name an early stop's patient gave after the emergency page was shown (the form never asked it)."""
    case.record = {**case.record, "preferred_name": name}
    case.changed_at = utcnow()
    session.commit()


def record_review(session, case, *, by, disposition=None, emergency=None, reason=None, commit=True, at=None):
    """A clinician's review: reviewed as it stands, or another disposition with its reason.

    The rules' own result is never changed; the queue then sorts by the
    clinician's decision. Each review is added to the case's decisions, so
    a second one never hides the first. commit=False leaves the commit to
    the caller, for the audit row to land in the same transaction.
    """
    level_before = LEVELS[case.severity]
    if disposition is not None:
        if not reason or not reason.strip():
            raise ValueError("a different disposition needs a reason")
        emergency = bool(emergency) and disposition == "urgent"
        case.clinician_disposition, case.clinician_emergency = disposition, emergency
        case.clinician_reason = reason.strip()
    case.reviewed_by, case.reviewed_at = by, at or utcnow()
    case.changed_at = utcnow()
    case.severity = severity_of(case.final_disposition, case.final_emergency)
    case.decisions.append(Decision(
        at=case.reviewed_at, by=by, level_before=level_before, level=LEVELS[case.severity],
        reason=reason.strip() if disposition is not None else None,
    ))
    if commit:
        session.commit()
    return case
