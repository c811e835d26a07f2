"""Admins: the audit trail (read, filter, export as FHIR AuditEvents) and case exports (CSV, FHIR).

The CSV and the audit trail's export stream: they are read a batch at a
time and written out as they are read, so a year of cases or of audit rows
needs no more of a worker's memory than a day's.
"""
from datetime import timedelta

from flask import Response, abort, current_app, request, stream_with_context
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..export import audit_fhir, fhir, table
from ..store import audit as audit_store
from ..store import audit_chain, batches, cases
from ..store.engine import error_kind
from ..store.models import Acknowledgement, AuditEvent, Case
from ..web.clinic_time import clinic_time, clinic_zone
from ..web.exporting import FHIR_JSON, fhir_base, fhir_response, needs_fhir_base
from ..web.i18n import lazy_gettext as _l
from ..web.state import db_session
from .auth import requires
from .common import audit, audit_many, clinic_today, day_bounds, parse_day, render_staff
from .views import bp

AUDIT_ROWS = 500
NOT_A_DATE = _l("Please give a date as YYYY-MM-DD.")
REVERSED = _l("The end date is before the start date.")


def date_range(args, required):
    """(first, last, errors) from ?from= and ?to=: errors maps "from"/"to" to
    a message for the admin, so a bad date is said beside its box rather than
    read as no date at all (which would widen an export to everything)."""
    days, errors = {}, {}
    for name in ("from", "to"):
        typed = args.get(name, "").strip()
        days[name] = parse_day(typed)
        if days[name] is None and (typed or required):
            errors[name] = NOT_A_DATE
    if days["from"] and days["to"] and days["to"] < days["from"]:
        errors["to"] = REVERSED
    return days["from"], days["to"], errors


def audit_filters(first, last):
    args = request.args
    return dict(
        since=day_bounds(first)[0] if first else None,
        until=day_bounds(last)[1] if last else None,
        username=args.get("user", "").strip() or None,
        reference=args.get("reference", "").strip() or None,
        action=args.get("action") if args.get("action") in audit_store.ACTIONS else None,
    )


@bp.get("/admin/audit")
@requires("admin")
def audit_view():
    first, last, errors = date_range(request.args, required=False)
    return audit_page(first, last, errors)


def audit_page(first, last, errors):
    # With a bad date no row is shown (nor counted as read): the page says
    # which date to mend, status 400.
    events = [] if errors else audit_store.events(db_session(), limit=AUDIT_ROWS, **audit_filters(first, last))
    # The whole chain, every time: a row changed since the last look must show now.
    chain = audit_chain.verify(db_session())
    if not errors:
        audit("audit-view")
    return render_staff("screening/staff/audit.html", 400 if errors else 200, events=events,
                        actions=audit_store.ACTIONS, chain=chain, args=request.args, errors=errors,
                        local=clinic_time, limit=AUDIT_ROWS)


@bp.get("/admin/audit.json")
@requires("admin")
@needs_fhir_base
def audit_export(base):
    first, last, errors = date_range(request.args, required=False)
    if errors:
        return audit_page(first, last, errors)
    session = db_session()
    # Up to the newest row now: the export's own row (audited before any of
    # the trail leaves) and rows added while it streams are not in it.
    query = audit_store.matching(**audit_filters(first, last)).where(
        AuditEvent.id <= batches.newest_id(session, AuditEvent.id))
    audit("export", detail=f"audit trail as FHIR AuditEvent, {batches.count(session, query)} rows")

    def pieces():
        # Runs after the view has returned, with the request's context pushed
        # again (stream_with_context): db_session() is then a session of its
        # own, closed when the last piece is written (state.close_db_session).
        read = batches.in_batches(db_session(), query, AuditEvent.at, AuditEvent.id, newest_first=True)
        yield from audit_fhir.audit_bundle_text(base, read)

    return streamed(pieces(), FHIR_JSON, "audit-events.json")


class ExportCut(RuntimeError):
    """The database failed while an export was being written: the transfer is
    broken off, never ended cleanly, so no one takes half a file for a whole one."""


def _until_the_database_fails(pieces):
    # The page's 503 (unavailable.py) cannot help once the first piece is
    # sent. The kind only in the log, and the driver's error (which may
    # quote values) left out of the traceback the server logs.
    try:
        yield from pieces
    except SQLAlchemyError as error:
        current_app.logger.error("export cut short: database unavailable (%s)", error_kind(error))
        raise ExportCut("the export was cut short by a database error") from None


def streamed(pieces, mimetype, filename):
    """A download written piece by piece as `pieces` yields it (no Content-Length)."""
    response = Response(stream_with_context(_until_the_database_fails(pieces)))
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/admin/export")
@requires("admin")
def exports():
    today = clinic_today()
    return export_page((today - timedelta(days=7)).isoformat(), today.isoformat())


def export_page(first, last, errors=None, free_text=False):
    """The exports page; with errors, again as the admin filled it in (status 400)."""
    return render_staff("screening/staff/export.html", 400 if errors else 200, first=first, last=last,
                        free_text=free_text, errors=errors or {}, fhir_base=fhir_base())


def acknowledged_at(session, batch):
    """When each of these cases' alert was acknowledged (case id -> time), in
    one query for the batch rather than one per case."""
    if not batch:
        return {}
    found = session.execute(select(Acknowledgement.case_id, Acknowledgement.at)
                            .where(Acknowledgement.case_id.in_([case.id for case in batch])))
    return {case_id: at for case_id, at in found}


def cases_between(first, last):
    """The cases stored on these clinic days, up to the newest case now (so the
    count audited first is the count written), unordered."""
    start, end = day_bounds(first)[0], day_bounds(last)[1]
    newest = batches.newest_id(db_session(), Case.id)
    return select(Case).where(Case.created_at >= start, Case.created_at < end, Case.id <= newest)


@bp.get("/admin/export/cases.csv")
@requires("admin")
def export_csv():
    first, last, errors = date_range(request.args, required=True)
    free_text = request.args.get("free_text") == "1"
    if errors:
        return export_page(request.args.get("from", ""), request.args.get("to", ""), errors, free_text)
    query = cases_between(first, last)
    days = f"CSV {first.isoformat()} to {last.isoformat()}"
    with_text = ", with free text" if free_text else ""
    # The export as asked, before any case leaves (also when none is found) ...
    audit("export", detail=f"{days}, {batches.count(db_session(), query)} cases{with_text}")
    zone = clinic_zone()

    def pieces():
        yield table.header(free_text)
        session = db_session()  # this generator's own (see audit_export)
        for batch in batches.in_batches(session, query, Case.created_at, Case.id):
            # ... and which cases it held: each batch's references are in the
            # audit before its rows are written out.
            text = table.rows(batch, zone, free_text, acknowledged_at(session, batch))
            # The audit chain's head stays locked from the first row to the
            # commit: not while the text is made, nor while it is sent.
            audit_many("export", [case.reference for case in batch], detail=days + with_text)
            session.commit()
            yield text

    return streamed(pieces(), "text/csv", f"cases-{first}-{last}.csv")


@bp.get("/admin/export/case.json")
@requires("admin")
@needs_fhir_base
def export_case_fhir(base):
    case = cases.find_by_reference(db_session(), request.args.get("reference", ""))
    if case is None:
        abort(404)
    audit("export", reference=case.reference, detail="FHIR bundle")
    return fhir_response(fhir.case_bundle(base, case), filename=f"case-{case.reference}.json")
