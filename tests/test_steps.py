"""The form in steps, and the early emergency stop, as a browser without
scripting sends them (each step a round trip; contract section 5)."""
import re

import pytest

from screening.intake.forms import STEPS, form_values
from screening.triage.rules import RULES_VERSION
from tests.helpers import (
    form_record,
    all_cases, case_count, csrf_token, form_data, send_in_steps, step_data, valid_record,
)

SAFE = {"chest_pain": "no", "short_of_breath": "no", "fainted": "no", "leg_cold_or_pale": "no",
        "bladder_or_bowel_change": "no"}


def first_page(client, path="/"):
    return client.get(path).get_data(as_text=True)


def checked(page, name, value):
    return re.search(rf'<input checked[^>]*name="{name}"[^>]*value="{value}"', page) is not None


def test_every_step_is_a_round_trip_and_only_send_stores(client, app):
    responses = send_in_steps(client, valid_record(preferred_name="Ana"))
    assert [r.status_code for r in responses] == [200] * 5 + [303]
    for number, response in enumerate(responses[:-1], start=2):
        page = response.get_data(as_text=True)
        assert f"Step {number} of 6" in page
        assert f'<progress class="progress" max="6" value="{number}"' in page
    [stored] = all_cases(app)
    assert stored.record == form_record(valid_record(preferred_name="Ana"))
    assert stored.early_stop is False
    assert "You can care for this at home" in client.get("/result").get_data(as_text=True)


def test_nothing_is_stored_before_the_last_step(client, app):
    responses = send_in_steps(client, valid_record(), until=5)
    assert all(r.status_code == 200 for r in responses)
    assert case_count(app) == 0
    assert "Send my answers" in responses[-1].get_data(as_text=True)


def test_the_steps_ask_every_question_of_the_record_once():
    asked = [name for step in STEPS for name in step.names]
    assert len(asked) == len(set(asked))
    every = valid_record(preferred_name="Ana", notes="x", walking="normal", overuse_warning="no",
                         known_problem="no", foot_wound="no")
    assert set(form_values(every)) - {"language"} == set(asked)


def test_back_keeps_every_answer_including_the_unfinished_step(client, app):
    values = form_values(valid_record())
    page = client.post("/", data=step_data(first_page(client), values, 0)).get_data(as_text=True)
    page = client.post("/", data=step_data(page, values, 1)).get_data(as_text=True)
    # On step 3, answer only the side, then go back twice.
    partial = {"sides": "right"}
    page = client.post("/", data=step_data(page, partial, 2, go="back")).get_data(as_text=True)
    assert "Step 2 of 6" in page and "Please answer" not in page
    assert checked(page, "dark_urine", values["dark_urine"])
    page = client.post("/", data=step_data(page, {n: values[n] for n in STEPS[1].names}, 1, go="back")).get_data(as_text=True)
    assert "Step 1 of 6" in page
    assert all(checked(page, name, values[name]) for name in STEPS[0].names)
    # Forward again: the side answered on step 3 is still chosen.
    page = client.post("/", data=step_data(page, values, 0)).get_data(as_text=True)
    page = client.post("/", data=step_data(page, values, 1)).get_data(as_text=True)
    assert "Step 3 of 6" in page and checked(page, "sides", "right")
    assert case_count(app) == 0


def test_a_step_with_a_missing_answer_stays_and_keeps_what_was_given(client, app):
    given = dict(SAFE)
    del given["fainted"]
    response = client.post("/", data=step_data(first_page(client), given, 0))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Step 1 of 6" in page
    assert re.findall(r'href="#q-([a-z_]+)"', page) == ["fainted"]
    assert checked(page, "chest_pain", "no")
    assert case_count(app) == 0


def test_carried_answers_are_signed_and_a_forged_field_carries_nothing(client, app):
    page = send_in_steps(client, valid_record(), until=5)[-1].get_data(as_text=True)
    data = step_data(page, form_values(valid_record()), 5)
    carried = data["answers"]
    data["answers"] = carried[:-3] + ("abc" if not carried.endswith("abc") else "xyz")
    response = client.post("/", data=data)
    # Nothing trusted from the forged field: back to the first step, with its questions unanswered.
    assert response.status_code == 400
    assert "Step 1 of 6" in response.get_data(as_text=True)
    assert case_count(app) == 0


# --- the early stop without scripting ---------------------------------------------


def stop_page(client, answers, path="/"):
    response = client.post("/", data=step_data(first_page(client, path), answers, 0))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_yes_on_step_one_asks_is_this_right_and_stores_nothing(client, app):
    page = stop_page(client, dict(SAFE, chest_pain="yes"))
    assert "Is this right?" in page
    assert re.search(r'<ul class="early-stop-answers"[^>]*>\s*<li>Do you have chest pain or a tight chest\?</li>', page)
    assert 'name="confirm" value="1"' in page
    assert case_count(app) == 0


def test_confirming_stores_an_early_stop_with_only_the_answers_given(client, app):
    page = stop_page(client, dict(SAFE, chest_pain="yes", fainted="unsure"))
    response = client.post("/", data=step_data(page, {}, 0, go="emergency") | {"confirm": "1"})
    assert response.status_code == 303 and response.headers["Location"] == "/result"
    [stored] = all_cases(app)
    assert stored.early_stop is True
    assert stored.record == dict(SAFE, chest_pain="yes", fainted="unsure", language="en")
    assert (stored.disposition, stored.emergency, stored.rule_ids) == ("urgent", True, ["chest-or-breathing"])
    assert stored.rules_version == RULES_VERSION
    page = client.get("/result").get_data(as_text=True)
    assert "Get emergency help now" in page and "Stay where you are." in page
    assert "blood clot has moved to the lungs" in page
    assert stored.reference in page


def test_no_changes_the_answer_and_asks_again(client, app):
    page = stop_page(client, dict(SAFE, leg_cold_or_pale="yes"))
    response = client.post("/", data=step_data(page, {}, 0, go="change") | {"confirm": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Step 1 of 6" in page
    assert not re.search(r'checked[^>]*name="leg_cold_or_pale"', page)
    assert checked(page, "chest_pain", "no")  # the other answers stay
    assert case_count(app) == 0


def test_the_scripted_check_sends_only_the_first_yes(client, app):
    # intake.js sends the step as it stands when "Yes, that is right" is tapped.
    response = client.post("/", data=step_data(first_page(client, "/?lang=es"), {"fainted": "yes"}, 0, go="emergency"))
    assert response.status_code == 303
    [stored] = all_cases(app)
    assert stored.record == {"language": "es", "fainted": "yes"}
    assert stored.rule_ids == ["fainting"] and stored.early_stop
    assert "Usted se desmayó" in client.get("/result").get_data(as_text=True)


def test_an_answer_not_valid_on_its_own_is_left_out_of_the_early_stop(client, app):
    data = step_data(first_page(client), {"bladder_or_bowel_change": "yes", "chest_pain": "maybe"}, 0, go="emergency")
    assert client.post("/", data=data).status_code == 303
    [stored] = all_cases(app)
    assert stored.record == {"language": "en", "bladder_or_bowel_change": "yes"}
    assert stored.rule_ids == ["bladder-bowel"]


def test_an_early_stop_after_going_back_keeps_the_later_answers_and_no_other_rule(client, app):
    # Steps 1 to 4 answered (with a swollen leg and a fever), then back to step 1 and chest pain "yes".
    record = valid_record(one_leg_swollen="yes", fever_or_chills="yes")
    page = send_in_steps(client, record, until=4)[-1].get_data(as_text=True)
    values = form_values(record)
    for index in (4, 3, 2, 1):
        # A browser sends the page's own answers as they stand (here: as given).
        page = client.post("/", data=step_data(page, values, index, go="back")).get_data(as_text=True)
    assert "Step 1 of 6" in page
    values = dict(values, chest_pain="yes")
    assert client.post("/", data=step_data(page, values, 0, go="emergency")).status_code == 303
    [stored] = all_cases(app)
    assert stored.record["chest_pain"] == "yes" and stored.record["fever_or_chills"] == "yes"
    assert stored.record["pain_score"] == record["pain_score"] and "previous_clot" not in stored.record
    # Never triaged beyond the four early-stop rules.
    assert stored.rule_ids == ["chest-or-breathing"]


def test_confirming_without_a_yes_goes_on_with_the_form(client, app):
    response = client.post("/", data=step_data(first_page(client), SAFE, 0, go="emergency"))
    assert response.status_code == 200 and "Step 1 of 6" in response.get_data(as_text=True)
    assert case_count(app) == 0


def test_an_expired_token_on_the_check_keeps_it_and_asks_to_tap_again(make_app):
    import time

    app = make_app(WTF_CSRF_TIME_LIMIT=1)
    client = app.test_client()
    page = stop_page(client, dict(SAFE, chest_pain="yes"))
    time.sleep(2)
    response = client.post("/", data=step_data(page, {}, 0, go="emergency") | {"confirm": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Is this right?" in page and "tap “Yes, that is right” again" in page
    assert case_count(app) == 0
    assert client.post("/", data=step_data(page, {}, 0, go="emergency") | {"confirm": "1"}).status_code == 303
    [stored] = all_cases(app)
    assert stored.early_stop and stored.record["chest_pain"] == "yes"


def test_an_early_stop_that_cannot_be_saved_still_says_get_help_now(tmp_path, caplog):
    from screening.app import create_app
    from screening.store import migrate
    from screening.web.state import state

    app = create_app({"TESTING": True, "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/gone.db"},
                     instance_path=str(tmp_path / "instance"))
    migrate.upgrade(state(app).engine)  # as `flask screening db upgrade` does
    client = app.test_client()
    page = first_page(client)
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()
    state(app).engine.dispose()
    response = client.post("/", data=step_data(page, {"chest_pain": "yes"}, 0, go="emergency"))
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Get emergency help now" in text and "We could not save your answers" in text


@pytest.mark.parametrize("language, words", [("en", "Step 2 of 6"), ("es", "Paso 2 de 6")])
def test_steps_speak_the_patients_language_and_store_it(client, app, language, words):
    responses = send_in_steps(client, valid_record(), path=f"/?lang={language}")
    assert words in responses[0].get_data(as_text=True)
    [stored] = all_cases(app)
    assert stored.language == language


def test_the_whole_form_at_once_is_still_checked_whole(client, app):
    # A page from before the steps (no step field) sends everything at once.
    response = client.post("/", data=form_data(valid_record(), csrf_token(client)))
    assert response.status_code == 303
    assert all_cases(app)[0].early_stop is False


def test_four_steps_is_asked_in_positive_words_and_recorded_as_the_opposite(client, app):
    page = send_in_steps(client, valid_record(), until=2)[-1].get_data(as_text=True)
    assert "Can you take four steps on this leg?" in page and "unable" not in page
    for said, recorded in (("yes", "no"), ("no", "yes"), ("unsure", "unsure")):
        data = form_data(valid_record(), csrf_token(client))
        data["four_steps"] = said
        assert client.post("/", data=data).status_code == 303
        assert all_cases(app)[-1].record["cannot_bear_weight"] == recorded


def test_none_of_these_records_no_to_each_item_and_must_stand_alone(client, app):
    data = form_data(valid_record(), csrf_token(client))
    assert data["clot_risks"] == ["none"] and data["patterns"] == ["none"]
    data["patterns"] = ["none", "muscle_cramps"]
    page = client.post("/", data=data).get_data(as_text=True)
    assert "If you choose “None of these”, please do not choose anything else." in page
    data["patterns"] = ["muscle_cramps", "varicose_veins"]
    assert client.post("/", data=data).status_code == 303
    record = all_cases(app)[0].record
    assert (record["muscle_cramps"], record["varicose_veins"], record["widespread_pain"]) == ("yes", "yes", "no")



def test_the_check_changes_language_and_keeps_the_answers(client, app):
    page = stop_page(client, dict(SAFE, fainted="yes"))
    data = step_data(page, {}, 0) | {"confirm": "1", "switch_language": "es"}
    page = client.post("/", data=data).get_data(as_text=True)
    assert "¿Es correcto?" in page and "¿Se desmayó o casi se desmaya?" in page
    assert client.post("/", data=step_data(page, {}, 0, go="emergency") | {"confirm": "1"}).status_code == 303
    [stored] = all_cases(app)
    assert stored.record == dict(SAFE, fainted="yes", language="es") and stored.rule_ids == ["fainting"]
