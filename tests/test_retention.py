"""`flask screening purge`: old cases go with everything about them; the audit trail stays."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from screening.store import audit
from screening.store.models import Acknowledgement, AuditEvent, Decision, FiredRule, HandoutPdf, StatusChange
from screening.web.state import state
from tests.staff_helpers import (
    LEVEL_RECORDS, all_references, audit_rows, base_record, csrf_of, signed_in_client, store_at,
)


def rows_of(app, model, case_id):
    with state(app).sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.case_id == case_id))


def test_purge_removes_exactly_the_old_cases_and_their_reprints(app):
    now = datetime.now(timezone.utc)
    old = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), now - timedelta(days=40))
    recent = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), now - timedelta(days=29))
    client = signed_in_client(app, "clinician")
    for case in (old, recent):
        client.get(f"/staff/case/{case.reference}/handout.pdf")
        client.post(f"/staff/case/{case.reference}/acknowledge",
                    data={"csrf_token": csrf_of(client, "/staff/")})
        client.post(f"/staff/case/{case.reference}/status",
                    data={"csrf_token": csrf_of(client, "/staff/"), "status": "done"})
    reprints = state(app).handouts
    assert rows_of(app, StatusChange, old.id) == 1
    assert sorted(reprints._tags.values()) == sorted([old.reference, recent.reference])
    assert rows_of(app, FiredRule, old.id) and rows_of(app, Acknowledgement, old.id)
    assert rows_of(app, HandoutPdf, old.id) == rows_of(app, HandoutPdf, recent.id) == 1

    result = app.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "30"])
    assert result.exit_code == 0, result.output
    assert "Purged 1 cases older than 30 days" in result.output
    assert all_references(app) == [recent.reference]
    assert rows_of(app, FiredRule, old.id) == 0 and rows_of(app, Acknowledgement, old.id) == 0
    assert rows_of(app, StatusChange, old.id) == 0 and rows_of(app, StatusChange, recent.id) == 1
    assert rows_of(app, FiredRule, recent.id) and rows_of(app, Acknowledgement, recent.id)
    # The rendered handouts are patient data too: they go with their case.
    assert rows_of(app, HandoutPdf, old.id) == 0 and rows_of(app, HandoutPdf, recent.id) == 1
    assert list(reprints._tags.values()) == [recent.reference] and len(reprints) == 1
    # The audit trail keeps what happened to the old case (its reference, no answers) ...
    assert [r.action for r in audit_rows(app, case_reference=old.reference)] == ["print", "acknowledge", "status"]
    # ... and says what the purge did.
    assert [r.detail for r in audit_rows(app, action="purge")] == ["1 cases older than 30 days"]

    again = app.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "30"])
    assert again.exit_code == 0 and "Purged 0 cases" in again.output
    assert all_references(app) == [recent.reference]


def test_purge_refuses_a_missing_or_silly_age(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["screening", "purge"]).exit_code == 2
    assert runner.invoke(args=["screening", "purge", "--older-than", "0"]).exit_code == 2


def test_audit_rows_have_their_own_retention(make_app):
    app = make_app(SCREENING_AUDIT_RETENTION_DAYS=365)
    now = datetime.now(timezone.utc)
    with state(app).sessions() as session:
        audit.record(session, "view", username="old", reference="ABCDEF", at=now - timedelta(days=400))
        audit.record(session, "view", username="kept", reference="ABCDEF", at=now - timedelta(days=300))
    result = app.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "30"])
    assert "and 1 audit rows older than 365 days" in result.output
    assert [r.username for r in audit_rows(app, action="view")] == ["kept"]
    with state(app).sessions() as session:
        # One row for the cases purged, one for the audit rows: an audit purge is audited too.
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "purge")) == 2
    assert all_references(app) == []
    # The oldest rows going leaves a chain that still verifies from the oldest row left.
    verified = app.test_cli_runner().invoke(args=["screening", "audit", "verify"])
    assert verified.exit_code == 0, verified.output


def test_purge_in_batches_deletes_every_old_case_and_keeps_the_new(app, monkeypatch):
    """Issue 21: the purge goes PURGE_BATCH cases per transaction, never all at once."""
    from screening.store import retention

    monkeypatch.setattr(retention, "PURGE_BATCH", 2)
    now = datetime.now(timezone.utc)
    old = [store_at(app, base_record(**LEVEL_RECORDS["urgent"]), now - timedelta(days=40 + n)) for n in range(5)]
    recent = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), now - timedelta(days=29))
    # Older still, stored last: the batches go by id, and the cut-off by date.
    oldest = store_at(app, base_record(), now - timedelta(days=400))
    client = signed_in_client(app, "front-desk")
    for case in (old[0], old[-1], recent):
        client.get(f"/staff/case/{case.reference}/handout.pdf")
    reprints = state(app).handouts
    assert len(reprints) == 3
    clinician = signed_in_client(app, "clinician")
    for case in (old[2], recent):
        clinician.post(f"/staff/case/{case.reference}/decision",
                       data={"csrf_token": csrf_of(clinician, f"/staff/case/{case.reference}"),
                             "level": "emergency", "reason": "Looks worse in person"})
    assert rows_of(app, Decision, old[2].id) == rows_of(app, Decision, recent.id) == 1

    result = app.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "30"])
    assert result.exit_code == 0, result.output
    assert "Purged 6 cases older than 30 days" in result.output
    assert all_references(app) == [recent.reference]
    for case in (*old, oldest):
        assert rows_of(app, FiredRule, case.id) == rows_of(app, HandoutPdf, case.id) == 0
        assert rows_of(app, Decision, case.id) == 0
    assert rows_of(app, FiredRule, recent.id) and rows_of(app, HandoutPdf, recent.id) == 1
    assert rows_of(app, Decision, recent.id) == 1
    assert list(reprints._tags.values()) == [recent.reference]
    assert [r.detail for r in audit_rows(app, action="purge")] == ["6 cases older than 30 days"]


def test_purge_yields_the_references_a_batch_at_a_time(app, monkeypatch):
    from screening.store import retention

    monkeypatch.setattr(retention, "PURGE_BATCH", 2)
    now = datetime.now(timezone.utc)
    old = [store_at(app, base_record(), now - timedelta(days=40)).reference for _ in range(5)]
    with state(app).sessions() as session:
        purged = list(retention.purge_cases(session, 30))
    assert purged == [old[0:2], old[2:4], old[4:]]
    assert all_references(app) == []
