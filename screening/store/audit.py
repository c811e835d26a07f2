"""The audit trail: one row per access to a patient's data or per account event. No Flask.

Rows name a case by its reference only (never an answer), so they can be
kept after the case itself is purged.
"""
import logging

from sqlalchemy import select

from . import audit_chain
from .models import AuditEvent, utcnow

ACTIONS = (
    "view",            # a case page was opened
    "queue-view",      # the queue was shown (once per sign-in session and day, not per refresh)
    "print",           # a patient handout was (re)printed by staff
    "summary",         # the staff summary PDF
    "review",          # marked reviewed as the rules decided
    "override",        # another disposition, with its reason
    "acknowledge",     # an emergency/urgent alert was acknowledged
    "status",          # the patient moved on in the clinic's day (waiting -> with-clinician ...)
    "export",          # FHIR or CSV left the system (by staff or an API key)
    "import",          # a whole record stored through the API
    "purge",           # old cases deleted (the count in detail)
    "sign-in",
    "failed-sign-in",  # each wrong password for an account; unknown names and refusals aggregated
    "sign-out",
    "user-change",     # an account made, reset, disabled, or signed out everywhere
    "audit-view",      # an admin read the audit trail
    "api-refused",     # API calls with no or a wrong key, aggregated (store/refusals.py)
)
DETAIL_MAX = 200
# A failed sign-in's username when what was typed names no account, before
# a tag of it (staff/views.py); it has a space, which no username has.
UNKNOWN_USER = "unknown user"
# The column's own width: a longer address (a forged X-Forwarded-For) was a
# 500 on PostgreSQL, which refuses what does not fit; kept cut, as counted.
ADDRESS_MAX = AuditEvent.__table__.c.address.type.length


def fit_address(address):
    """An address as stored (here and with refusals): cut to the column's width."""
    return None if address is None else str(address)[:ADDRESS_MAX]


log = logging.getLogger(__name__)


def _known(action):
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")


def _event(action, at, username, role, address, reference, detail):
    """One row as stored: a known action, the address and detail cut to their columns."""
    _known(action)
    return AuditEvent(at=at, username=username, role=role, address=fit_address(address), action=action,
                      case_reference=reference, detail=(detail or None) and detail[:DETAIL_MAX])


def record(session, action, *, username=None, role=None, address=None, reference=None, detail=None, at=None,
           commit=True):
    """Append one audit row and commit it; with commit=False it joins the
    caller's transaction, so an action and its audit row land together or not at all."""
    event = _event(action, at or utcnow(), username, role, address, reference, detail)
    audit_chain.link(session, event)
    if commit:
        session.commit()
    # The log names the case by its reference only, like the audit row itself.
    log.info("audit %s by %s%s", action, username or "-", f" case {reference}" if reference else "")
    return event


def record_many(session, action, references, *, username=None, role=None, address=None, detail=None):
    """One row per case reference, in the caller's transaction, chained with
    one head update (not one per row): an export's list of the cases it held."""
    _known(action)
    at = utcnow()
    events = [_event(action, at, username, role, address, reference, detail) for reference in references]
    if not events:
        return
    audit_chain.link_many(session, events)
    log.info("audit %s by %s, %d cases", action, username or "-", len(events))


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
