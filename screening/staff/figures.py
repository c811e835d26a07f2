"""The manager's figures for a range of days: counts, waits, escalations and
which rules clinicians overrule. No Flask; every input is passed in."""
import math
import statistics
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select

from ..store.models import LEVELS, SEVERITY, STATUSES, Case, Decision, StatusChange

LEVEL_ORDER = ("emergency", "urgent", "routine", "self-care")
# Minutes from arrival, for the plot of waits to review.
WAIT_BUCKETS = ((0, 15), (15, 30), (30, 60), (60, 120), (120, None))


def percentile(values, share):
    """Nearest rank: the smallest value with at least `share` of them at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Wait:
    minutes: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.minutes)

    @property
    def median(self):
        return statistics.median(self.minutes) if self.minutes else None

    @property
    def p90(self):
        return percentile(self.minutes, 0.9)


@dataclass
class Figures:
    cases: int
    by_level: dict
    by_status: dict
    to_review: Wait
    to_clinician: Wait
    escalated: int
    # rule id -> [raised by a clinician, lowered by a clinician]
    overrides: dict
    buckets: list


def _minutes(start, end):
    return (end - start).total_seconds() / 60


def _firsts(session, model, ids, *where):
    if not ids:
        return {}
    rows = session.execute(select(model.case_id, func.min(model.at)).where(model.case_id.in_(ids), *where)
                           .group_by(model.case_id)).all()
    return dict(rows)


def load(session, start, end, *, escalate, now):
    """The figures for cases that arrived between two UTC moments."""
    cases = session.scalars(select(Case).where(Case.created_at >= start, Case.created_at < end)).all()
    ids = [case.id for case in cases]
    reviewed = _firsts(session, Decision, ids)
    with_clinician = _firsts(session, StatusChange, ids, StatusChange.status == "with-clinician")
    moved = _firsts(session, StatusChange, ids)
    return compute(cases, reviewed, with_clinician, moved, escalate=escalate, now=now)


def compute(cases, reviewed, with_clinician, moved, *, escalate, now):
    """`reviewed`, `with_clinician`, `moved`: case id -> the first such moment (a decision,
    the first "with clinician", the first status change of any kind)."""
    by_level = {name: 0 for name in LEVEL_ORDER}
    by_status = {name: 0 for name in STATUSES}
    to_review, to_clinician = Wait(), Wait()
    escalated = 0
    overrides = {}
    for case in cases:
        level = LEVELS[case.severity]
        by_level[level] += 1
        by_status[case.status] += 1
        if case.id in reviewed:
            to_review.minutes.append(_minutes(case.created_at, reviewed[case.id]))
        if case.id in with_clinician:
            to_clinician.minutes.append(_minutes(case.created_at, with_clinician[case.id]))
        rules_level = "emergency" if case.emergency else case.disposition
        if rules_level in escalate:
            # Overdue as the queue counts it: not reviewed and still waiting past the minutes.
            acted = min([at for at in (reviewed.get(case.id), moved.get(case.id)) if at] or [now])
            if acted - case.created_at > timedelta(minutes=escalate[rules_level]):
                escalated += 1
        if case.overridden:
            raised = SEVERITY[level] > SEVERITY[rules_level]
            for rule_id in case.rule_ids or ["(no rule fired)"]:
                counts = overrides.setdefault(rule_id, [0, 0])
                counts[0 if raised else 1] += 1
    buckets = [(low, high, sum(1 for m in to_review.minutes if m >= low and (high is None or m < high)))
               for low, high in WAIT_BUCKETS]
    ranked = dict(sorted(overrides.items(), key=lambda item: (-sum(item[1]), item[0])))
    return Figures(len(cases), by_level, by_status, to_review, to_clinician, escalated, ranked, buckets)
