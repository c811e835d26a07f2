"""Issue 20's flow in a real browser (Debian's Chromium): a dozen cases in view
under nine open alerts at 1280x800, a status changed in one tap with who
did it, and a case left waiting past its minutes alerting again, louder,
until someone acts on it."""
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.staff_helpers import LEVEL_RECORDS, base_record, csrf_of, signed_in_client, store, store_at
from tests.test_staff_alerts_browser import desk, tones  # noqa: F401 (the signed-in desk fixture)
from tests.test_staff_browser import serious_problems
from tests.test_staff_queue import settled


def test_twelve_cases_fit_under_nine_open_alerts(desk, staff_app):  # noqa: F811
    page, url, sign_in = desk
    for i in range(9):
        store(staff_app, base_record(**LEVEL_RECORDS["urgent" if i % 3 else "emergency"], preferred_name=f"Pat {i}"))
    for i in range(6):
        store(staff_app, base_record(**LEVEL_RECORDS["routine"], preferred_name=f"Lee {i}"))
    sign_in()
    expect(page.locator(".alert-item")).to_have_count(9)
    rows = page.locator("#queue-table tbody tr")
    expect(rows).to_have_count(15)
    boxes = [rows.nth(i).bounding_box() for i in range(15)]
    assert max(box["height"] for box in boxes) <= 48, [round(box["height"]) for box in boxes]
    in_view = [box for box in boxes if box["y"] + box["height"] <= 800]
    assert len(in_view) >= 12, len(in_view)
    assert serious_problems(page) == []


def test_one_tap_moves_a_patient_and_says_who(desk, staff_app):  # noqa: F811
    page, url, sign_in = desk
    case = store(staff_app, base_record(**LEVEL_RECORDS["routine"], preferred_name="Rosa"))
    sign_in()
    row = page.locator("#queue-table tbody tr", has_text=case.reference)
    expect(row).to_contain_text("Waiting")
    row.get_by_role("button", name=f"Case {case.reference}: now With clinician").click()
    row = page.locator("#queue-table tbody tr", has_text=case.reference)
    expect(row).to_contain_text("With clinician")
    expect(row).to_contain_text("Ana Ruiz")
    row.get_by_role("button", name=f"Case {case.reference}: now Done").click()
    expect(page.locator("#queue-table")).to_have_count(0)  # nobody left in the main list
    finished = page.locator("details.finished")
    expect(finished.locator("summary")).to_have_text("Finished: 1 patient")
    assert serious_problems(page) == []


def test_an_urgent_case_left_waiting_alerts_again_louder_until_someone_acts(desk, staff_app):  # noqa: F811
    page, url, sign_in = desk
    # Arrived 31 minutes ago and nobody moved it: overdue (urgent: 30) from the first look.
    late = store_at(staff_app, base_record(**LEVEL_RECORDS["urgent"]),
                    datetime.now(timezone.utc) - timedelta(minutes=31))
    page.clock.install()
    sign_in()
    page.get_by_role("button", name="Sound alert: off").click()
    overdue = page.locator('.alert-item[data-level="overdue"]')
    expect(overdue).to_have_count(1)
    expect(overdue).to_contain_text("OVERDUE")
    expect(page.locator("#queue-table tbody tr.row-overdue")).to_have_count(1)
    # "Seen" ends its new-case alert, not the escalation.
    page.get_by_role("button", name=f"Seen: stop the alert for {late.reference}").click()
    expect(page.locator('.alert-item[data-level="urgent"]')).to_have_count(0)
    expect(overdue).to_have_count(1)
    expect(page).to_have_title("(1) OVERDUE · Queue · Riverside Clinic")
    page.evaluate("window.playedTones = []")
    page.clock.run_for("00:10")
    assert tones(page, "square") >= 8  # the alarm, as for an emergency, again and again
    overdue.get_by_role("button", name=f"Case {late.reference}: now With clinician").click()
    expect(page.locator(".alert-item")).to_have_count(0)
    expect(page).to_have_title("Queue · Riverside Clinic")


def test_a_change_made_at_another_desk_shows_and_the_other_rows_stay_as_they_were(desk, staff_app):  # noqa: F811
    page, url, sign_in = desk
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    made = [store_at(staff_app, base_record(**LEVEL_RECORDS["routine"], preferred_name=f"Lee {n}"),
                     an_hour_ago + timedelta(minutes=n)) for n in range(6)]
    settled(staff_app, *made)
    sign_in()
    rows = page.locator("#queue-table tbody tr")
    expect(rows).to_have_count(6)
    # A mark only this page's own row elements carry: a row drawn again loses it.
    page.evaluate("document.querySelectorAll('#queue-table tbody tr').forEach(r => { r.drawnOnce = true; })")
    nurse = signed_in_client(staff_app, "clinician", "nurse")
    moved = made[3]
    assert nurse.post(f"/staff/case/{moved.reference}/status",
                      data={"csrf_token": csrf_of(nurse, "/staff/"), "status": "with-clinician"}).status_code == 303
    status = page.locator("#queue-table tbody tr", has_text=moved.reference).locator(".status")
    expect(status).to_have_text("With clinician", timeout=15_000)  # the next refresh, 5 s at most
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('#queue-table tbody tr'),
                               r => [r.getAttribute('data-row'), r.drawnOnce === true, r.innerText])""")
    assert [reference for reference, _kept, _text in shown] == [case.reference for case in made]
    assert [kept for _reference, kept, _text in shown] == [case is not moved for case in made]
    for (_reference, _kept, text), case in zip(shown, made, strict=True):
        assert case.record["preferred_name"] in text and "min" in text
    assert "Clinician Person" in shown[3][2]
