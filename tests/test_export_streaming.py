"""Issue 21: the CSV and the audit trail's export stream, a batch at a time,
with the same bytes the whole-file writers give; a CSV leaves in the audit
each case it held; the audit export keeps to its date range."""
import csv
import io
import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select

from screening.export import audit_fhir, table
from screening.export.bundle_text import JSON_OPTIONS
from screening.store import audit as audit_store
from screening.store import batches
from screening.staff import queue
from screening.store.models import Acknowledgement, Case
from screening.web.state import state
from tests.staff_helpers import audit_rows, base_record, early_stop_record, signed_in_client, store, store_at

BASE = "https://clinic.example.org/screening/fhir"
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def exporting(make_app):
    return make_app(SCREENING_FHIR_BASE=BASE, SCREENING_TIMEZONE="America/Chicago")


@pytest.fixture(params=[batches.BATCH, 2], ids=["one-batch", "batches-of-2"])
def batch_size(request, monkeypatch):
    """Each export once as it runs, and once split over several batches."""
    monkeypatch.setattr(batches, "BATCH", request.param)
    return request.param


def today():
    return datetime.now(CHICAGO).date()


def some_cases(app):
    """Four cases today, two at the very same moment, which batches of 2 split
    (the keyset's tie on created_at, broken by id); one in each batch of 2
    has its alert acknowledged."""
    noon = datetime.combine(today(), datetime.min.time(), tzinfo=CHICAGO) + timedelta(hours=12)
    stored = [store_at(app, base_record(notes="=private words"), noon),
              store_at(app, base_record(preferred_name="Ann"), noon),
              store_at(app, early_stop_record(), noon + timedelta(hours=1), early_stop=True),
              store_at(app, base_record(), noon - timedelta(hours=3))]
    with state(app).sessions() as session:
        for case in (stored[1], stored[2]):
            queue.acknowledge(session, session.get(Case, case.id), "Desk Person")
    return stored


def csv_url(first=None, last=None, free_text=False):
    return (f"/staff/admin/export/cases.csv?from={first or today()}&to={last or today()}"
            + ("&free_text=1" if free_text else ""))


def whole_csv(app, free_text):
    """What table.write_csv (the whole-file writer) makes of today's cases."""
    with state(app).sessions() as session:
        found = session.scalars(select(Case).order_by(Case.created_at, Case.id)).all()
        acknowledged = {a.case_id: a.at for a in session.scalars(select(Acknowledgement))}
        return table.write_csv(found, CHICAGO, free_text, acknowledged)


@pytest.mark.parametrize("free_text", [False, True])
def test_the_streamed_csv_is_the_whole_files_bytes(exporting, batch_size, free_text):
    some_cases(exporting)
    admin = signed_in_client(exporting, "admin")
    response = admin.get(csv_url(free_text=free_text))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="cases-{today()}-{today()}.csv"'
    assert response.get_data(as_text=True) == whole_csv(exporting, free_text)


def test_the_csv_reads_each_batchs_acknowledgements_in_one_query(exporting, batch_size):
    some_cases(exporting)
    admin = signed_in_client(exporting, "admin")
    statements = []

    def seen(conn, cursor, statement, *args):
        if "screening_acknowledgement" in statement:
            statements.append(statement)

    engine = state(exporting).engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        rows = list(csv.DictReader(io.StringIO(admin.get(csv_url()).get_data(as_text=True))))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(rows) == 4 and sum(1 for row in rows if row["acknowledged_at"]) == 2
    assert len(statements) == -(-len(rows) // batch_size)  # one per batch, not one per case


def test_a_csv_of_no_cases_is_its_header_line(exporting):
    admin = signed_in_client(exporting, "admin")
    assert admin.get(csv_url()).get_data(as_text=True) == table.header() == table.write_csv([], CHICAGO)
    assert [r.detail for r in audit_rows(exporting, action="export")] == [f"CSV {today()} to {today()}, 0 cases"]


def test_the_exports_are_streamed_with_no_content_length(exporting):
    some_cases(exporting)
    admin = signed_in_client(exporting, "admin")
    for url in (csv_url(), "/staff/admin/audit.json"):
        response = admin.get(url)
        assert response.is_streamed, url
        assert "Content-Length" not in response.headers, url
        assert response.headers["Cache-Control"] == "no-store"
        response.get_data()


def test_a_csv_of_three_cases_leaves_each_of_the_three_in_the_audit(exporting, batch_size):
    three = [store(exporting, base_record()) for _ in range(3)]
    store_at(exporting, base_record(), datetime.now(timezone.utc) - timedelta(days=3))  # not in the range
    admin = signed_in_client(exporting, "admin")
    admin.get(csv_url(free_text=True)).get_data()
    rows = audit_rows(exporting, action="export")
    assert [(r.case_reference, r.detail) for r in rows] == [
        (None, f"CSV {today()} to {today()}, 3 cases, with free text"),
        *((case.reference, f"CSV {today()} to {today()}, with free text") for case in three)]
    # Written a batch per transaction, the rows still hold in the audit's hash chain.
    verified = exporting.test_cli_runner().invoke(args=["screening", "audit", "verify"])
    assert verified.exit_code == 0, verified.output


def test_the_streamed_audit_export_is_the_whole_bundles_bytes(exporting, batch_size):
    stored = some_cases(exporting)
    clinician = signed_in_client(exporting, "clinician")
    for case in stored:
        clinician.get(f"/staff/case/{case.reference}")
    admin = signed_in_client(exporting, "admin")
    with state(exporting).sessions() as session:
        before = audit_store.events(session, limit=None)
        whole = json.dumps(audit_fhir.audit_bundle(BASE, before), **JSON_OPTIONS)
    response = admin.get("/staff/admin/audit.json")
    assert response.mimetype == "application/fhir+json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="audit-events.json"'
    assert response.get_data(as_text=True) == whole
    # The export's own row is audited, but after what it exported.
    assert audit_rows(exporting)[-1].detail == f"audit trail as FHIR AuditEvent, {len(before)} rows"


def test_an_audit_export_with_a_date_range_holds_only_that_range(exporting):
    now = datetime.now(timezone.utc)
    with state(exporting).sessions() as session:
        for days, username in ((10, "long-ago"), (5, "in-range"), (4, "in-range too")):
            audit_store.record(session, "view", username=username, reference="ABCDEF", at=now - timedelta(days=days))
    admin = signed_in_client(exporting, "admin")  # signs in today: outside the range
    first, last = (today() - timedelta(days=6)).isoformat(), (today() - timedelta(days=3)).isoformat()
    page = admin.get(f"/staff/admin/audit?from={first}&to={last}").get_data(as_text=True)
    # The page's export link carries its date filters.
    assert f'audit.json?from={first}&amp;to={last}"' in page
    bundle = json.loads(admin.get(f"/staff/admin/audit.json?from={first}&to={last}").get_data())
    assert [e["resource"]["agent"][0]["who"]["display"] for e in bundle["entry"]] == ["in-range too", "in-range"]
    everything = json.loads(admin.get("/staff/admin/audit.json").get_data())
    assert {"long-ago", "in-range", "admin"} <= {e["resource"]["agent"][0]["who"]["display"]
                                                 for e in everything["entry"]}


def test_a_database_failing_mid_export_breaks_the_download_off_and_logs_no_values(exporting, caplog):
    from screening.staff.exports import ExportCut
    from tests.outage_helpers import database_down

    store(exporting, base_record(preferred_name="Perpetua Onslow"))
    admin = signed_in_client(exporting, "admin")
    response = admin.get(csv_url(free_text=True))
    pieces = iter(response.response)
    assert next(pieces).startswith(b"reference,created,")
    with database_down(exporting), pytest.raises(ExportCut):
        next(pieces)  # never a clean end that looks like a whole file
    assert "export cut short: database unavailable" in caplog.text
    assert "Perpetua" not in caplog.text
    response.close()
