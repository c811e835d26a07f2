"""The staff side in a real browser (Debian's Chromium): accessibility, and a live queue."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.staff_helpers import LEVEL_RECORDS, PASSWORD, base_record, early_stop_record, make_user, store


@pytest.fixture
def staff_page(browser, staff_app, serve_app):
    """A desk screen signed in as a clinician, on the queue."""
    url = serve_app(staff_app)
    make_user(staff_app, "nurse", "clinician", display_name="Maria Lopez")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url + "/staff/")
    page.fill("#username", "nurse")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(url + "/staff/")
    yield page, url
    context.close()


def serious_problems(page):
    results = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_the_sign_in_page_has_no_serious_accessibility_problem(tablet, staff_app, serve_app):
    tablet.goto(serve_app(staff_app) + "/staff/sign-in")
    assert serious_problems(tablet) == []
    tablet.click("button.primary")  # empty: the messages show beside the fields
    expect(tablet.locator(".error").first).to_be_visible()
    assert serious_problems(tablet) == []


def test_the_queue_and_a_case_page_have_no_serious_accessibility_problem(staff_page, staff_app):
    page, url = staff_page
    urgent = store(staff_app, base_record(**LEVEL_RECORDS["urgent"], notes="Long flight"))
    store(staff_app, early_stop_record(), early_stop=True)
    store(staff_app, base_record(**LEVEL_RECORDS["routine"]))
    page.goto(url + "/staff/")
    expect(page.locator(".alert-banner")).to_be_visible()
    assert serious_problems(page) == []
    page.goto(url + f"/staff/case/{urgent.reference}")
    page.click(".decision-form summary")
    assert serious_problems(page) == []


def test_a_new_urgent_case_appears_in_an_open_queue_with_its_alert_until_acknowledged(staff_page, staff_app):
    page, url = staff_page
    expect(page.locator(".alert-banner")).to_have_count(0)
    # Marks this very page: a reload would lose it.
    page.evaluate("window.sameQueuePage = true")
    case = store(staff_app, base_record(**LEVEL_RECORDS["urgent"]))
    banner = page.locator(".alert-banner")
    expect(banner).to_contain_text(case.reference, timeout=10_000)
    expect(page).to_have_title("(1) New urgent case · Queue · Riverside Clinic")
    expect(page.locator("table.queue")).to_contain_text(case.reference)
    assert page.evaluate("window.sameQueuePage") is True
    page.get_by_role("button", name=f"Seen: stop the alert for {case.reference}").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-banner")).to_have_count(0)
    expect(page).to_have_title("Queue · Riverside Clinic")
    expect(page.locator("table.queue")).to_contain_text(case.reference)


def test_the_figures_and_the_tablet_pages_have_no_serious_accessibility_problem(staff_page, staff_app):
    page, url = staff_page
    for level in ("emergency", "urgent", "routine", "self-care"):
        store(staff_app, base_record(**LEVEL_RECORDS[level]))
    page.goto(url + "/staff/manager")
    expect(page.locator("svg").first).to_be_visible()
    assert serious_problems(page) == []
    page.goto(url + "/staff/manager?from=2026-12-09&to=2026-12-01")  # a range the wrong way round
    assert serious_problems(page) == []
    page.goto(url + "/staff/device")
    assert serious_problems(page) == []
    page.fill("input[name=label]", "Front desk tablet 2")
    page.locator("form.staff-form button[type=submit]").click()
    expect(page.locator(".notice")).to_contain_text("Front desk tablet 2")
    assert serious_problems(page) == []
