"""Deleting old cases (and old audit rows) for the retention settings. No Flask.

Safe to run from cron as often as wanted: a second run finds nothing left.
"""
from datetime import timedelta

from sqlalchemy import delete, select

from .models import Acknowledgement, AuditEvent, Case, Decision, FiredRule, HandoutPdf, utcnow


def purge_cases(session, older_than_days, *, now=None):
    """Delete every case stored more than `older_than_days` ago with its fired
    rules, review, acknowledgement and rendered handouts; the purged
    references (for the in-memory caches)."""
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    old = select(Case.id).where(Case.created_at < cutoff)
    with session.begin():
        references = session.scalars(select(Case.reference).where(Case.created_at < cutoff)).all()
        # Explicit deletes, not ON DELETE CASCADE: SQLite enforces foreign keys
        # only when asked, per connection.
        session.execute(delete(FiredRule).where(FiredRule.case_id.in_(old)))
        session.execute(delete(Acknowledgement).where(Acknowledgement.case_id.in_(old)))
        session.execute(delete(HandoutPdf).where(HandoutPdf.case_id.in_(old)))
        session.execute(delete(Decision).where(Decision.case_id.in_(old)))
        session.execute(delete(Case).where(Case.created_at < cutoff))
    return list(references)


def purge_audit(session, older_than_days, *, now=None):
    """Delete audit rows older than the audit retention; how many went."""
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    with session.begin():
        return session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff)).rowcount
