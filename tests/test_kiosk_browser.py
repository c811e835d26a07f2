"""Kiosk mode in a real browser (Debian Chromium through Playwright): the idle
warning and reset, Back after a reset, emergency results that stay until
staff close them, the handout page the idle reset clears, and printing at
the front desk with the tablet never showing the PDF."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from screening.intake.forms import STEPS
from tests.helpers import all_cases
from tests.test_printing import printed_pdfs, printer  # noqa: F401 (a fixture)
from tests.test_tablet import answer_by_touch, go, tap

# A clinic's own timings; the page's clock is Playwright's, moved on by the
# test, so a slow machine never sees a warning the test did not ask for.
IDLE = {"SCREENING_KIOSK_IDLE_MINUTES": 3, "SCREENING_KIOSK_WARNING_MINUTES": 1}
PIN = "2468"


@pytest.fixture
def kiosk_app(make_app):
    return make_app(SCREENING_KIOSK=True, SCREENING_KIOSK_STAFF_PIN=PIN, **IDLE)


@pytest.fixture
def live_kiosk(kiosk_app, serve_app):
    return serve_app(kiosk_app)


@pytest.fixture
def page(tablet):
    tablet.clock.install()
    return tablet


def start_form(page, base, language="es"):
    page.goto(f"{base}/start")
    page.get_by_role("link", name="Español" if language == "es" else "English").tap()
    page.wait_for_url(f"{base}/?lang={language}")


def self_care_result(page, base):
    start_form(page, base, "en")
    for index in range(len(STEPS)):
        answer_by_touch(page, index)
        go(page)
    page.wait_for_url(f"{base}/result")


def test_idle_form_warns_then_resets_to_an_empty_start(page, live_kiosk):
    start_form(page, live_kiosk)
    tap(page, "chest_pain", "no")
    tap(page, "fainted", "unsure")
    warning = page.locator("#kiosk-warning")
    page.clock.run_for("01:55")
    assert warning.is_hidden()
    page.clock.run_for("00:10")  # a minute before the reset
    warning.wait_for(state="visible")
    # force: any touch already counts as "still here" and hides the warning
    # on pointerdown, which Playwright's hit-target check reads as a miss.
    page.get_by_role("button", name="Toque aquí para seguir").tap()
    assert warning.is_hidden()
    # Still there (they tapped), and the tap did not go through to an answer underneath.
    assert page.locator("input[name=fainted][value=unsure]").is_checked()
    assert page.locator("input:checked").count() == 2
    page.clock.run_for("03:01")
    page.wait_for_url(f"{live_kiosk}/start?lang=es")
    # location.replace: the form with the answers is not in the history.
    page.go_back()
    assert "/?lang=es" not in page.url
    assert page.locator("input:checked").count() == 0


def back(page):
    try:
        page.go_back()
    except PlaywrightError:
        pass  # a sent step (a POST, no-store) cannot come back: Chromium shows its own page
    # kiosk.js may send a page restored from the cache on to the start: let it.
    page.wait_for_timeout(800)
    page.wait_for_load_state()


def test_back_after_done_shows_no_previous_answers(page, live_kiosk):
    self_care_result(page, live_kiosk)
    page.get_by_role("link", name="Done").tap()
    page.wait_for_url(f"{live_kiosk}/start?lang=en")
    back(page)
    assert "You can care for this at home" not in page.content()
    assert page.locator("input:checked").count() == 0


def test_an_emergency_result_stays_until_staff_close_it(page, live_kiosk, kiosk_app):
    start_form(page, live_kiosk, "en")
    tap(page, "chest_pain", "yes")
    go(page, "#early-stop-yes")
    page.wait_for_url(f"{live_kiosk}/result")
    # Far past the idle reset: no warning, no countdown, the page stays.
    page.clock.run_for("30:00")
    assert page.url == f"{live_kiosk}/result"
    assert page.locator("h1").inner_text() == "Get emergency help now"
    assert page.locator("#kiosk-warning").count() == 0 and page.locator(".countdown").count() == 0
    # A patient cannot close it; staff can, with the PIN.
    page.locator(".staff-close summary").tap()
    page.locator("#pin").tap()
    page.keyboard.type("1111")
    go(page, ".staff-close button")
    assert page.locator("#pin-error").inner_text() == "That PIN is not right."
    assert page.locator("h1").inner_text() == "Get emergency help now"
    page.locator("#pin").tap()
    page.keyboard.type(PIN)
    go(page, ".staff-close button")
    assert page.url == f"{live_kiosk}/start?lang=en"
    [case] = all_cases(kiosk_app)
    assert case.early_stop is True


def test_the_idle_reset_clears_a_handout_page(page, live_kiosk):
    self_care_result(page, live_kiosk)
    page.get_by_role("link", name="Show my handout").tap()
    page.wait_for_url(f"{live_kiosk}/result/handout")
    assert page.locator("iframe.handout-frame").is_visible()
    assert page.get_by_role("link", name="Done").is_visible()
    page.clock.run_for("03:01")
    page.wait_for_url(f"{live_kiosk}/start?lang=en")
    back(page)
    assert "/result" not in page.url
    assert "You can care for this at home" not in page.content()


@pytest.fixture
def printing_kiosk(make_app, serve_app, printer):  # noqa: F811 (the fixture)
    queue, out = printer
    app = make_app(SCREENING_KIOSK=True, SCREENING_PRINTER=queue, **IDLE)
    return serve_app(app), app, out


def test_printing_reaches_the_front_desk_printer_and_the_tablet_shows_no_pdf(page, printing_kiosk):
    base, app, out = printing_kiosk
    seen = []
    page.on("response", lambda response: seen.append(response.headers.get("content-type", "")))
    self_care_result(page, base)
    before = set(out.glob("*.pdf"))
    go(page, "button:has-text('Print my handout')")
    assert "Your handout is printing." in page.locator(".printed").inner_text()
    assert "Please collect it from the front desk." in page.locator(".printed").inner_text()
    assert printed_pdfs(out, before)
    assert not any("pdf" in kind for kind in seen)
    assert page.locator("iframe, embed, object").count() == 0
    [case] = all_cases(app)
    assert case.reference in page.locator(".reference").inner_text()
