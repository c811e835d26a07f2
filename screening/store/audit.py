"""The audit trail: one row per access to a patient's data or per account event. No Flask.

Rows name a case by its reference only (never an answer), so they can be
kept after the case itself is purged.
"""
import logging
from datetime import datetime

from sqlalchemy import func, select

from .models import AuditEvent, utcnow

ACTIONS = (
    "view",            # a case page was opened
    "print",           # a patient handout was (re)printed by staff
    "summary",         # the staff summary PDF
    "review",          # marked reviewed as the rules decided
    "override",        # another disposition, with its reason
    "acknowledge",     # an emergency/urgent alert was acknowledged
    "export",          # FHIR or CSV left the system (by staff or an API key)
    "import",          # a whole record stored through the API
    "purge",           # old cases deleted (the count in detail)
    "sign-in",
    "failed-sign-in",
    "sign-out",
    "user-change",     # an account made, reset, disabled, or signed out everywhere
    "audit-view",      # an admin read the audit trail
)
DETAIL_MAX = 200
# A failed sign-in's username when what was typed names no account, before
# a tag of it (staff/views.py); it has a space, which no username has.
UNKNOWN_USER = "unknown user"
# The column's own width: a longer address (a forged X-Forwarded-For) was a
# 500 on PostgreSQL, which refuses what does not fit; kept cut, as counted.
ADDRESS_MAX = AuditEvent.__table__.c.address.type.length


def _address(address):
    return None if address is None else str(address)[:ADDRESS_MAX]

log = logging.getLogger(__name__)


def record(session, action, *, username=None, role=None, address=None, reference=None, detail=None, at=None,
           commit=True):
    """Append one audit row and commit it; with commit=False it joins the
    caller's transaction, so an action and its audit row land together or not at all."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(at=at or utcnow(), username=username, role=role, address=_address(address), action=action,
                       case_reference=reference, detail=(detail or None) and detail[:DETAIL_MAX])
    session.add(event)
    if commit:
        session.commit()
    else:
        session.flush()
    # The log names the case by its reference only, like the audit row itself.
    log.info("audit %s by %s%s", action, username or "-", f" case {reference}" if reference else "")
    return event


def events(session, *, since=None, until=None, username=None, reference=None, action=None, limit=500):
    """Audit rows, newest first, filtered; `since`/`until` are zone-aware moments."""
    query = matching(since=since, until=until, username=username, reference=reference, action=action)
    return session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)).all()


def matching(*, since=None, until=None, username=None, reference=None, action=None):
    """The query for the audit rows events() filters, unordered (the export reads it in batches)."""
    query = select(AuditEvent)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    if username:
        query = query.where(AuditEvent.username == username)
    if reference:
        query = query.where(AuditEvent.case_reference == "".join(reference.split()).upper())
    if action:
        query = query.where(AuditEvent.action == action)
    return query


def failures_since(session, since: datetime, *, username=None, address=None):
    """Failed sign-ins since a moment, for one username or one address."""
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "failed-sign-in", AuditEvent.at >= since)
    if username is not None:
        query = query.where(AuditEvent.username == username)
    if address is not None:
        query = query.where(AuditEvent.address == _address(address))
    return session.scalar(query)
