"""The queue: a clinic day's cases, most serious first, live with an ETag, alerts until acknowledged."""
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import time_machine

from screening.store.models import SEVERITY
from tests.staff_helpers import (
    LEVEL_RECORDS, audit_rows, base_record, csrf_of, early_stop_record, signed_in_client, store, store_at,
    token_from,
)

CHICAGO = ZoneInfo("America/Chicago")


def references_in(page):
    return re.findall(r'<th scope="row"[^>]*><a class="reference" href="[^"]+"[^>]*>([A-Z0-9]{6})</a>', page)


def clinic_noon(days_ago=0):
    today = datetime.now(CHICAGO).date() - timedelta(days=days_ago)
    return datetime(today.year, today.month, today.day, 12, 0, tzinfo=CHICAGO)


@pytest.fixture
def chicago_app(make_app):
    return make_app(SCREENING_TIMEZONE="America/Chicago")


def test_the_queue_shows_the_most_serious_first_then_by_arrival(chicago_app):
    app, noon = chicago_app, clinic_noon()
    arrivals = [("routine", 0), ("self-care", 1), ("urgent", 2), ("emergency", 3), ("urgent", 4), ("early", 5)]
    made = {}
    for level, minute in arrivals:
        when = noon + timedelta(minutes=minute)
        if level == "early":
            made[(level, minute)] = store_at(app, early_stop_record(), when, early_stop=True)
        else:
            made[(level, minute)] = store_at(app, base_record(**LEVEL_RECORDS[level]), when)
    for (level, _minute), case in made.items():
        assert case.severity == SEVERITY["emergency" if level == "early" else level], level
    page = signed_in_client(app, "front-desk").get("/staff/").get_data(as_text=True)
    expected = [("emergency", 3), ("early", 5), ("urgent", 2), ("urgent", 4), ("routine", 0), ("self-care", 1)]
    assert references_in(page) == [made[key].reference for key in expected]


def test_a_row_says_what_the_desk_needs_in_words(chicago_app):
    case = store_at(chicago_app, base_record(**LEVEL_RECORDS["urgent"], age_years=67, pain_score=6), clinic_noon())
    early = store_at(chicago_app, early_stop_record(), clinic_noon() + timedelta(minutes=1), early_stop=True)
    page = signed_in_client(chicago_app, "front-desk").get("/staff/").get_data(as_text=True)
    table = page[page.index('<table class="queue"'):]
    row = table[table.rindex("<tr", 0, table.index(f">{case.reference}<")):]
    row = row[:row.index("</tr>")]
    for words in ("12:00", "67 y", "Both legs", "Front of the thigh", "pain 6/10", "Waiting", "With clinician"):
        assert words in row, words
    # Rule ids are the clinicians': the front desk reads levels and words.
    assert "possible-clot-or-infection" not in row
    early_row = table[table.rindex("<tr", 0, table.index(f">{early.reference}<")):]
    assert "Early stop" in early_row[:early_row.index("</tr>")]
    assert "EMERGENCY" in page.upper() and 'class="icon"' in page


def test_the_day_picker_follows_the_clinic_time_zone(chicago_app):
    midnight = clinic_noon().replace(hour=0)
    just_before = store_at(chicago_app, base_record(), midnight - timedelta(minutes=10))
    just_after = store_at(chicago_app, base_record(), midnight + timedelta(minutes=10))
    client = signed_in_client(chicago_app, "clinician")
    assert references_in(client.get("/staff/").get_data(as_text=True)) == [just_after.reference]
    yesterday = (midnight - timedelta(days=1)).date().isoformat()
    assert references_in(client.get(f"/staff/?day={yesterday}").get_data(as_text=True)) == [just_before.reference]


def test_an_unchanged_queue_answers_304_and_a_new_case_changes_it(chicago_app):
    client = signed_in_client(chicago_app, "front-desk")
    store_at(chicago_app, base_record(), clinic_noon())
    first = client.get("/staff/queue")
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get("/staff/queue", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    store_at(chicago_app, base_record(**LEVEL_RECORDS["urgent"]), clinic_noon() + timedelta(minutes=1))
    changed = client.get("/staff/queue", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
    assert 'class="alert-banner' in changed.get_data(as_text=True)


def test_a_new_urgent_case_alerts_until_acknowledged_once_and_audited(chicago_app):
    store_at(chicago_app, base_record(**LEVEL_RECORDS["routine"]), clinic_noon())
    urgent = store(chicago_app, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(chicago_app, "front-desk")
    page = client.get("/staff/").get_data(as_text=True)
    assert "1 new emergency or urgent case" in page
    assert re.search(r"<title>\(1\) New urgent case", page)
    banner = page[page.index('class="alert-banner'):page.index("</section>")]
    assert urgent.reference in banner
    token = csrf_of(client, "/staff/")
    for _ in range(2):  # a second click (two people at the desk) stops nothing more
        response = client.post(f"/staff/case/{urgent.reference}/acknowledge", data={"csrf_token": token})
        assert response.status_code == 303
    page = client.get("/staff/").get_data(as_text=True)
    assert 'class="alert-banner' not in page and "<title>(" not in page
    assert [r.case_reference for r in audit_rows(chicago_app, action="acknowledge")] == [urgent.reference]


def test_a_clinician_lowering_a_case_stops_its_alert(chicago_app):
    urgent = store(chicago_app, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(chicago_app, "clinician")
    token = csrf_of(client, "/staff/")
    client.post(f"/staff/case/{urgent.reference}/decision",
                data={"csrf_token": token, "level": "routine", "reason": "Swelling is round the sprained ankle",
                      "confirm_lower": "y"})
    assert 'class="alert-banner' not in client.get("/staff/").get_data(as_text=True)


def test_staff_find_a_case_by_its_reference_however_typed(chicago_app):
    case = store(chicago_app, base_record())
    client = signed_in_client(chicago_app, "front-desk")
    typed = " ".join(case.reference.lower())
    response = client.get("/staff/find", query_string={"reference": typed})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/staff/case/{case.reference}")
    missing = client.get("/staff/find", query_string={"reference": "ZZZZZZ"})
    assert missing.status_code == 404 and "No case has the number ZZZZZZ" in missing.get_data(as_text=True)


def test_alerts_from_another_day_still_ring_on_todays_page(chicago_app):
    late = store_at(chicago_app, base_record(**LEVEL_RECORDS["emergency"]),
                    datetime.now(timezone.utc) - timedelta(hours=2))
    old = store_at(chicago_app, base_record(**LEVEL_RECORDS["emergency"]),
                   datetime.now(timezone.utc) - timedelta(hours=30))
    page = signed_in_client(chicago_app, "front-desk").get("/staff/?day=2020-01-01").get_data(as_text=True)
    banner = banner_of(page)
    assert late.reference in banner and old.reference not in banner


def banner_of(page):
    return page[page.index('class="alert-banner'):page.index("</section>")]


def test_an_emergency_and_an_urgent_case_are_announced_in_different_words(chicago_app):
    urgent = store(chicago_app, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(chicago_app, "front-desk")
    page = client.get("/staff/").get_data(as_text=True)
    assert re.search(r"<title>\(1\) New urgent case · Queue", page)
    assert "EMERGENCY" not in banner_of(page)
    emergency = store(chicago_app, base_record(**LEVEL_RECORDS["emergency"]))
    page = client.get("/staff/").get_data(as_text=True)
    # The title says the most serious; each line says its own, newest first.
    assert re.search(r"<title>\(2\) EMERGENCY · Queue", page)
    lines = re.findall(r'data-reference="([A-Z0-9]{6})" data-level="(\w+)"\s+data-notice="([^"]+)"', banner_of(page))
    assert [(ref, level) for ref, level, _notice in lines] == [(emergency.reference, "emergency"),
                                                              (urgent.reference, "urgent")]
    assert lines[0][2].startswith(f"EMERGENCY: case {emergency.reference}, arrived ")
    assert lines[1][2].startswith(f"New urgent case: case {urgent.reference}, arrived ")
    spanish = client.get("/staff/?lang=es").get_data(as_text=True)
    assert re.search(r"<title>\(2\) EMERGENCIA · ", spanish) and "Caso urgente nuevo" in banner_of(spanish)


def test_seen_all_stops_the_alerts_shown_and_not_one_come_in_since(chicago_app):
    shown = [store(chicago_app, base_record(**LEVEL_RECORDS[level])) for level in ("urgent", "emergency")]
    client = signed_in_client(chicago_app, "front-desk")
    page = client.get("/staff/").get_data(as_text=True)
    form = page[page.index('action="/staff/alerts/seen"'):]
    form = form[:form.index("</form>")]
    references = re.findall(r'name="reference" value="([A-Z0-9]{6})"', form)
    assert sorted(references) == sorted(c.reference for c in shown)
    later = store(chicago_app, base_record(**LEVEL_RECORDS["emergency"]))
    response = client.post("/staff/alerts/seen", data={"csrf_token": token_from(page), "reference": references,
                                                        "next": "/staff/"})
    assert response.status_code == 303 and response.headers["Location"] == "/staff/"
    banner = banner_of(client.get("/staff/").get_data(as_text=True))
    assert later.reference in banner and not any(c.reference in banner for c in shown)
    assert sorted(r.case_reference for r in audit_rows(chicago_app, action="acknowledge")) == sorted(references)
    # Without its token, nothing is stopped.
    assert client.post("/staff/alerts/seen", data={"reference": [later.reference]}).status_code == 400
    assert later.reference in banner_of(client.get("/staff/").get_data(as_text=True))


# --- a refresh sends what changed ---------------------------------------------------


def settled(app, *cases):
    """As on a busy afternoon: these cases last changed when they arrived."""
    from sqlalchemy import update

    from screening.store.models import Case
    from screening.web.state import state

    with state(app).sessions() as session, session.begin():
        for case in cases:
            session.execute(update(Case).where(Case.id == case.id).values(changed_at=case.created_at))


def page_mark(page):
    """The ETag and the refresh mark the queue page starts its refreshes with."""
    tag = re.search(r'data-etag="([^"]*)"', page).group(1).replace("&#34;", '"')
    return tag, re.search(r'data-since="([^"]*)"', page).group(1)


def full_rows(part):
    return re.findall(r'<tr class="row-[^"]*" data-row="([A-Z0-9]{6})"', part)


def kept_rows(part):
    return re.findall(r'<tr data-keep="([A-Z0-9]{6})"></tr>', part)


def test_a_refresh_sends_the_row_that_changed_and_only_the_places_of_the_others(make_app):
    app = make_app()
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    made = [store_at(app, base_record(**LEVEL_RECORDS["routine"]), an_hour_ago + timedelta(minutes=n))
            for n in range(5)]
    settled(app, *made)
    desk = signed_in_client(app, "front-desk")
    tag, mark = page_mark(desk.get("/staff/").get_data(as_text=True))
    assert desk.get("/staff/queue", headers={"If-None-Match": tag, "X-Queue-Since": mark}).status_code == 304

    nurse = signed_in_client(app, "clinician", "nurse")
    moved = made[2]
    assert nurse.post(f"/staff/case/{moved.reference}/status",
                      data={"csrf_token": csrf_of(nurse, "/staff/"), "status": "with-clinician"}).status_code == 303
    part = desk.get("/staff/queue", headers={"If-None-Match": tag, "X-Queue-Since": mark})
    body = part.get_data(as_text=True)
    assert part.status_code == 200
    assert full_rows(body) == [moved.reference]
    assert kept_rows(body) == [case.reference for case in made if case is not moved]
    moved_row = body[body.index(f'data-row="{moved.reference}"'):]
    assert "Clinician Person" in moved_row[:moved_row.index("</tr>")]
    # The next refresh, with nothing new, sends it once more (it changed
    # within the resend margin of the last mark), and still no other row.
    again = desk.get("/staff/queue", headers={"X-Queue-Since": part.headers["X-Queue-Since"]})
    assert full_rows(again.get_data(as_text=True)) == [moved.reference]  # within the resend margin
    assert len(kept_rows(again.get_data(as_text=True))) == 4


@pytest.mark.parametrize("mark", [None, "", "garbled", "9999999999.0|", "1.0|", "nan|1.2", "1e400|"])
def test_a_refresh_without_a_usable_mark_sends_every_row(make_app, mark):
    app = make_app()
    made = [store(app, base_record()) for _ in range(3)]
    desk = signed_in_client(app, "front-desk")
    headers = {} if mark is None else {"X-Queue-Since": mark}
    part = desk.get("/staff/queue", headers=headers)
    assert part.status_code == 200
    assert sorted(full_rows(part.get_data(as_text=True))) == sorted(case.reference for case in made)
    assert kept_rows(part.get_data(as_text=True)) == []


def test_a_case_falling_overdue_is_sent_again_though_nobody_changed_it(make_app):
    app = make_app(SCREENING_ESCALATE_MINUTES="urgent=30 emergency=5")
    now = datetime.now(timezone.utc)
    urgent = store_at(app, base_record(**LEVEL_RECORDS["urgent"]), now - timedelta(minutes=28))
    routine = store_at(app, base_record(**LEVEL_RECORDS["routine"]), now - timedelta(minutes=27))
    settled(app, urgent, routine)
    desk = signed_in_client(app, "front-desk")
    _tag, mark = page_mark(desk.get("/staff/").get_data(as_text=True))
    with time_machine.travel(now + timedelta(minutes=3), tick=False):
        body = desk.get("/staff/queue", headers={"X-Queue-Since": mark}).get_data(as_text=True)
    assert full_rows(body) == [urgent.reference] and kept_rows(body) == [routine.reference]
    row = body[body.index(f'data-row="{urgent.reference}"'):]
    assert "OVERDUE" in row[:row.index("</tr>")]


def test_a_change_committed_after_a_later_one_still_changes_the_queue(make_app):
    # Two desks at once: the change stamped first can commit second, and the
    # newest stamp of the day is then the same as before it.
    from sqlalchemy import update

    from screening.store.models import Case
    from screening.web.state import state

    app = make_app()
    first, second = store(app, base_record()), store(app, base_record())
    stamped = datetime.now(timezone.utc) - timedelta(seconds=5)

    def stamp(case, moment, **values):
        with state(app).sessions() as session, session.begin():
            session.execute(update(Case).where(Case.id == case.id).values(changed_at=moment, **values))

    stamp(first, stamped)
    stamp(second, stamped + timedelta(milliseconds=10))
    desk = signed_in_client(app, "front-desk")
    tag = desk.get("/staff/queue").headers["ETag"]
    stamp(first, stamped + timedelta(milliseconds=5), status="with-clinician")
    assert desk.get("/staff/queue", headers={"If-None-Match": tag}).status_code == 200
