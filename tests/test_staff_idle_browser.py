"""The idle sign-out is never silent, in a real browser (Debian's Chromium):
a warning a minute before it with "Stay signed in", and once it happened a
full screen that says alerts have stopped and keeps sounding. The page's
clock is Playwright's with a clinic's real timing (30 minutes); the
server's side of the same wait is the session cookie it would hold by then."""
import re

import pytest
from playwright.sync_api import expect

from tests.staff_helpers import LEVEL_RECORDS, PASSWORD, base_record, make_user, store
from tests.test_staff_alerts_browser import WATCH, tones
from tests.test_staff_browser import serious_problems

SEEN = "screening_staff_seen"


@pytest.fixture
def idle_app(make_app):
    return make_app(SCREENING_STAFF_IDLE_MINUTES=30, SCREENING_STAFF_POLL_SECONDS=5,
                    SCREENING_TIMEZONE="America/Chicago")


@pytest.fixture
def desk(browser, idle_app, serve_app):
    url = serve_app(idle_app)
    make_user(idle_app, "nurse", "clinician", display_name="Maria Lopez")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.clock.install()
    yield page, url
    context.close()


def sign_in(page, url, path="/staff/"):
    page.goto(url + path)
    sign_in_here(page)
    page.wait_for_url(url + path)


def sign_in_here(page):
    page.fill("#username", "nurse")
    page.fill("#password", PASSWORD)
    page.click("button.primary")


def sign_in_again(page, url, path):
    """From the full-screen "signed out" page back to the page it was: `path`."""
    page.get_by_role("link", name="Sign in again").click()
    sign_in_here(page)
    page.wait_for_url(url + path)


def age_the_session(page, app, url, minutes):
    """The session cookie as the server would hold it `minutes` later with no
    activity: the last activity that much further back (signed with the app's key)."""
    serializer = app.session_interface.get_signing_serializer(app)
    name = app.config["SESSION_COOKIE_NAME"]
    [cookie] = [c for c in page.context.cookies(url) if c["name"] == name]
    data = serializer.loads(cookie["value"])
    data[SEEN] -= minutes * 60
    page.context.add_cookies([{**cookie, "value": serializer.dumps(data)}])


def test_a_minute_before_the_idle_sign_out_a_warning_offers_to_stay(desk):
    page, url = desk
    sign_in(page, url)
    warning = page.locator("#idle-warning")
    page.clock.run_for("28:50")
    page.wait_for_timeout(1500)  # the queue's own refreshes come and go: they are no activity
    assert warning.is_hidden()
    page.clock.run_for("00:20")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("You will be signed out in a minute")
    expect(warning).to_contain_text(re.compile(r"\(0:\d\d\)"))
    assert serious_problems(page) == []
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    # The server counted it: a full idle time again from now.
    page.clock.run_for("28:00")
    page.wait_for_timeout(1500)
    assert warning.is_hidden()
    page.clock.run_for("01:30")
    expect(warning).to_be_visible()


def test_once_signed_out_the_queue_says_alerts_have_stopped_full_screen_and_keeps_sounding(desk, idle_app):
    page, url = desk
    store(idle_app, base_record(**LEVEL_RECORDS["routine"], preferred_name="Rosa"))
    sign_in(page, url)
    page.get_by_role("button", name="Sound alert: off").click()  # a click: activity, once
    page.evaluate("window.playedTones = []")
    page.clock.run_for("29:10")
    expect(page.locator("#idle-warning")).to_be_visible()
    assert tones(page, "sine") == 2  # the warning's own chime
    age_the_session(page, idle_app, url, 31)
    page.clock.run_for("00:55")
    screen = page.locator("#signed-out")
    expect(screen).to_be_visible()
    expect(page).to_have_title("Signed out: alerts have stopped")
    expect(screen).to_contain_text("New cases will not show or sound here until someone signs in again.")
    box = screen.bounding_box()
    assert (box["width"], box["height"]) == (1280, 800)
    # Nothing of a patient is left on the screen; the warning is gone.
    assert page.locator("table.queue").count() == 0 and "Rosa" not in page.content()
    assert page.locator("#idle-warning").is_hidden()
    assert page.evaluate("document.activeElement.id") == "signed-out-sign-in"
    played = tones(page, "square")
    assert played == 4
    page.clock.run_for("00:21")
    assert tones(page, "square") >= played + 8  # again every 10 s
    assert serious_problems(page) == []
    page.get_by_role("link", name="Sign in again").click()
    expect(page.locator("#username")).to_be_visible()
    expect(page.locator(".notice")).to_contain_text("signed out after a time without activity")


def test_a_case_page_signed_out_hides_the_answers_and_signing_in_returns_to_it(desk, idle_app):
    page, url = desk
    case = store(idle_app, base_record(**LEVEL_RECORDS["urgent"], notes="Flew home on Sunday"))
    sign_in(page, url, f"/staff/case/{case.reference}")
    age_the_session(page, idle_app, url, 31)
    page.clock.run_for("30:05")
    expect(page.locator("#signed-out")).to_be_visible()
    expect(page).to_have_title("Signed out")
    assert "Flew home on Sunday" not in page.content()
    sign_in_again(page, url, f"/staff/case/{case.reference}")
    expect(page.locator(".notes")).to_have_text("Flew home on Sunday")


def test_a_queue_signed_out_from_elsewhere_says_so_at_its_next_refresh(desk, idle_app):
    from screening.store import users
    from screening.web.state import state

    page, url = desk
    sign_in(page, url)
    with state(idle_app).sessions() as session:
        users.sign_out_everywhere(session, users.find_user(session, "nurse"))
    page.clock.run_for("00:06")
    expect(page.locator("#signed-out")).to_be_visible()
    expect(page).to_have_title("Signed out: alerts have stopped")
