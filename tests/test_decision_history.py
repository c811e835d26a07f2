"""A clinician's decisions are kept one after another (a second override never
hides the first), each lands with its audit row or not at all, and a
decision form sent back for correcting is audited as the view it is."""
from sqlalchemy import text

from screening.store.models import Decision
from screening.web.state import state
from tests.staff_helpers import LEVEL_RECORDS, audit_rows, base_record, csrf_of, signed_in_client, store
from tests.test_staff_case import decide, reloaded


def test_a_second_override_keeps_the_first_with_its_reason(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(app, "clinician")
    assert decide(client, case, level="urgent", reason="Calf looks swollen to me").status_code == 303
    assert decide(client, case, level="emergency", reason="Now short of breath in the waiting room").status_code == 303
    with state(app).sessions() as session:
        kept = [(d.level_before, d.level, d.reason)
                for d in session.query(Decision).where(Decision.case_id == case.id).order_by(Decision.id)]
    assert kept == [
        ("routine", "urgent", "Calf looks swollen to me"),
        ("urgent", "emergency", "Now short of breath in the waiting room"),
    ]
    assert [r.detail for r in audit_rows(app, action="override")] == ["routine -> urgent", "urgent -> emergency"]
    page = client.get(f"/staff/case/{case.reference}").get_data(as_text=True)
    assert "1 earlier decision" in page
    history = page.split('class="history"')[1].split("</details>")[0]
    assert "Calf looks swollen to me" in history and "Routine" in history and "Urgent" in history


def test_the_front_desk_sees_who_decided_but_not_the_clinicians_reasons(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    nurse = signed_in_client(app, "clinician", username="nurse")
    decide(nurse, case, level="urgent", reason="Calf looks swollen to me")
    decide(nurse, case, level="emergency", reason="Now short of breath")
    desk = signed_in_client(app, "front-desk", username="desk")
    page = desk.get(f"/staff/case/{case.reference}").get_data(as_text=True)
    assert "1 earlier decision" in page
    assert "Calf looks swollen to me" not in page and "Now short of breath" not in page


def refuse_override_audit_rows(app):
    """The audit write itself fails (a full disk, a lost connection at the wrong moment)."""
    engine = state(app).engine
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(
                "CREATE FUNCTION refuse_override() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN IF NEW.action = 'override' THEN RAISE EXCEPTION 'audit write failed'; END IF; "
                "RETURN NEW; END $$"))
            connection.execute(text("CREATE TRIGGER refuse_override BEFORE INSERT ON screening_audit_event "
                                    "FOR EACH ROW EXECUTE FUNCTION refuse_override()"))
        else:
            connection.execute(text(
                "CREATE TRIGGER refuse_override BEFORE INSERT ON screening_audit_event "
                "WHEN NEW.action = 'override' BEGIN SELECT RAISE(ABORT, 'audit write failed'); END"))


def drop_refusal(app):
    engine = state(app).engine
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER refuse_override ON screening_audit_event"
                                if engine.dialect.name == "postgresql" else "DROP TRIGGER refuse_override"))
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP FUNCTION refuse_override()"))


def test_an_override_whose_audit_row_cannot_be_written_is_not_stored(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(app, "clinician")
    token = csrf_of(client, f"/staff/case/{case.reference}")
    refuse_override_audit_rows(app)
    try:
        response = client.post(f"/staff/case/{case.reference}/decision",
                               data={"csrf_token": token, "level": "urgent", "reason": "Calf looks swollen"})
        # Said loudly, never a bare 500: the staff's database-trouble page.
        assert response.status_code == 503
        stored = reloaded(app, case)
        assert stored.clinician_disposition is None and stored.reviewed_at is None
        with state(app).sessions() as session:
            assert session.query(Decision).count() == 0
    finally:
        drop_refusal(app)


def test_a_decision_sent_back_for_correcting_is_audited_as_a_view(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(app, "clinician")
    assert decide(client, case, level="urgent", reason="  ").status_code == 400
    views = audit_rows(app, action="view", case_reference=case.reference)
    # One for the page the form came from, one for the page shown again with its answers.
    assert len(views) == 2
    assert views[-1].detail == "decision not saved: the form needs correcting"


def test_the_queue_is_audited_once_per_sign_in_and_day_not_per_refresh(app):
    from tests.staff_helpers import sign_in

    store(app, base_record())
    client = signed_in_client(app, "front-desk", username="desk")
    for _ in range(3):
        assert client.get("/staff/").status_code == 200
    for _ in range(5):
        assert client.get("/staff/queue").status_code == 200
    assert len(audit_rows(app, action="queue-view")) == 1
    client.get("/staff/?day=2026-01-05")
    assert [r.detail for r in audit_rows(app, action="queue-view")][-1] == "queue of 2026-01-05"
    token = csrf_of(client, "/staff/")
    client.post("/staff/sign-out", data={"csrf_token": token})
    sign_in(client, "desk")
    client.get("/staff/")
    rows = audit_rows(app, action="queue-view")
    assert len(rows) == 4 and {r.username for r in rows} == {"desk"}
