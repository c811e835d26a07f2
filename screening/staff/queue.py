"""The queue's contents: a clinic day's cases, most serious first, and the open alerts."""
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import datetime, timedelta

from sqlalchemy import Float, and_, bindparam, exists, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
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

    @property
    def since_mark(self):
        """What the page sends back with its next refresh (see `read_since`)."""
        return since_mark(self.now, self.overdue_ids)

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
    escalate = escalate or {}
    since = now - timedelta(hours=alert_hours)
    values = dict(start=start, end=end, **_overdue_values(since, now, escalate))
    row = session.execute(_fingerprint_statement(tuple(sorted(escalate))), values).one()
    return [value.isoformat() if isinstance(value, datetime) else value for value in row]


@lru_cache(maxsize=8)
def _fingerprint_statement(escalating):
    late = _late(escalating)

    def over(where, *values):
        return [select(value).select_from(Case).where(where).scalar_subquery() for value in values]

    ids = func.coalesce(func.sum(Case.id), 0)
    return select(
        # The sum of the moments as well as the newest: two changes made at
        # once can commit in the other order, and the older stamp, committed
        # second, leaves the newest unchanged.
        *over(_DAY, func.count(), func.max(Case.changed_at), func.sum(seconds(Case.changed_at))),
        *over(_ALERTING, func.count(), ids),
        *(over(late, func.count(), ids) if late is not None else ()),
    )


class seconds(FunctionElement):
    """A stored moment as seconds, on both databases."""
    type = Float()
    inherit_cache = True


@compiles(seconds, "sqlite")
def _seconds_sqlite(element, compiler, **kw):
    return f"(julianday({compiler.process(element.clauses, **kw)}) * 86400.0)"


@compiles(seconds)
def _seconds_postgresql(element, compiler, **kw):
    return f"extract(epoch from {compiler.process(element.clauses, **kw)})"


def etag(found, *extra):
    blob = json.dumps([found, *extra], default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Kept:
    """A row the page already shows as it is: a refresh sends its place, not its HTML."""
    reference: str
    kept = True


# A refresh re-sends every row changed this long before the page's last
# refresh, not only after it: a change stamped just before that moment but
# committed after it would otherwise never reach the page. (Whatever slips
# past it, the page asks for every row once a minute.)
RESEND_MARGIN = timedelta(seconds=15)


@dataclass(frozen=True)
class Since:
    """What the page showed at its last refresh: rows changed after `moment`
    are sent again, and those whose overdue mark has come or gone."""
    moment: datetime
    overdue: frozenset


def since_mark(now, overdue_ids):
    """What the page sends back with its next refresh: the moment and the rows marked overdue."""
    return f"{now.timestamp()!r}|{'.'.join(str(i) for i in sorted(overdue_ids))}"


def read_since(mark, now):
    """The page's `since_mark`, less the margin; None (send every row) for
    anything odd: absent, garbled, from the future or from long ago."""
    try:
        moment, ids = mark.split("|")
        then = datetime.fromtimestamp(float(moment), tz=now.tzinfo)
        overdue = frozenset(int(i) for i in ids.split(".") if i)
    except (AttributeError, TypeError, ValueError, OverflowError, OSError):
        return None
    if not now - timedelta(minutes=10) <= then <= now:
        return None
    return Since(then - RESEND_MARGIN, overdue)


def load(session, start, end, *, alert_hours, escalate=None, now=None, since=None):
    """Cases stored between two UTC moments, every unacknowledged alert from
    the last `alert_hours` and every overdue case (whatever day is shown);
    `escalate` is {"urgent": minutes, "emergency": minutes}. With `since`
    (what the page showed), a row that has not changed since is a `Kept`:
    only what changed is loaded and sent."""
    now = now or utcnow()
    alerting = now - timedelta(hours=alert_hours)
    overdue = load_overdue(session, alerting, now, escalate or {})
    day = session.execute(_DAY_ROWS, {"start": start, "end": end, "moment": since.moment if since else start}).all()
    if since is None:
        loaded = session.scalars(_DAY_CASES, {"start": start, "end": end})
    else:
        flipped = {case.id for case in overdue} ^ since.overdue
        fresh = [row.id for row in day if row.changed or row.id in flipped]
        loaded = session.scalars(_CASES, {"ids": fresh}) if fresh else ()
    loaded = {case.id: case for case in loaded}
    rows = [(row, loaded.get(row.id) or Kept(row.reference)) for row in day]
    alerts = session.scalars(_ALERTS, {"since": alerting}).all()
    finished = [c for row, c in sorted((pair for pair in rows if pair[0].status in FINISHED),
                                       key=lambda pair: pair[0].status_at or start, reverse=True)]
    active = [c for row, c in rows if row.status not in FINISHED]
    return Queue(active, finished, list(alerts), overdue, now)


def _overdue_condition(since, cutoffs):
    """Still waiting and unreviewed past the level's minutes; None when nothing escalates."""
    late = [and_(Case.severity == SEVERITY[name], Case.created_at < cut) for name, cut in cutoffs.items()]
    if not late:
        return None
    return and_(Case.status == "waiting", Case.reviewed_at.is_(None), Case.created_at >= since, or_(*late))


def load_overdue(session, since, now, escalate):
    """The overdue cases, the longest waiting first."""
    if not escalate:
        return []
    return list(session.scalars(_overdue_statement(tuple(sorted(escalate))),
                                _overdue_values(since, now, escalate)).all())


def _overdue_values(since, now, escalate):
    """The bound values of `_late`: the alert window's start and each level's cut-off."""
    return {"since": since, **{f"cut_{name}": now - timedelta(minutes=minutes) for name, minutes in escalate.items()}}


def _late(escalating):
    """The overdue condition on bound values (see `_overdue_values`), for these levels."""
    return _overdue_condition(bindparam("since"), {name: bindparam(f"cut_{name}") for name in escalating})


# The queue's statements, built once and run with bound values (each refresh
# runs them; building them anew cost more than running them). The queue
# shows rule ids (a column), not the worded rules: those are not loaded.
_CASE = select(Case).options(lazyload(Case.fired))
_DAY = _day(bindparam("start"), bindparam("end"))
_ALERTING = _alert_condition(bindparam("since"))
# What each row is, where it goes and whether it changed after `moment`,
# without loading the case itself (or reading a moment SQLite keeps as text).
_DAY_ROWS = (select(Case.id, Case.reference, Case.status, Case.status_at,
                    (Case.changed_at > bindparam("moment")).label("changed"))
             .where(_DAY).order_by(Case.severity.desc(), Case.created_at, Case.id))
_DAY_CASES = _CASE.where(_DAY)
_CASES = _CASE.where(Case.id.in_(bindparam("ids", expanding=True)))
# Newest first: the line at the top of the banner is the one just come in.
_ALERTS = _CASE.where(_ALERTING).order_by(Case.created_at.desc(), Case.id.desc())


@lru_cache(maxsize=8)
def _overdue_statement(escalating):
    return _CASE.where(_late(escalating)).order_by(Case.created_at, Case.id)


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
