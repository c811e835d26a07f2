"""The staff pages by keyboard, in a real browser (Debian's Chromium): a skip
link past the staff bar (and the alerts), and a queue that refreshes itself
without moving the focus of whoever is working it by keyboard."""
from playwright.sync_api import expect

from tests import test_staff_browser
from tests.staff_helpers import LEVEL_RECORDS, base_record, store

# A desk screen signed in as a clinician, on the queue.
staff_page = test_staff_browser.staff_page


def in_view(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_the_queues_first_tab_stop_skips_the_bar_and_the_alerts_to_the_queue(staff_page, staff_app):
    page, url = staff_page
    case = store(staff_app, base_record(**LEVEL_RECORDS["urgent"]))
    page.goto(url + "/staff/")
    expect(page.locator(".alert-banner")).to_contain_text(case.reference)
    skip = page.get_by_role("link", name="Skip to the queue")
    assert not in_view(page, skip)  # out of sight until a keyboard reaches it
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    assert in_view(page, skip)
    assert test_staff_browser.serious_problems(page) == []
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "queue-cases"
    # The next Tab is in the queue's rows, past every "Seen" button of the banner.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('table.queue') !== null")


def test_a_case_pages_first_tab_stop_skips_to_the_main_content(staff_page, staff_app):
    page, url = staff_page
    case = store(staff_app, base_record(**LEVEL_RECORDS["urgent"]))
    page.goto(url + f"/staff/case/{case.reference}")
    skip = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    assert in_view(page, skip)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("document.activeElement.closest('.staff-bar') === null")


def test_a_case_link_focused_by_keyboard_keeps_the_focus_through_the_queues_refresh(staff_page, staff_app):
    page, url = staff_page
    first = store(staff_app, base_record(**LEVEL_RECORDS["urgent"]))
    page.goto(url + "/staff/")
    table = page.locator("#queue-table")
    expect(table).to_contain_text(first.reference)
    # By keyboard: the skip link, the queue, its first case (also linked from the banner above).
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    link = table.get_by_role("link", name=first.reference)
    expect(link).to_be_focused()
    page.evaluate("document.activeElement.dataset.before = 'refresh'")
    second = store(staff_app, base_record(**LEVEL_RECORDS["urgent"]))
    expect(table).to_contain_text(second.reference, timeout=10_000)
    # A new table, and in it the same case's link has the focus.
    assert page.evaluate("document.querySelector('[data-before]')") is None
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(url + f"/staff/case/{first.reference}")
