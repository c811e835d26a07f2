"""Result pages that fit the tier and the answers: four looks, each with its
own icon, words and instruction; nobody who may not manage four steps is
sent walking; kiosk emergency and urgent results stay until staff close them."""
import re

import pytest

from tests.helpers import VIGNETTES, all_cases, csrf_token, form_data, valid_record, vignette

TIERS = {
    "emergency": vignette("breathless-with-leg-pain")["record"],
    "urgent": vignette("tingling-foot")["record"],
    "routine": next(v["record"] for v in VIGNETTES if v["expected"]["disposition"] == "routine"),
    "self-care": valid_record(),
}
WORDS = {
    "emergency": ("Emergency", "Get emergency help now", "Stay where you are."),
    "urgent": ("Today", "A nurse or doctor needs to see you today", "Show this screen to the front desk now."),
    "routine": ("Book a visit", "Book a visit in the next few days", "Ask the front desk to book your visit."),
    "self-care": ("Home care", "You can care for this at home", "Your handout shows what helps"),
}
# What would send a patient walking, in either language.
WALKING = ("front desk now", "Ask the front desk", "go to", "walk", "en la recepción", "vaya a la", "camine")


def result_of(client, record):
    response = client.post("/", data=form_data(record, csrf_token(client, "/?lang=en")))
    assert response.status_code == 303
    return client.get("/result").get_data(as_text=True)


def icon_of(page):
    return re.search(r'<svg class="icon"[^>]*>.*?</svg>', page, re.S).group(0)


def instruction_of(page):
    start = page.index('class="do-now"')
    return page[start:page.index("</div>", start)]


def test_each_tier_has_its_own_icon_words_and_look(client):
    pages = {kind: result_of(client, record) for kind, record in TIERS.items()}
    icons = {kind: icon_of(page) for kind, page in pages.items()}
    assert len(set(icons.values())) == 4
    for kind, page in pages.items():
        tag, heading, instruction = WORDS[kind]
        assert f'class="outcome outcome-{kind}"' in page
        assert f'<p class="tag">{tag}</p>' in page
        assert f'<h1 id="outcome-title">{heading}</h1>' in page
        assert instruction in instruction_of(page)
        for other, (_tag, other_heading, _) in WORDS.items():
            if other != kind:
                assert other_heading not in page
    # Only self-care has the tick (routine is not "all clear").
    assert "M14 25 L21 32 L35 17" in icons["self-care"]
    assert all("M14 25 L21 32 L35 17" not in icons[k] for k in ("emergency", "urgent", "routine"))
    assert "✓" not in pages["routine"]


def test_every_result_shows_its_case_reference(client, app):
    page = result_of(client, valid_record())
    [case] = all_cases(app)
    assert re.search(rf'<strong class="reference">{case.reference}</strong>', page)


def test_emergency_says_stay_do_not_drive_and_call_the_configured_number(make_app):
    client = make_app(SCREENING_EMERGENCY_NUMBER="911").test_client()
    text = instruction_of(result_of(client, TIERS["emergency"]))
    assert "Stay where you are. Raise your hand, or ask someone to get a staff member now." in text
    assert "Do not drive yourself." in text
    assert "If you are not at the clinic, call 911 now." in text


@pytest.mark.parametrize("kind", ["emergency", "urgent"])
def test_the_main_thing_on_an_emergency_or_urgent_page_is_the_instruction(client, kind):
    page = result_of(client, TIERS[kind])
    # No big "start a new form" button: only a quiet link at the bottom.
    assert not re.search(r'class="button[^"]*"[^>]*>Start a new form', page)
    assert re.search(r'<p class="quiet-link"><a [^>]*>Start a new form</a></p>', page)
    assert page.index('class="do-now"') < page.index("Start a new form")


@pytest.mark.parametrize("four_steps", ["no", "unsure"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_patient_who_may_not_walk_is_never_sent_walking(client, app, four_steps, language):
    record = dict(vignette("twisted-knee-cannot-walk")["record"], language=language)
    data = form_data(record, csrf_token(client, f"/?lang={language}"))
    data["four_steps"] = four_steps
    client.post("/", data=data)
    page = client.get("/result").get_data(as_text=True)
    text = instruction_of(page)
    assert ("Stay where you are." if language == "en" else "Quédese donde está.") in text
    for words in WALKING:
        assert words.lower() not in text.lower(), words


def test_a_walking_urgent_patient_takes_the_screen_to_the_desk(client):
    text = instruction_of(result_of(client, TIERS["urgent"]))
    assert "Show this screen to the front desk now." in text and "Stay where you are" not in text


def test_a_clinician_lowered_case_that_cannot_walk_still_says_stay_seated(client, app):
    from screening.store import cases
    from screening.web.state import state

    result_of(client, vignette("twisted-knee-cannot-walk")["record"])
    with state(app).sessions() as session:
        case = cases.find_case(session, all_cases(app)[0].token)
        cases.record_review(session, case, by="nurse", disposition="routine", reason="Seen, X-ray booked")
    text = instruction_of(client.get("/result").get_data(as_text=True))
    assert "Please stay seated" in text and "Ask the front desk" not in text


def test_self_care_says_what_to_expect_and_when_to_come_back_in_the_handouts_words(make_app):
    """Contract section 3 (revision 6): the page's "how long" words are the handout's, word for word."""
    from screening.handout.content import text as handout_words

    client = make_app(SCREENING_CLINIC_PHONE="555-0142").test_client()
    page = result_of(client, TIERS["self-care"])  # exercise soreness, 1 to 3 days
    words = handout_words("en")
    assert f"<li>{words['expect']['exercise-soreness']}</li>" in page
    do_now = instruction_of(page)
    assert "Call the clinic at 555-0142 to book a visit if:" in do_now
    assert f"<li>{words['warning_items']['not_better_3_days']}</li>" in do_now
    assert "Most sore legs like yours" not in page and "no better after 3 days" not in page


def test_results_in_spanish(client):
    page = result_of(client, dict(TIERS["urgent"], language="es"))
    assert '<p class="tag">Hoy</p>' in page and "Muestre esta pantalla ahora en la recepción." in page


# --- kiosk: emergency and urgent results stay until staff close them -------------------------

KIOSK = {"SCREENING_KIOSK": True, "SCREENING_KIOSK_STAFF_PIN": "4321"}


@pytest.mark.parametrize("kind", ["emergency", "urgent"])
def test_kiosk_emergency_and_urgent_results_have_no_timer_and_a_staff_close(make_app, kind):
    client = make_app(**KIOSK).test_client()
    client.get("/?lang=en")
    page = result_of(client, TIERS[kind])
    body = re.search(r"<body([^>]*)>", page).group(1)
    assert "data-kiosk-home" not in body and "data-kiosk-countdown" not in page
    assert 'id="kiosk-warning"' not in page
    assert "For staff: close this screen" in page and 'name="pin"' in page
    assert not re.search(r">Done<", page)


@pytest.mark.parametrize("kind", ["routine", "self-care"])
def test_kiosk_routine_and_self_care_results_count_down_as_before(make_app, kind):
    client = make_app(**KIOSK).test_client()
    page = result_of(client, TIERS[kind])
    assert "data-kiosk-home" in page and "data-kiosk-countdown" in page and "For staff" not in page


def close(client, pin):
    page = client.get("/result").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return client.post("/result/close", data={"csrf_token": token, "pin": pin})


def test_only_the_staff_pin_closes_the_screen(make_app):
    client = make_app(**KIOSK).test_client()
    result_of(client, TIERS["emergency"])
    wrong = close(client, "1234")
    assert wrong.status_code == 403
    page = wrong.get_data(as_text=True)
    assert "That PIN is not right." in page and "Get emergency help now" in page
    assert client.get("/result").status_code == 200  # still there
    right = close(client, "4321")
    assert right.status_code == 303 and right.headers["Location"] == "/start?lang=en"
    assert client.get("/result").status_code == 404


def test_pin_guesses_are_rate_limited(make_app):
    client = make_app(**KIOSK, SCREENING_RATELIMIT_STAFF_PIN="3 per minute").test_client()
    result_of(client, TIERS["urgent"])
    assert [close(client, "0000").status_code for _ in range(3)] == [403, 403, 403]
    assert close(client, "4321").status_code == 429  # even the right PIN waits now
    assert client.get("/result").status_code == 200

