"""The queue's contents: a clinic day's cases, most serious first, and the open alerts."""
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from ..triage.rules import may_not_walk
from ..store.models import FINISHED, LEVELS, SEVERITY, Acknowledgement, Case, utcnow

# Alerts ring for these levels until someone acknowledges them.
ALERT_SEVERITY = SEVERITY["urgent"]


def level(case):
    """emergency, urgent, routine or self-care: what the queue shows and sorts by."""
    return LEVELS[case.severity]


def moves(case):
    """The statuses one tap on the queue can move a case to, the likeliest first."""
    serious = case.severity >= ALERT_SEVERITY
    return {
        "waiting": ("with-clinician", "sent-to-emergency", "left-without-being-seen") if serious
        else ("with-clinician", "left-without-being-seen"),
        "with-clinician": ("done", "sent-to-emergency", "waiting"),
        "sent-to-emergency": ("done", "waiting"),
    }.get(case.status, ("waiting",))


def told_to_stay_seated(case):
    """The patient was told to stay where they are and ask for a staff member: go to them."""
    return case.severity >= ALERT_SEVERITY and (case.emergency or may_not_walk(case.record))


@dataclass(frozen=True)
class Queue:
    # The day's cases still in the clinic's flow, most serious first, and
    # those finished (done, or left without being seen), newest change first.
    cases: list
    finished: list
    alerts: list
    acknowledged: frozenset
    # Emergency and urgent cases still waiting, unreviewed, past their
    # escalation minutes: they alert again whatever was acknowledged.
    overdue: list
    now: datetime

    @property
    def emergency(self):
        """Whether an open alert is an emergency: its words and its tone differ from urgent's."""
        return any(level(case) == "emergency" for case in self.alerts)

    @cached_property
    def overdue_ids(self):
        # Once per queue, not once per row that asks.
        return {case.id for case in self.overdue}

    def waited_minutes(self, case):
        """Whole minutes since arrival, or until it finished for a finished case."""
        until = case.status_at if case.status in FINISHED and case.status_at else self.now
        return max(0, int((until - case.created_at).total_seconds() // 60))


def _day(start, end):
    return and_(Case.created_at >= start, Case.created_at < end)


def _alert_condition(since):
    """Emergency or urgent, arrived since `since`, nobody has acknowledged it yet."""
    # NOT EXISTS, not NOT IN (subquery): the latter read the whole
    # acknowledgement table on every poll.
    acknowledged = exists().where(Acknowledgement.case_id == Case.id)
    return and_(Case.severity >= ALERT_SEVERITY, Case.created_at >= since, ~acknowledged)


def fingerprint(session, start, end, *, alert_hours, escalate=None, now=None):
    """What a refresh of the queue would show, told by one query and no case
    loaded: anything shown that changes (a case arriving, reviewed, moved,
    acknowledged, named; an alert opening or closing; a case falling
    overdue) changes it. The queue's ETag, so an unchanged queue answers 304
    for the cost of this query, however many cases the day or the database holds."""
    now = now or utcnow()
    since = now - timedelta(hours=alert_hours)
    day, alert = _day(start, end), _alert_condition(since)
    late = _overdue_condition(since, now, escalate or {})

    def over(where, *values):
        return [select(value).select_from(Case).where(where).scalar_subquery() for value in values]

    ids = func.coalesce(func.sum(Case.id), 0)
    row = session.execute(select(
        *over(day, func.count(), func.max(Case.changed_at)),
        *over(alert, func.count(), ids),
        *(over(late, func.count(), ids) if late is not None else ()),
    )).one()
    return [value.isoformat() if isinstance(value, datetime) else value for value in row]


def etag(found, *extra):
    blob = json.dumps([found, *extra], default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def load(session, start, end, *, alert_hours, escalate=None, now=None):
    """Cases stored between two UTC moments, every unacknowledged alert from
    the last `alert_hours` and every overdue case (whatever day is shown);
    `escalate` is {"urgent": minutes, "emergency": minutes}."""
    now = now or utcnow()
    # The queue shows rule ids (a column), not the worded rules: load those only if asked.
    day = session.scalars(
        select(Case).options(lazyload(Case.fired)).where(_day(start, end))
        .order_by(Case.severity.desc(), Case.created_at, Case.id)
    ).all()
    since = now - timedelta(hours=alert_hours)
    # Newest first: the line at the top of the banner is the one just come in.
    alerts = session.scalars(
        select(Case).options(lazyload(Case.fired)).where(_alert_condition(since))
        .order_by(Case.created_at.desc(), Case.id.desc())
    ).all()
    overdue = load_overdue(session, since, now, escalate or {})
    done = acknowledged_ids(session, [c.id for c in day])
    finished = sorted((c for c in day if c.status in FINISHED), key=lambda c: c.status_at or c.created_at,
                      reverse=True)
    active = [c for c in day if c.status not in FINISHED]
    return Queue(active, finished, list(alerts), frozenset(done), overdue, now)


def _overdue_condition(since, now, escalate):
    """Still waiting and unreviewed past the level's minutes; None when nothing escalates."""
    late = [and_(Case.severity == SEVERITY[name], Case.created_at < now - timedelta(minutes=minutes))
            for name, minutes in escalate.items()]
    if not late:
        return None
    return and_(Case.status == "waiting", Case.reviewed_at.is_(None), Case.created_at >= since, or_(*late))


def load_overdue(session, since, now, escalate):
    """The overdue cases, the longest waiting first."""
    condition = _overdue_condition(since, now, escalate)
    if condition is None:
        return []
    return list(session.scalars(
        select(Case).options(lazyload(Case.fired)).where(condition).order_by(Case.created_at, Case.id)
    ).all())


def acknowledged_ids(session, ids):
    if not ids:
        return set()
    return set(session.scalars(select(Acknowledgement.case_id).where(Acknowledgement.case_id.in_(ids))))


def acknowledge(session, case, by):
    """Stop a case's alert; False when someone already had."""
    return acknowledge_all(session, [case], by) == [case]


def acknowledge_all(session, cases, by, retry=True):
    """Stop these cases' alerts (those the person saw, never one come in
    since); the cases whose alert this stopped."""
    done = acknowledged_ids(session, [case.id for case in cases])
    stopped = [case for case in cases if case.id not in done]
    at = utcnow()
    session.add_all(Acknowledgement(case_id=case.id, at=at, by=by) for case in stopped)
    for case in stopped:
        case.changed_at = at
    try:
        session.commit()
    except IntegrityError:
        # Two people at the desk pressed at once: the other one's stands.
        session.rollback()
        return acknowledge_all(session, cases, by, retry=False) if retry else []
    return stopped
