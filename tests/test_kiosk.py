"""Kiosk mode, server side: the start screen, resets that leave no answers
behind, no-store everywhere, and result pages that close."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import select

from screening.web.state import state
from screening.store.models import Case

from .helpers import all_cases, csrf_token, form_data, valid_record

# A fixed moment for tests that move the clock.
VISIT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
NAME = "Zebedee Quartermaine"
NOTE = "left my umbrella xyzzy"
KIOSK = {"SCREENING_KIOSK": True, "SCREENING_KIOSK_IDLE_MINUTES": 2, "SCREENING_RESULT_MINUTES": 10}


@pytest.fixture
def kiosk_app(make_app):
    return make_app(**KIOSK)


@pytest.fixture
def kiosk_client(kiosk_app):
    return kiosk_app.test_client()


def send(client, form_changes=None, **changes):
    token = csrf_token(client, "/?lang=es")
    record = valid_record(language="es", preferred_name=NAME, notes=NOTE, age_years=87, **changes)
    return client.post("/", data={**form_data(record, token), **(form_changes or {})})


def assert_no_answers(page):
    assert NAME not in page and NOTE not in page
    # (not a bare "87": a random CSRF token may hold those digits)
    assert "checked" not in page
    assert not re.search(r'<input[^>]*name="(age_years|preferred_name)"[^>]*value="[^"]', page)


def link(page, text):
    match = re.search(r'<a[^>]*href="([^"]+)"[^>]*>\s*' + re.escape(text), page)
    return match.group(1).replace("&amp;", "&")


@pytest.mark.sqlite_only
def test_kiosk_opens_on_the_start_screen_with_the_language_choice(kiosk_client):
    response = kiosk_client.get("/")
    assert response.status_code == 303 and response.headers["Location"].endswith("/start")
    page = kiosk_client.get("/start").get_data(as_text=True)
    assert link(page, "English") == "/?lang=en"
    assert link(page, "Español") == "/?lang=es"
    assert "<form" not in page


@pytest.mark.sqlite_only
def test_without_kiosk_the_form_opens_directly(client):
    response = client.get("/")
    assert response.status_code == 200 and 'id="intake"' in response.get_data(as_text=True)


def test_reset_after_submit_leaves_no_answers(kiosk_client, kiosk_app):
    sent = send(kiosk_client)
    assert sent.status_code == 303
    result = kiosk_client.get(sent.headers["Location"]).get_data(as_text=True)
    assert NAME not in result and NOTE not in result
    done = link(result, "Terminé")
    assert done == "/start?lang=es"  # the language survives the reset
    start = kiosk_client.get(done)
    assert start.status_code == 200
    assert '<html lang="es">' in start.get_data(as_text=True)
    assert_no_answers(start.get_data(as_text=True))
    # The form the next patient opens is empty too.
    next_form = kiosk_client.get(link(start.get_data(as_text=True), "Español")).get_data(as_text=True)
    assert_no_answers(next_form)
    assert len(all_cases(kiosk_app)) == 1


@pytest.mark.sqlite_only
def test_idle_reset_goes_to_an_empty_start_screen(kiosk_client):
    # Mid-form with answers on the page (a 400 re-display of the last step).
    page = send(kiosk_client, {"clot_risks": "bogus"}).get_data(as_text=True)
    assert NAME in page
    body = re.search(r"<body([^>]*)>", page).group(1)
    assert 'data-kiosk-idle-ms="120000"' in body
    assert 'data-kiosk-warning-ms="60000"' in body
    assert 'id="kiosk-warning"' in page and "¿Sigue ahí?" in page
    assert re.search(r'<script src="[^"]*/kiosk\.js" defer>', page)
    home = re.search(r'data-kiosk-home="([^"]+)"', body).group(1).replace("&amp;", "&")
    assert home == "/start?lang=es"
    assert_no_answers(kiosk_client.get(home).get_data(as_text=True))


@pytest.mark.sqlite_only
def test_kiosk_form_asks_the_browser_not_to_restore_answers(kiosk_client):
    page = kiosk_client.get("/?lang=en").get_data(as_text=True)
    assert re.search(r'<form[^>]*id="intake"[^>]*autocomplete="off"', page)


def age_cases(app, minutes):
    """Move every case's created_at back (the column the expiry compares)."""
    with state(app).sessions.begin() as session:
        for case in session.scalars(select(Case)):
            case.created_at = case.created_at - timedelta(minutes=minutes)


@pytest.mark.parametrize("kiosk", [True, False])
def test_result_page_closes_after_the_configured_minutes_in_every_mode(make_app, kiosk):
    kiosk_app = make_app(**dict(KIOSK, SCREENING_KIOSK=kiosk))
    kiosk_client = kiosk_app.test_client()
    location = send(kiosk_client).headers["Location"]
    assert kiosk_client.get(location).status_code == 200
    age_cases(kiosk_app, 9)
    assert kiosk_client.get(location).status_code == 200
    age_cases(kiosk_app, 2)
    closed = kiosk_client.get(location)
    page = closed.get_data(as_text=True)
    assert closed.status_code == 410
    assert "Esta página ya se cerró" in page and "recepción" in page
    assert NAME not in page and "Puede cuidarse en casa" not in page
    assert closed.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("kiosk", [False, True])
def test_every_patient_page_is_no_store(make_app, kiosk):
    client = make_app(SCREENING_KIOSK=kiosk).test_client()
    token = csrf_token(client, "/?lang=es")
    good = form_data(valid_record(preferred_name=NAME), token)
    sent = client.post("/", data=good)
    responses = {
        "GET /": client.get("/"),
        "GET /?lang=es": client.get("/?lang=es"),
        "GET /start": client.get("/start?lang=es"),
        "POST / (400)": client.post("/", data={**good, "age_years": "x"}),
        "POST / (bad token)": client.post("/", data={**good, "csrf_token": "stale"}),
        "POST / (switch)": client.post("/", data={**good, "switch_language": "en"}),
        "POST / (303)": sent,
        "GET result": client.get(sent.headers["Location"]),
        "GET result (404)": make_app(SCREENING_KIOSK=kiosk).test_client().get("/result"),
        "GET handout page": client.get("/result/handout"),
        "GET handout": client.get("/result/handout.pdf"),
        "POST api (200)": client.post("/api/v1/triage", json=valid_record()),
        "POST api (400)": client.post("/api/v1/triage", json={}),
    }
    for what, response in responses.items():
        assert response.headers.get("Cache-Control") == "no-store", what


def test_resending_a_stored_form_does_not_show_it_to_the_next_patient(kiosk_client, kiosk_app):
    token = csrf_token(kiosk_client, "/?lang=es")
    data = form_data(valid_record(language="es", preferred_name=NAME, notes=NOTE, age_years=87), token)
    assert kiosk_client.post("/", data=data).status_code == 303
    # The next patient taps Back and confirms "resend" on the old page.
    kiosk_client.get("/?lang=en")
    replay = kiosk_client.post("/", data=data)
    assert replay.status_code == 303 and "/start" in replay.headers["Location"]
    assert_no_answers(kiosk_client.get(replay.headers["Location"]).get_data(as_text=True))
    assert len(all_cases(kiosk_app)) == 1


def test_kiosk_gives_answers_back_when_only_the_token_timed_out(kiosk_app):
    client = kiosk_app.test_client()
    with time_machine.travel(VISIT, tick=False) as clock:
        data = form_data(valid_record(preferred_name=NAME), csrf_token(client, "/?lang=en"))
        clock.shift(kiosk_app.config.get("WTF_CSRF_TIME_LIMIT", 3600) + 1)
        response = client.post("/", data=data)
    assert response.status_code == 400
    assert f'value="{NAME}"' in response.get_data(as_text=True)
    assert all_cases(kiosk_app) == []
