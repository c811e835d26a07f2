"""Kiosk mode in a real browser (Debian Chromium through Playwright): the idle
warning, the idle reset, and Back after a reset."""
import pytest

NAME = "Zebedee Quartermaine"
# Seconds, not minutes: the warning shows after 2 s idle, the reset at 4 s.
IDLE = {"SCREENING_KIOSK_IDLE_MINUTES": 4 / 60, "SCREENING_KIOSK_WARNING_MINUTES": 2 / 60}


@pytest.fixture
def live_kiosk(make_app, serve_app):
    return serve_app(make_app(SCREENING_KIOSK=True, **IDLE))


@pytest.fixture
def page(tablet):
    return tablet


def start_spanish_form(page, base):
    page.goto(f"{base}/start")
    page.get_by_role("link", name="Español").tap()
    page.wait_for_url(f"{base}/?lang=es")


def test_idle_form_warns_then_resets_to_an_empty_start(page, live_kiosk):
    start_spanish_form(page, live_kiosk)
    page.fill("#preferred_name", NAME)
    page.locator("label[for='chest_pain-1']").tap()
    warning = page.locator("#kiosk-warning")
    warning.wait_for(state="visible", timeout=6000)
    # force: any touch already counts as "still here" and hides the warning
    # on pointerdown, which Playwright's hit-target check reads as a miss.
    page.get_by_role("button", name="Toque aquí para seguir").tap(force=True)
    assert warning.is_hidden()
    assert page.input_value("#preferred_name") == NAME  # still there: they tapped
    page.wait_for_url(f"{live_kiosk}/start?lang=es", timeout=10000)
    assert NAME not in page.content()
    # location.replace: the form with the answers is not in the history.
    page.go_back()
    assert NAME not in page.content()
    assert "/?lang=es" not in page.url


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
    page.go_back()
    page.wait_for_load_state()
    assert NAME not in page.content()
    if page.locator("#preferred_name").count():
        assert page.input_value("#preferred_name") == ""
        assert page.input_value("#age_years") == ""
