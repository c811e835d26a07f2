"""The queue's contents: a clinic day's cases, most serious first, and the open alerts."""
import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
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
    acknowledged = select(Acknowledgement.case_id)
    alerts = session.scalars(
        select(Case).options(lazyload(Case.fired)).where(Case.severity >= ALERT_SEVERITY, Case.created_at >= since, Case.id.not_in(acknowledged))
        .order_by(Case.severity.desc(), Case.created_at, Case.id)
    ).all()
    ids = [c.id for c in cases]
    done = set(session.scalars(select(Acknowledgement.case_id).where(Acknowledgement.case_id.in_(ids)))) if ids else set()
    return Queue(list(cases), list(alerts), frozenset(done))


def acknowledge(session, case, by):
    """Stop a case's alert; False when someone already had."""
    if session.get(Acknowledgement, case.id) is not None:
        return False
    session.add(Acknowledgement(case_id=case.id, at=utcnow(), by=by))
    session.commit()
    return True
