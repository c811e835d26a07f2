"""The queue's contents: a clinic day's cases, most serious first, and the open alerts."""
import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from ..store.models import SEVERITY, Acknowledgement, Case, utcnow

# Alerts ring for these levels until someone acknowledges them.
ALERT_SEVERITY = SEVERITY["urgent"]
LEVELS = {value: key for key, value in SEVERITY.items()}


def level(case):
    """emergency, urgent, routine or self-care: what the queue shows and sorts by."""
    return LEVELS[case.severity]


@dataclass(frozen=True)
class Queue:
    cases: list
    alerts: list
    acknowledged: frozenset

    @property
    def emergency(self):
        """Whether an open alert is an emergency: its words and its tone differ from urgent's."""
        return any(level(case) == "emergency" for case in self.alerts)

    def etag(self, *extra):
        """Changes whenever anything shown changes: an unchanged queue answers 304."""
        shown = [
            [c.reference, c.severity, c.reviewed_at.isoformat() if c.reviewed_at else None,
             c.clinician_disposition, c.id in self.acknowledged]
            for c in self.cases
        ]
        blob = json.dumps([shown, [c.reference for c in self.alerts], *extra], default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]


def load(session, start, end, *, alert_hours, now=None):
    """Cases stored between two UTC moments, and every unacknowledged alert
    from the last `alert_hours` (whatever day is shown)."""
    # The queue shows rule ids (a column), not the worded rules: load those only if asked.
    cases = session.scalars(
        select(Case).options(lazyload(Case.fired)).where(Case.created_at >= start, Case.created_at < end)
        .order_by(Case.severity.desc(), Case.created_at, Case.id)
    ).all()
    since = (now or utcnow()) - timedelta(hours=alert_hours)
    # NOT EXISTS, not NOT IN (subquery): the latter read the whole
    # acknowledgement table on every poll.
    acknowledged = exists().where(Acknowledgement.case_id == Case.id)
    # Newest first: the line at the top of the banner is the one just come in.
    alerts = session.scalars(
        select(Case).options(lazyload(Case.fired))
        .where(Case.severity >= ALERT_SEVERITY, Case.created_at >= since, ~acknowledged)
        .order_by(Case.created_at.desc(), Case.id.desc())
    ).all()
    done = acknowledged_ids(session, [c.id for c in cases])
    return Queue(list(cases), list(alerts), frozenset(done))


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
    try:
        session.commit()
    except IntegrityError:
        # Two people at the desk pressed at once: the other one's stands.
        session.rollback()
        return acknowledge_all(session, cases, by, retry=False) if retry else []
    return stopped
