"""Alerts that cannot be missed, in a real browser (Debian's Chromium): a
queue in a background tab still hears of an emergency within seconds; the
title, a desktop notification and the banner say it; an emergency and an
urgent case differ in words and in sound."""
import re

import pytest
from playwright.sync_api import expect

from tests.staff_helpers import LEVEL_RECORDS, PASSWORD, base_record, make_user, store
from tests.test_tablet import go, tap

# Records what the page asks the browser to show and play; the real
# Notification and the real oscillators still do it.
WATCH = """
window.shownNotices = [];
window.playedTones = [];
const RealNotification = window.Notification;
if (RealNotification) {
  window.Notification = class extends RealNotification {
    constructor(title, options) { super(title, options); window.shownNotices.push({title, ...options}); }
  };
}
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function () {
  window.playedTones.push(this.type);
  return start.apply(this, arguments);
};
"""
HIDE = """() => {
  Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "hidden"});
  Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


@pytest.fixture
def desk(browser, staff_app, serve_app):
    """The front desk's screen, signed in on the queue, with notifications allowed by the browser."""
    url = serve_app(staff_app)
    make_user(staff_app, "desk", "front-desk", display_name="Ana Ruiz")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["notifications"], origin=url)
    context.add_init_script(WATCH)
    page = context.new_page()

    def sign_in():
        page.goto(url + "/staff/")
        page.fill("#username", "desk")
        page.fill("#password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url(url + "/staff/")

    yield page, url, sign_in
    context.close()


def tones(page, kind):
    return page.evaluate(f"window.playedTones.filter(t => t === {kind!r}).length")


def run_until(page, check, step="00:01", most=30):
    """Move the page's clock on a second at a time until `check()` holds (polls answer in real time)."""
    for _ in range(most):
        if check():
            return
        page.clock.run_for(step)
        page.wait_for_timeout(50)
    assert check()


def test_an_emergency_sent_while_the_queue_tab_is_hidden_raises_title_notification_and_banner(
        desk, tablet, staff_app):
    page, url, sign_in = desk
    sign_in()
    page.get_by_role("button", name="Desktop alerts: off").click()
    expect(page.get_by_role("button", name="Desktop alerts: on")).to_be_visible()
    # A real background tab (another page brought to the front), and the
    # visibility a background tab reports, which headless Chromium does not.
    page.context.new_page().bring_to_front()
    page.evaluate(HIDE)
    tablet.goto(url + "/")
    tap(tablet, "chest_pain", "yes")
    go(tablet, "#early-stop-yes")
    reference = tablet.locator(".reference").first.inner_text()
    expect(page).to_have_title(re.compile(r"^\(1\) EMERGENCY · Queue · Riverside Clinic$"), timeout=10_000)
    banner = page.locator(".alert-banner")
    expect(banner.locator(".alert-item")).to_have_count(1)
    expect(banner.locator(".alert-item")).to_contain_text(f"EMERGENCY {reference}")
    [notice] = page.evaluate("window.shownNotices")
    assert re.fullmatch(rf"EMERGENCY: case {reference}, arrived \d\d:\d\d", notice["title"])
    assert notice["requireInteraction"] is True


def test_an_urgent_case_chimes_once_and_an_emergency_sounds_until_seen(desk, staff_app):
    page, url, sign_in = desk
    page.clock.install()
    sign_in()
    page.get_by_role("button", name="Sound alert: off").click()
    page.evaluate("window.playedTones = []")  # the button's own sample chime
    urgent = store(staff_app, base_record(**LEVEL_RECORDS["urgent"]))
    run_until(page, lambda: page.locator(".alert-item").count() == 1)
    expect(page).to_have_title("(1) New urgent case · Queue · Riverside Clinic")
    expect(page.locator(".alert-item")).to_contain_text(f"New urgent case {urgent.reference}")
    assert (tones(page, "sine"), tones(page, "square")) == (2, 0)  # one chime: two notes
    # Refreshes, changed (a new routine case) or not, do not chime again.
    store(staff_app, base_record(**LEVEL_RECORDS["routine"]))
    run_until(page, lambda: page.locator("table.queue tbody tr").count() == 2)
    page.clock.run_for("00:30")
    assert (tones(page, "sine"), tones(page, "square")) == (2, 0)

    emergency = store(staff_app, base_record(**LEVEL_RECORDS["emergency"]))
    run_until(page, lambda: page.locator(".alert-item").count() == 2)
    expect(page).to_have_title("(2) EMERGENCY · Queue · Riverside Clinic")
    # Newest first.
    expect(page.locator(".alert-item").first).to_contain_text(f"EMERGENCY {emergency.reference}")
    first = tones(page, "square")
    assert first == 4  # one round of the alarm
    page.clock.run_for("00:10")
    assert tones(page, "square") >= first + 8  # and again every 4 s
    assert tones(page, "sine") == 2

    page.get_by_role("button", name=f"Seen: stop the alert for {emergency.reference}").click()
    page.wait_for_url(re.compile(r".*/staff/\?day=.*"))
    expect(page.locator(".alert-item")).to_have_count(1)
    expect(page).to_have_title("(1) New urgent case · Queue · Riverside Clinic")
    page.clock.run_for("00:20")
    # The emergency is silent now; the urgent case, announced before the reload, does not chime again.
    assert (tones(page, "sine"), tones(page, "square")) == (0, 0)


def test_nine_open_alerts_leave_the_queue_in_view(desk, staff_app):
    page, url, sign_in = desk
    made = [store(staff_app, base_record(**LEVEL_RECORDS["urgent" if i % 3 else "emergency"])) for i in range(9)]
    sign_in()
    items = page.locator(".alert-item")
    expect(items).to_have_count(9)
    # One line each, newest first.
    assert [items.nth(i).get_attribute("data-reference") for i in range(9)] == [c.reference for c in made[::-1]]
    heights = {round(items.nth(i).bounding_box()["height"]) for i in range(9)}
    assert max(heights) <= 48, heights
    first_row = page.locator("table.queue tbody tr").first.bounding_box()
    assert first_row["y"] + first_row["height"] <= 800
    # Every alert can still be reached: the list scrolls inside the banner.
    items.nth(8).get_by_role("button").scroll_into_view_if_needed()
    expect(items.nth(8).get_by_role("button")).to_be_in_viewport()


def test_a_queue_that_cannot_refresh_says_so_loudly_and_recovers(desk, staff_app):
    """An emergency would not reach a queue whose refreshes fail: the queue
    says it is not updating (banner, title, notification, the alarm) instead
    of showing an old list as if it were current, and clears once it works."""
    from tests.outage_helpers import database_down

    page, url, sign_in = desk
    sign_in()
    page.get_by_role("button", name="Desktop alerts: off").click()
    page.get_by_role("button", name="Sound alert: off").click()
    stale = page.locator("#queue-stale")
    expect(stale).to_be_hidden()
    with database_down(staff_app):
        expect(stale).to_be_visible(timeout=10_000)
        expect(stale).to_contain_text("emergencies will not show here")
        expect(page).to_have_title("Queue NOT updating · Queue · Riverside Clinic")
        assert [n["tag"] for n in page.evaluate("window.shownNotices")] == ["stale"]
        assert tones(page, "square") >= 1
    expect(stale).to_be_hidden(timeout=10_000)
    expect(page).to_have_title("Queue · Riverside Clinic")
