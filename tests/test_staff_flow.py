"""Issue 20: the clinic's flow. Each case has a status that the desk changes in
one tap (audited, with who and when), finished patients leave the main
list, an emergency or urgent case left waiting too long alerts again and
cannot be silenced, only acted on, and the desk sees the patient's name
and the tablet they used."""
import re
from datetime import datetime, timedelta, timezone

import pytest

from screening.store.models import StatusChange
from screening.web.state import state
from tests.helpers import csrf_token, form_data
from tests.staff_helpers import (
    LEVEL_RECORDS, audit_rows, base_record, csrf_of, early_stop_record, signed_in_client, store, store_at,
)
from tests.test_staff_case import reloaded


def move(client, case, status):
    token = csrf_of(client, "/staff/")
    return client.post(f"/staff/case/{case.reference}/status", data={"csrf_token": token, "status": status})


def row_of(page, case):
    """The case's row in the queue's tables (not its line in the alert banner)."""
    page = page[page.index('<table class="queue"'):]
    start = page.rindex("<tr", 0, page.index(f">{case.reference}</a>"))
    return page[start:page.index("</tr>", start)]


def main_list(page):
    body = page[page.index('id="queue-table"'):]
    return body[:body.index("</table>")]


def test_a_new_case_waits_and_one_tap_moves_it_with_who_and_when(app):
    case = store(app, base_record(**LEVEL_RECORDS["urgent"]))
    desk = signed_in_client(app, "front-desk", username="desk")
    assert "Waiting" in row_of(desk.get("/staff/").get_data(as_text=True), case)
    assert move(desk, case, "with-clinician").status_code == 303
    row = row_of(desk.get("/staff/").get_data(as_text=True), case)
    assert "With clinician" in row and "Front-Desk Person" in row
    assert [r.detail for r in audit_rows(app, action="status")] == ["waiting -> with-clinician"]
    assert audit_rows(app, action="status")[0].username == "desk"
    stored = reloaded(app, case)
    assert (stored.status, stored.status_by) == ("with-clinician", "Front-Desk Person")


def test_done_and_left_go_to_the_finished_list_and_sent_to_emergency_stays(app):
    done, left, sent = (store(app, base_record(**LEVEL_RECORDS[level])) for level in ("routine", "self-care", "urgent"))
    nurse = signed_in_client(app, "clinician")
    move(nurse, done, "with-clinician")
    move(nurse, done, "done")
    move(nurse, left, "left-without-being-seen")
    move(nurse, sent, "sent-to-emergency")
    page = nurse.get("/staff/").get_data(as_text=True)
    assert sent.reference in main_list(page)
    assert done.reference not in main_list(page) and left.reference not in main_list(page)
    finished = page[page.index('<details class="finished">'):]
    assert "Finished: 2 patients" in finished and done.reference in finished and left.reference in finished
    # A mistaken tap is undone from there.
    assert move(nurse, left, "waiting").status_code == 303
    assert left.reference in main_list(nurse.get("/staff/").get_data(as_text=True))
    with state(app).sessions() as session:
        assert [c.status for c in session.query(StatusChange).order_by(StatusChange.id)] == [
            "with-clinician", "done", "left-without-being-seen", "sent-to-emergency", "waiting"]


def test_a_status_that_is_not_one_changes_nothing(app):
    case = store(app, base_record())
    desk = signed_in_client(app, "front-desk")
    assert move(desk, case, "gone-fishing").status_code == 400
    assert reloaded(app, case).status == "waiting" and not audit_rows(app, action="status")


def test_admins_open_the_queue_but_do_not_move_patients(app):
    case = store(app, base_record())
    admin = signed_in_client(app, "admin")
    page = admin.get("/staff/")
    assert page.status_code == 200 and case.reference in page.get_data(as_text=True)
    assert 'name="status"' not in page.get_data(as_text=True)
    token = csrf_of(admin, "/staff/")
    assert admin.post(f"/staff/case/{case.reference}/status",
                      data={"csrf_token": token, "status": "done"}).status_code == 403


def ago(minutes):
    return datetime.now(timezone.utc) - timedelta(minutes=minutes)


def banner(page):
    if 'class="alert-banner' not in page:
        return ""
    section = page[page.index('class="alert-banner'):]
    return section[:section.index("</section>")]


def test_an_urgent_case_waiting_past_its_minutes_alerts_again_until_someone_acts(app):
    late = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), ago(31))
    recent = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), ago(20))
    desk = signed_in_client(app, "front-desk")
    token = csrf_of(desk, "/staff/")
    # "Seen" on both stops their new-case alerts, not the escalation.
    desk.post("/staff/alerts/seen", data={"csrf_token": token, "reference": [late.reference, recent.reference]})
    page = desk.get("/staff/").get_data(as_text=True)
    alerts = banner(page)
    assert f"overdue-{late.reference}" in alerts and recent.reference not in alerts
    assert "1 case overdue" in alerts and 'data-level="overdue"' in alerts
    assert re.search(r"<title>\(1\) OVERDUE", page)
    assert "row-overdue" in row_of(page, late) and "OVERDUE" in row_of(page, late)
    move(desk, late, "with-clinician")
    assert banner(desk.get("/staff/").get_data(as_text=True)) == ""


def test_an_emergency_escalates_after_5_minutes_and_a_review_also_ends_it(app):
    early = store_at(app, early_stop_record(), ago(6), early_stop=True)
    fresh = store_at(app, early_stop_record(), ago(4), early_stop=True)
    nurse = signed_in_client(app, "clinician")
    alerts = banner(nurse.get("/staff/").get_data(as_text=True))
    assert f"overdue-{early.reference}" in alerts and f"overdue-{fresh.reference}" not in alerts
    token = csrf_of(nurse, f"/staff/case/{early.reference}")
    nurse.post(f"/staff/case/{early.reference}/reviewed", data={"csrf_token": token})
    assert f"overdue-{early.reference}" not in banner(nurse.get("/staff/").get_data(as_text=True))


def test_the_escalation_minutes_are_the_clinics(make_app):
    app = make_app(SCREENING_ESCALATE_MINUTES="urgent=10 emergency=2")
    late = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), ago(11))
    routine = store_at(app, base_record(**LEVEL_RECORDS["routine"]), ago(300))
    alerts = banner(signed_in_client(app, "front-desk").get("/staff/").get_data(as_text=True))
    assert f"overdue-{late.reference}" in alerts and routine.reference not in alerts


@pytest.mark.sqlite_only
def test_escalation_minutes_that_make_no_sense_are_an_invalid_setting(make_app):
    app = make_app(SCREENING_ESCALATE_MINUTES="urgent=soon")
    result = app.test_cli_runner().invoke(args=["screening", "check"])
    assert result.exit_code == 1 and "SCREENING_ESCALATE_MINUTES" in result.output


def test_the_desk_sees_the_name_and_the_tablet_and_who_to_go_to(app):
    desk = signed_in_client(app, "front-desk")
    token = csrf_of(desk, "/staff/device")
    assert desk.post("/staff/device", data={"csrf_token": token, "label": "Front desk tablet 2 "}).status_code == 303
    patient = app.test_client()
    patient.set_cookie("screening_device", desk.get_cookie("screening_device").value)
    record = base_record(**LEVEL_RECORDS["urgent"], preferred_name="Rosa", cannot_bear_weight="yes")
    sent = patient.post("/", data=form_data(record, csrf_token(patient)))
    assert sent.status_code == 303, sent.get_data(as_text=True)[:3000]
    queue = desk.get("/staff/").get_data(as_text=True)
    reference = re.search(r'data-focus-key="case-([A-Z0-9]{6})"', queue).group(1)
    row = row_of(queue, type("Case", (), {"reference": reference}))
    assert "Rosa" in row and "Front desk tablet 2" in row and "Go to them" in row
    case_page = desk.get(f"/staff/case/{reference}").get_data(as_text=True)
    assert "Rosa" in case_page and "from Front desk tablet 2" in case_page


def test_an_early_stop_asks_the_name_after_the_emergency_message(app):
    from tests.test_steps import SAFE, step_data, stop_page

    patient = app.test_client()
    page = stop_page(patient, dict(SAFE, chest_pain="yes"))
    stopped = patient.post("/", data=step_data(page, {}, 0, go="emergency") | {"confirm": "1"})
    result = patient.get("/result").get_data(as_text=True)
    assert stopped.status_code == 303 and "Get emergency help now" in result
    assert result.index("Get emergency help now") < result.index("What name should we use for you?")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', result).group(1)
    named = patient.post("/result/name", data={"csrf_token": token, "preferred_name": "  Ana  "})
    assert named.status_code == 200 and "The staff will call you Ana" in named.get_data(as_text=True)
    assert "Get emergency help now" in named.get_data(as_text=True)
    queue = signed_in_client(app, "front-desk").get("/staff/").get_data(as_text=True)
    assert '<span class="who">Ana</span>' in queue
    # Asked once: the page no longer offers it.
    assert "What name should we use for you?" not in patient.get("/result").get_data(as_text=True)


def test_every_change_the_queue_shows_changes_its_etag(app):
    """The 304 is decided by one query over the cases' changed_at, the alerts
    and the overdue: each kind of change must still reach an open queue."""
    desk = signed_in_client(app, "front-desk")
    tags = []

    def tag():
        response = desk.get("/staff/queue", headers={"If-None-Match": tags[-1]} if tags else {})
        tags.append(response.headers["ETag"].strip('"'))
        return response.status_code

    tag()
    assert tag() == 304  # nothing changed
    urgent = store(app, base_record(**LEVEL_RECORDS["urgent"]))
    assert tag() == 200  # a case arrived
    assert tag() == 304
    token = csrf_of(desk, "/staff/")
    desk.post(f"/staff/case/{urgent.reference}/acknowledge", data={"csrf_token": token})
    assert tag() == 200  # its alert was seen
    move(desk, urgent, "with-clinician")
    assert tag() == 200  # it moved on
    nurse = signed_in_client(app, "clinician")
    nurse.post(f"/staff/case/{urgent.reference}/reviewed", data={"csrf_token": csrf_of(nurse, "/staff/")})
    assert tag() == 200  # reviewed
    with state(app).sessions() as session:
        from screening.store import cases

        cases.add_preferred_name(session, cases.find_by_reference(session, urgent.reference), "Ana")
    assert tag() == 200  # a name given after an early stop
    store_at(app, base_record(**LEVEL_RECORDS["urgent"]), ago(40))  # arrived yesterday evening, say
    assert tag() == 200
    assert tag() == 304


def test_a_case_falling_overdue_changes_the_etag_with_nothing_stored(make_app):
    app = make_app(SCREENING_ESCALATE_MINUTES="urgent=0.05")  # 3 seconds
    store(app, base_record(**LEVEL_RECORDS["urgent"]))
    desk = signed_in_client(app, "front-desk")
    first = desk.get("/staff/queue")
    import time

    time.sleep(3.5)
    again = desk.get("/staff/queue", headers={"If-None-Match": first.headers["ETag"].strip('"')})
    assert again.status_code == 200 and "OVERDUE" in again.get_data(as_text=True)
