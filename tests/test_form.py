"""The intake form through the Flask test client, with real CSRF tokens.

Most tests send every answer at once (a post with no step is checked whole,
as the last step is); tests/test_steps.py walks the steps.
"""
import re

import pytest

from screening.triage.rules import RULES_VERSION
from tests.helpers import (
    form_record,
    VIGNETTES, VIGNETTE_IDS, all_cases, case_count, csrf_token, form_data, hidden, send_in_steps, step_data,
    valid_record, vignette,
)


def submit(client, record, token=None):
    return client.post("/", data=form_data(record, token or csrf_token(client)))


def question_block(page, field):
    """The HTML of one question, from its opening tag to the next question."""
    start = page.index(f'id="q-{field}"')
    following = page.find('class="question', start + 1)
    return page[start:following if following != -1 else len(page)]


@pytest.mark.parametrize("case", VIGNETTES[::3], ids=VIGNETTE_IDS[::3])
def test_round_trip_stores_the_case_and_shows_its_result(client, app, case):
    response = submit(client, case["record"])
    assert response.status_code == 303
    # No token in the address: the result is bound to this browser's session.
    location = response.headers["Location"]
    assert location == "/result"

    [stored] = all_cases(app)
    expected = case["expected"]
    assert stored.early_stop is False
    assert stored.record == form_record(case["record"])
    assert stored.disposition == expected["disposition"]
    assert stored.emergency is expected["emergency"]
    assert stored.rule_ids == expected["rules_in_order"]
    assert stored.rules_version == RULES_VERSION
    assert stored.created_at is not None

    page = client.get(location)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"


def test_emergency_result_says_get_help_now(client):
    page = client.get(submit(client, vignette("breathless-with-leg-pain")["record"]).headers["Location"])
    text = page.get_data(as_text=True)
    assert "Get emergency help now" in text
    assert "call your local emergency number now" in text
    assert "blood clot has moved to the lungs" in text


def test_urgent_result_sends_patient_to_front_desk(client):
    text = client.get(submit(client, vignette("tingling-foot")["record"]).headers["Location"]).get_data(as_text=True)
    assert "A nurse or doctor needs to see you today" in text
    assert "Show this screen to the front desk now." in text
    assert "nerves need to be checked" in text


def test_self_care_result_has_no_alarm(client):
    text = client.get(submit(client, vignette("after-first-spin-class")["record"]).headers["Location"]).get_data(as_text=True)
    assert "You can care for this at home" in text
    assert "front desk now" not in text


def test_optional_answers_are_stored(client, app):
    submit(client, valid_record(preferred_name="  Ana María ", notes="Works nights"))
    [stored] = all_cases(app)
    assert stored.record["preferred_name"] == "Ana María"
    assert stored.record["notes"] == "Works nights"


def test_blank_optional_answers_are_left_out(client, app):
    submit(client, valid_record(preferred_name="   ", notes=""))
    [stored] = all_cases(app)
    assert "preferred_name" not in stored.record and "notes" not in stored.record


def test_a_result_opens_only_in_the_browser_that_sent_it(app, client):
    assert client.get("/result").status_code == 404  # nothing sent yet
    submit(client, valid_record())
    assert client.get("/result").status_code == 200
    assert app.test_client().get("/result").status_code == 404
    # A new form closes the way back to the last result.
    client.get("/")
    assert client.get("/result").status_code == 404


def _partial():
    record = valid_record(preferred_name="Ana", pain_score=6, locations=["knee", "calf"])
    for name in ("chest_pain", "age_years", "triggers"):
        del record[name]
    return record


def test_missing_answers_are_shown_on_the_first_step_that_lacks_one_and_nothing_is_lost(client, app):
    response = submit(client, _partial())
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please answer this question." in question_block(page, "chest_pain")
    assert "Please answer" not in question_block(page, "fainted")
    assert case_count(app) == 0
    # Answer it: the next step with a missing answer comes up, the rest kept.
    data = form_data(_partial(), hidden(page, "csrf_token"))
    data["chest_pain"] = "no"
    page = client.post("/", data=data).get_data(as_text=True)
    assert 'id="q-triggers"' in page and "Please choose at least one answer." in question_block(page, "triggers")
    data["triggers"] = ["injury"]
    page = client.post("/", data=data).get_data(as_text=True)
    assert "Please answer this question." in question_block(page, "age_years")
    assert case_count(app) == 0
    data["age_years"] = "41"
    assert client.post("/", data=data).status_code == 303
    [stored] = all_cases(app)
    assert (stored.record["preferred_name"], stored.record["pain_score"]) == ("Ana", 6)


@pytest.mark.parametrize("field,value,message", [
    ("age_years", "abc", "Please write the number using only digits, for example 42."),
    ("age_years", "121", "Please give a number from 0 to 120."),
    ("age_years", "-1", "Please give a number from 0 to 120."),
    ("pain_score", "11", "Please choose one of the answers shown."),
    ("sides", "up", "Please choose one of the answers shown."),
    ("preferred_name", "a" * 81, "Please use 80 characters or fewer."),
    ("preferred_name", "\u200b", "Please type a name with letters or numbers, or leave this empty."),
    ("notes", "x" * 1001, "Please use 1000 characters or fewer."),
])
def test_bad_answer_is_explained_beside_its_question(client, app, field, value, message):
    data = form_data(valid_record(), csrf_token(client))
    data[field] = value
    response = client.post("/", data=data)
    assert response.status_code == 400
    assert message in question_block(response.get_data(as_text=True), field)
    assert case_count(app) == 0


def test_none_known_cannot_be_mixed_with_causes(client, app):
    response = submit(client, valid_record(triggers=["none_known", "injury"]))
    assert response.status_code == 400
    assert "please do not choose any other cause" in question_block(response.get_data(as_text=True), "triggers")
    assert case_count(app) == 0


def test_missing_csrf_token_stores_nothing(client, app):
    data = form_data(valid_record(), "")
    response = client.post("/", data=data)
    assert "/result/" not in response.headers.get("Location", "")
    assert case_count(app) == 0


def test_form_from_another_session_stores_nothing(app, client):
    stolen = csrf_token(app.test_client())
    response = submit(client, valid_record(), token=stolen)
    assert "/result/" not in response.headers.get("Location", "")
    assert case_count(app) == 0


def test_switching_language_keeps_answers_and_stores_nothing(client, app):
    page = client.get("/").get_data(as_text=True)
    data = step_data(page, {"chest_pain": "no", "fainted": "unsure"}, 0)
    data["switch_language"] = "es"
    response = client.post("/", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="es">' in page
    assert re.search(r'checked[^>]*name="chest_pain"[^>]*value="no"|name="chest_pain"[^>]*checked', page)
    assert re.search(r'id="fainted-2"[^>]*checked|checked id="fainted-2"', page)
    assert "Please answer this question." not in page and "Por favor, conteste" not in page
    assert case_count(app) == 0


@pytest.mark.sqlite_only
def test_the_early_stop_questions_are_the_first_step(client):
    from screening.triage.rules import EARLY_STOP_FLAGS

    page = client.get("/").get_data(as_text=True)
    asked = re.findall(r'<fieldset class="question[^"]*" id="q-([a-z_]+)"', page)
    assert asked == list(EARLY_STOP_FLAGS)
    assert page.count("data-early-stop") == 5
    assert "Step 1 of 6" in page


@pytest.mark.sqlite_only
def test_form_page_is_not_cached_and_cannot_be_framed(client):
    response = client.get("/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.sqlite_only
def test_session_cookie_is_http_only(client):
    response = client.get("/")
    cookie = response.headers.get("Set-Cookie", "")
    assert "session=" in cookie and "HttpOnly" in cookie


@pytest.mark.sqlite_only
def test_error_summary_links_every_problem_of_the_step(client):
    page = client.get("/").get_data(as_text=True)
    page = client.post("/", data=step_data(page, {}, 0)).get_data(as_text=True)
    page = client.post("/", data=step_data(page, {n: "no" for n in (
        "chest_pain", "short_of_breath", "fainted", "leg_cold_or_pale", "bladder_or_bowel_change")}, 0)).get_data(as_text=True)
    response = client.post("/", data=step_data(page, {"fever_or_chills": "no"}, 1))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    summary = page[page.index('class="error-summary"'):page.index('</div>', page.index('class="error-summary"'))]
    linked = re.findall(r'href="#q-([a-z_]+)"', summary)
    assert linked == ["one_leg_swollen", "redness_or_warmth", "numbness_or_tingling", "leg_weakness", "dark_urine"]
    assert "5 answers need another look" in summary
    for name in linked:
        assert f'id="q-{name}"' in page


def test_database_down_keeps_the_answers_and_logs_no_patient_data(tmp_path, caplog):
    from screening.app import create_app
    from screening.store import migrate
    from screening.web.state import state

    app = create_app(
        {"TESTING": True, "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/gone.db"},
        instance_path=str(tmp_path / "instance"),
    )
    migrate.upgrade(state(app).engine)
    client = app.test_client()
    token = csrf_token(client)
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()  # the database file is now unusable
    state(app).engine.dispose()
    response = client.post("/", data=form_data(valid_record(preferred_name="Zebulon Quill", notes="secret note"), token))
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "We could not save your answers" in page
    assert 'value="Zebulon Quill"' in page
    assert "could not store a case" in caplog.text
    assert "Zebulon" not in caplog.text and "secret note" not in caplog.text


def test_a_submission_logs_no_patient_data(client, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    response = submit(client, valid_record(preferred_name="Zebulon Quill", notes="private words"))
    client.get(response.headers["Location"])
    assert "Zebulon" not in caplog.text and "private words" not in caplog.text


# --- contract revision 5: fainting, and the pregnancy warning follow-up ---------------


@pytest.mark.sqlite_only
def test_fainting_is_asked_with_the_emergency_questions(client):
    page = client.get("/").get_data(as_text=True)
    positions = [page.index(f'id="q-{name}"') for name in ("short_of_breath", "fainted", "leg_cold_or_pale")]
    assert positions == sorted(positions)
    block = question_block(page, "fainted")
    assert "Have you fainted, or nearly fainted?" in block and "Since your leg started to hurt." in block


def test_fainted_yes_is_an_emergency(client, app):
    response = submit(client, valid_record(fainted="yes"))
    [stored] = all_cases(app)
    assert (stored.emergency, stored.rule_ids) == (True, ["fainting"])
    assert "Get emergency help now" in client.get(response.headers["Location"]).get_data(as_text=True)


def last_step(client, record):
    """The last step's page, reached step by step with these answers."""
    return send_in_steps(client, record, until=5)[-1].get_data(as_text=True)


@pytest.mark.sqlite_only
def test_pregnancy_warning_question_follows_the_pregnancy_answer_with_its_hint(client):
    page = last_step(client, valid_record(age_years=30))
    assert "Last questions" in page
    positions = [page.index(f'id="q-{name}"') for name in ("clot_risks", "pregnancy_warning_signs", "preferred_name")]
    assert positions == sorted(positions)
    assert 'value="pregnant_or_postpartum"' in question_block(page, "clot_risks")
    block = question_block(page, "pregnancy_warning_signs")
    assert 'data-asked-when="clot_risks" data-asked-value="pregnant_or_postpartum"' in block
    assert "Only if you are pregnant or had a baby in the last 6 weeks." in block
    assert "intake.js" in page


@pytest.mark.parametrize("age", [0, 9, 56, 87, 120])
def test_pregnancy_is_not_asked_outside_ages_10_to_55_and_recorded_no(client, app, age):
    page = last_step(client, valid_record(age_years=age))
    assert 'value="pregnant_or_postpartum"' not in page
    assert 'id="q-pregnancy_warning_signs"' not in page
    # Whatever is sent, the record says "no" to both.
    record = valid_record(age_years=age, pregnant_or_postpartum="yes", pregnancy_warning_signs="yes")
    assert submit(client, record).status_code == 303
    [stored] = all_cases(app)
    assert stored.record["pregnant_or_postpartum"] == "no" and stored.record["pregnancy_warning_signs"] == "no"
    assert stored.emergency is False


@pytest.mark.parametrize("age", [10, 33, 55])
def test_pregnancy_is_asked_from_10_to_55(client, app, age):
    assert 'value="pregnant_or_postpartum"' in last_step(client, valid_record(age_years=age))
    submit(client, valid_record(age_years=age, pregnant_or_postpartum="yes", pregnancy_warning_signs="no"))
    [stored] = all_cases(app)
    assert stored.record["pregnant_or_postpartum"] == "yes"


@pytest.mark.parametrize("pregnant", ["no", "bogus"])
@pytest.mark.parametrize("sent", ["yes", "unsure", "no", "bogus", None])
def test_pregnancy_warning_is_recorded_no_unless_pregnant(client, app, pregnant, sent):
    record = valid_record(pregnancy_warning_signs=sent)
    if sent is None:
        del record["pregnancy_warning_signs"]
    data = form_data(record, csrf_token(client))
    if pregnant == "bogus":
        data["clot_risks"] = ["bogus"]
    response = client.post("/", data=data)
    if pregnant == "bogus":
        # Only the clot risks list is refused; the follow-up is not asked.
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert form_errors_on(page) == ["clot_risks"]
        assert case_count(app) == 0
        return
    assert response.status_code == 303
    [stored] = all_cases(app)
    assert stored.record["pregnancy_warning_signs"] == "no"
    assert (stored.disposition, stored.emergency, stored.rule_ids) == ("self-care", False, [])


def form_errors_on(page):
    return re.findall(r'class="question invalid [^"]*" id="q-([a-z_]+)"', page)


def test_pregnant_patient_must_answer_the_warning_question(client, app):
    record = valid_record(pregnant_or_postpartum="yes")
    del record["pregnancy_warning_signs"]
    response = submit(client, record)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert form_errors_on(page) == ["pregnancy_warning_signs"]
    assert "Please answer this question." in question_block(page, "pregnancy_warning_signs")
    assert case_count(app) == 0


def test_pregnant_with_warning_signs_is_an_emergency(client, app):
    response = submit(client, valid_record(pregnant_or_postpartum="yes", pregnancy_warning_signs="yes"))
    assert response.status_code == 303
    [stored] = all_cases(app)
    assert stored.record["pregnancy_warning_signs"] == "yes"
    assert (stored.disposition, stored.emergency) == ("urgent", True)
    assert stored.rule_ids[0] == "pregnancy-warning"
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Get emergency help now" in text and "pre-eclampsia" in text


def test_pregnant_without_warning_signs_is_not_an_emergency(client, app):
    submit(client, valid_record(pregnant_or_postpartum="yes", pregnancy_warning_signs="no"))
    [stored] = all_cases(app)
    assert stored.emergency is False and "pregnancy-warning" not in stored.rule_ids


def test_a_follow_up_answer_is_kept_while_the_form_is_corrected(client, app):
    # No answer to the clot risks yet: the follow-up is not checked, and its answer stays on screen.
    data = form_data(valid_record(pregnancy_warning_signs="yes"), csrf_token(client))
    del data["clot_risks"]
    page = client.post("/", data=data).get_data(as_text=True)
    assert form_errors_on(page) == ["clot_risks"]
    assert re.search(r'checked[^>]*value="yes"', question_block(page, "pregnancy_warning_signs"))
    assert case_count(app) == 0
