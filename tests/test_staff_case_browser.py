"""The case page in a real browser (Debian's Chromium), at a desk screen
(1280x800) and a portrait tablet (768x1024): what a clinician needs first is
on the first screen, a decision that needs correcting says so where the
page opens, and a reason typed before an idle sign-out is not lost."""
import pytest
from playwright.sync_api import expect

from tests.staff_helpers import LEVEL_RECORDS, base_record, early_stop_record, make_user, store
from tests.test_staff_browser import serious_problems
from tests.test_staff_case import reloaded
from tests import test_staff_idle_browser as idle
from tests.test_staff_idle_browser import age_the_session, sign_in, sign_in_again

# The idle sign-out's own fixtures: a clinic's 30 minutes, on Playwright's clock.
idle_app, desk = idle.idle_app, idle.desk

SCREENS = {"desk": (1280, 800), "tablet": (768, 1024)}


@pytest.fixture(params=SCREENS, ids=SCREENS)
def screen(request, browser, staff_app, serve_app):
    """A clinician's browser at one of the two screen sizes, not yet signed in."""
    width, height = SCREENS[request.param]
    url = serve_app(staff_app)
    make_user(staff_app, "nurse", "clinician", display_name="Maria Lopez")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page, url
    context.close()


def on_first_screen(page, selector):
    """Whether every element `selector` matches lies wholly inside the first
    screen (the page scrolled to its top), by its bounding box."""
    page.evaluate("window.scrollTo(0, 0)")
    height = page.viewport_size["height"]
    found = page.locator(selector)
    assert found.count() > 0, selector
    boxes = [found.nth(i).bounding_box() for i in range(found.count())]
    return all(box and box["y"] >= 0 and box["y"] + box["height"] <= height for box in boxes)


CASES = {
    "early-stop emergency": lambda app: store(app, early_stop_record(), early_stop=True),
    "urgent": lambda app: store(app, base_record(**LEVEL_RECORDS["urgent"], notes="Flew home on Sunday")),
}


@pytest.mark.parametrize("kind", CASES)
def test_the_level_the_reasons_and_the_print_buttons_are_on_the_first_screen(screen, staff_app, kind):
    page, url = screen
    case = CASES[kind](staff_app)
    sign_in(page, url, f"/staff/case/{case.reference}")
    if kind == "early-stop emergency":
        # A one-line notice, not the patient form's full-screen early-stop check.
        notice = page.locator(".case-head .notice")
        expect(notice).to_contain_text("Early stop.")
        assert notice.bounding_box()["height"] < 120
    for selector in (".decisions .level", ".fired li", ".print-actions a"):
        assert on_first_screen(page, selector), selector
    assert serious_problems(page) == []


def send_decision(page, level, reason="", confirm=False):
    page.click(".decision-form summary")
    page.check(f"input[name=level][value={level}]")
    page.fill("#reason", reason)
    if confirm:
        page.check("#confirm_lower")
    page.get_by_role("button", name="Save my decision").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("mistake, field", [
    (dict(level="routine", reason="Only an ankle sprain"), "confirm_lower"),
    (dict(level="emergency"), "reason"),
])
def test_a_decision_to_correct_opens_at_its_error_summary_with_a_link_to_the_field(screen, staff_app, mistake, field):
    page, url = screen
    case = store(staff_app, base_record(**LEVEL_RECORDS["urgent"], notes="Flew home on Sunday"))
    sign_in(page, url, f"/staff/case/{case.reference}")
    send_decision(page, **mistake)
    summary = page.locator(".review [role=alert]")
    expect(summary).to_contain_text("Your decision was not saved")
    link = summary.locator(f'a[href="#{field}"]')
    expect(link).to_have_count(1)
    # The page opens at the summary, focused: not a screen or more above it.
    assert page.evaluate("document.activeElement.id") == "decision-errors"
    box = summary.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
    assert serious_problems(page) == []
    link.click()
    assert page.evaluate("document.activeElement.id") == field


def test_a_reason_typed_before_an_idle_sign_out_is_back_in_its_box_after_signing_in_again(desk, idle_app):
    page, url = desk
    case = store(idle_app, base_record(**LEVEL_RECORDS["urgent"]))
    sign_in(page, url, f"/staff/case/{case.reference}")
    # A decision to correct first: the page is then the answer to a form, not a GET.
    send_decision(page, "routine", "Swelling only round the ankle")
    page.fill("#reason", "Swelling only round the ankle sprained on Sunday; calf soft")
    age_the_session(page, idle_app, url, 31)
    page.clock.run_for("30:05")
    expect(page.locator("#signed-out")).to_be_visible()
    assert "calf soft" not in page.content()
    sign_in_again(page, url, f"/staff/case/{case.reference}")
    expect(page.locator("#reason")).to_have_value("Swelling only round the ankle sprained on Sunday; calf soft")
    expect(page.locator("input[name=level][value=routine]")).to_be_checked()
    page.check("#confirm_lower")
    page.get_by_role("button", name="Save my decision").click()
    page.wait_for_url(url + f"/staff/case/{case.reference}")
    stored = reloaded(idle_app, case)
    assert stored.clinician_reason == "Swelling only round the ankle sprained on Sunday; calf soft"
    # Sent: nothing kept in the tab, and the box is empty on the next visit.
    assert page.evaluate("window.sessionStorage.length") == 0
    page.reload()
    expect(page.locator("#reason")).to_have_value("")
