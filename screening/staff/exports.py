"""Admins: the audit trail (read, filter, export as FHIR AuditEvents) and case exports (CSV, FHIR)."""
from datetime import timedelta

from flask import abort, make_response, request
from sqlalchemy import select

from ..export import audit_fhir, fhir, table
from ..store import audit as audit_store
from ..store import audit_chain
from ..store import cases
from ..store.models import Case
from ..web.clinic_time import clinic_time, clinic_zone
from ..web.exporting import fhir_base, fhir_response, needs_fhir_base
from ..web.state import db_session
from .auth import requires
from .common import audit, clinic_today, day_bounds, parse_day, render_staff
from .views import bp

AUDIT_ROWS = 500


def audit_filters():
    args = request.args
    first, last = parse_day(args.get("from")), parse_day(args.get("to"))
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
    events = audit_store.events(db_session(), limit=AUDIT_ROWS, **audit_filters())
    # The whole chain, every time: a row changed since the last look must show now.
    chain = audit_chain.verify(db_session())
    audit("audit-view")
    return render_staff("screening/staff/audit.html", events=events, actions=audit_store.ACTIONS, chain=chain,
                        args=request.args, local=clinic_time, limit=AUDIT_ROWS)


@bp.get("/admin/audit.json")
@requires("admin")
@needs_fhir_base
def audit_export(base):
    events = audit_store.events(db_session(), limit=None, **audit_filters())
    audit("export", detail=f"audit trail as FHIR AuditEvent, {len(events)} rows")
    return fhir_response(audit_fhir.audit_bundle(base, events), filename="audit-events.json")


@bp.get("/admin/export")
@requires("admin")
def exports():
    today = clinic_today()
    return render_staff("screening/staff/export.html", first=today - timedelta(days=7), last=today,
                        fhir_base=fhir_base())


def cases_between(first, last):
    start, end = day_bounds(first)[0], day_bounds(last)[1]
    return db_session().scalars(
        select(Case).where(Case.created_at >= start, Case.created_at < end).order_by(Case.created_at, Case.id)
    ).all()


@bp.get("/admin/export/cases.csv")
@requires("admin")
def export_csv():
    first, last = parse_day(request.args.get("from")), parse_day(request.args.get("to"))
    if first is None or last is None or last < first:
        abort(400)
    free_text = request.args.get("free_text") == "1"
    found = cases_between(first, last)
    audit("export", detail=f"CSV {first.isoformat()} to {last.isoformat()}, {len(found)} cases"
          + (", with free text" if free_text else ""))
    response = make_response(table.write_csv(found, clinic_zone(), free_text))
    response.mimetype = "text/csv"
    response.headers["Content-Disposition"] = f'attachment; filename="cases-{first}-{last}.csv"'
    return response


@bp.get("/admin/export/case.json")
@requires("admin")
@needs_fhir_base
def export_case_fhir(base):
    case = cases.find_by_reference(db_session(), request.args.get("reference", ""))
    if case is None:
        abort(404)
    audit("export", reference=case.reference, detail="FHIR bundle")
    return fhir_response(fhir.case_bundle(base, case), filename=f"case-{case.reference}.json")
