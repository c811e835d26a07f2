"""Saving and finding cases, in a session the caller owns (one per request)."""
from sqlalchemy import select

from ..triage.rules import RULES_BY_ID, FiredRule, TriageResult, explain
from .models import Case, new_token


def save_case(session, record, result):
    """Store a validated record with its triage result; the case's token."""
    case = Case(
        token=new_token(),
        record=record,
        language=record["language"],
        disposition=result.disposition,
        emergency=result.emergency,
        rule_ids=result.rule_ids,
        rules_version=result.rules_version,
    )
    with session.begin():
        session.add(case)
    return case.token


def find_case(session, token):
    return session.scalar(select(Case).where(Case.token == token))


def fired_rules(case):
    """The reasons for a stored case's rules, in the case's language."""
    fired = []
    for rule_id in case.rule_ids:
        rule = RULES_BY_ID.get(rule_id)
        if rule is None:  # a rule since retired: still show that it fired
            fired.append(FiredRule(rule_id, "", rule_id, rule_id))
        else:
            fired.append(explain(rule, case.record, case.language))
    return fired


def result_of(case):
    """The triage result as it was decided and stored, not decided again."""
    return TriageResult(case.disposition, case.emergency, tuple(fired_rules(case)), case.rules_version)
