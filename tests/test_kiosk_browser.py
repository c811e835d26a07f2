"""Kiosk mode in a real browser (Debian Chromium through Playwright): the idle
warning, the idle reset, and Back after a reset.

The page's clock is Playwright's (page.clock): the tests move it through the
real default timings (a warning one minute before a three-minute idle reset)
instead of waiting for them.
"""
import pytest

NAME = "Zebedee Quartermaine"
MINUTE = 60_000


@pytest.fixture
def live_kiosk(make_app, serve_app):
    app = make_app(SCREENING_KIOSK=True)
    assert (app.config["SCREENING_KIOSK_IDLE_MINUTES"], app.config["SCREENING_KIOSK_WARNING_MINUTES"]) == (3, 1)
    return serve_app(app)


@pytest.fixture
def page(tablet):
    tablet.clock.install()
    return tablet


def start_spanish_form(page, base):
    page.goto(f"{base}/start")
    page.get_by_role("link", name="Español").tap()
    page.wait_for_url(f"{base}/?lang=es")


@pytest.mark.sqlite_only
def test_idle_form_warns_then_resets_to_an_empty_start(page, live_kiosk):
    start_spanish_form(page, live_kiosk)
    page.fill("#preferred_name", NAME)
    page.locator("label[for='chest_pain-1']").tap()
    warning = page.locator("#kiosk-warning")
    page.clock.run_for(2 * MINUTE - 1000)
    assert warning.is_hidden()  # not yet: still more than a minute to go
    page.clock.run_for(2000)
    warning.wait_for(state="visible", timeout=2000)
    # force: any touch already counts as "still here" and hides the warning
    # on pointerdown, which Playwright's hit-target check reads as a miss.
    page.get_by_role("button", name="Toque aquí para seguir").tap(force=True)
    assert warning.is_hidden()
    assert page.input_value("#preferred_name") == NAME  # still there: they tapped
    page.clock.run_for(3 * MINUTE)
    page.wait_for_url(f"{live_kiosk}/start?lang=es", timeout=5000)
    assert NAME not in page.content()
    # location.replace: the form with the answers is not in the history.
    page.go_back()
    assert NAME not in page.content()
    assert "/?lang=es" not in page.url


@pytest.mark.sqlite_only
def test_back_after_done_shows_no_previous_answers(page, live_kiosk):
    start_spanish_form(page, live_kiosk)
    page.fill("#age_years", "87")
    page.fill("#preferred_name", NAME)
    page.locator("label[for='sides-0']").tap()
    page.get_by_role("button", name="Enviar mis respuestas").tap()
    page.wait_for_url(f"{live_kiosk}/")  # a 400 re-display: the answers are on it
    assert page.input_value("#preferred_name") == NAME
    page.get_by_role("link", name="Empezar de nuevo").tap()
    page.wait_for_url(f"{live_kiosk}/start?lang=es")
    # "Start over" replaced the page holding the answers: Back reaches the
    # form as it was first opened, empty.
    page.go_back()
    page.wait_for_url(f"{live_kiosk}/?lang=es")
    assert NAME not in page.content()
    assert page.input_value("#preferred_name") == ""
    assert page.input_value("#age_years") == ""
