"""Deleting old cases (and old audit rows) for the retention settings. No Flask.

Safe to run from cron as often as wanted: a second run finds nothing left.
"""
from datetime import timedelta

from sqlalchemy import delete, select

from .models import Acknowledgement, AuditEvent, Case, Decision, FiredRule, HandoutPdf, StatusChange, utcnow


# Cases deleted per transaction: a year of cases never sits in memory, nor
# holds the database's write lock (SQLite's is the whole file) for long.
PURGE_BATCH = 1000


def purge_cases(session, older_than_days, *, now=None):
    """Delete every case stored more than `older_than_days` ago with its fired
    rules, decisions, status changes, acknowledgement and rendered handouts, PURGE_BATCH cases
    per transaction. Yields each batch's purged references (for the in-memory
    caches) once that batch is committed; a caller that stops early leaves
    the rest for the next run."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    return _purge_batches(session, cutoff)


def _purge_batches(session, cutoff):
    while True:
        with session.begin():
            found = session.execute(select(Case.id, Case.reference).where(Case.created_at < cutoff)
                                    .order_by(Case.id).limit(PURGE_BATCH)).all()
            if not found:
                return
            # The batch by its id range (two parameters, however large the
            # batch); the cut-off again, for a newer case inside the range.
            batch = select(Case.id).where(Case.id.between(found[0].id, found[-1].id), Case.created_at < cutoff)
            # Explicit deletes, not ON DELETE CASCADE: SQLite enforces foreign keys
            # only when asked, per connection.
            session.execute(delete(FiredRule).where(FiredRule.case_id.in_(batch)))
            session.execute(delete(Acknowledgement).where(Acknowledgement.case_id.in_(batch)))
            session.execute(delete(HandoutPdf).where(HandoutPdf.case_id.in_(batch)))
            session.execute(delete(Decision).where(Decision.case_id.in_(batch)))
            session.execute(delete(StatusChange).where(StatusChange.case_id.in_(batch)))
            session.execute(delete(Case).where(Case.id.in_(batch)))
        yield [row.reference for row in found]


def purge_audit(session, older_than_days, *, now=None):
    """Delete audit rows older than the audit retention; how many went."""
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    with session.begin():
        return session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff)).rowcount
