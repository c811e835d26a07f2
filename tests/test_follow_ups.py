"""The form's revision-7 follow-up questions, without scripting: asked on the
last step exactly when their answer can change the result, recorded as the
contract says, and forgotten when an earlier answer no longer calls for them."""
import pytest
from hypothesis import HealthCheck, given, settings

from screening.intake.forms import STEPS, form_values
from screening.triage import contract
from screening.triage.asking import asks
from screening.triage.validation import validate
from tests.helpers import all_cases, as_answered, case_count, form_record, send_in_steps, step_data, valid_record
from tests.strategies import near_patterns

LAST = len(STEPS) - 1
SHINS = dict(age_years=29, sides="both", locations=["shin"], onset="gradual", duration="1_4_weeks", trend="same",
             triggers=["new_or_intense_exercise"], pain_score=4)
CHILD = dict(age_years=7, locations=["knee"], sides="left")
OLDER_FALL = dict(age_years=72, triggers=["injury"], locations=["knee"], duration="4_7_days", trend="better")


def last_step(client, record):
    """The last step's page, reached step by step (without the follow-ups)."""
    return send_in_steps(client, record, until=LAST)[-1].get_data(as_text=True)


def send_last(client, record, follow_ups, answer_rest=True, **answers):
    """Reach the last step with these answers and send it, answering the
    follow-ups as given (and, with answer_rest, any other one asked as most do)."""
    page = last_step(client, record)
    values = {**form_values(as_answered(record) if answer_rest else record), **follow_ups, **answers}
    return client.post("/", data=step_data(page, values, LAST))


def shown(page, name):
    return f'id="q-{name}"' in page


@pytest.mark.sqlite_only
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(near_patterns())
def test_each_follow_up_is_on_the_last_step_exactly_when_it_is_asked(make_app, record):
    client = make_app(SCREENING_RATELIMIT_ENABLED=False).test_client()
    record = {k: v for k, v in record.items() if k not in contract.FOLLOW_UPS}
    record.update(chest_pain="no", short_of_breath="no", fainted="no", leg_cold_or_pale="no",
                  bladder_or_bowel_change="no")
    record = validate(record)
    page = last_step(client, record)
    no_clot_risk = dict(record, **{f: "no" for f in contract.CLOT_RISK_FACTORS})
    for name in contract.FOLLOW_UPS:
        # overuse_warning waits for "None of these" on its own page (intake.js);
        # every other follow-up's asking is known before the page.
        assert shown(page, name) == asks(name, no_clot_risk), name


@pytest.mark.sqlite_only
def test_a_typical_self_care_case_sees_no_follow_up(client):
    page = last_step(client, valid_record())
    assert not any(shown(page, name) for name in contract.FOLLOW_UPS)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("age,question,answer", [
    (7, "Is your child walking, running and playing as usual, with no limp?", "Can hardly walk, or needs carrying or help"),
    (72, "Since this happened, how are you walking?",
     "I can only shuffle, or I now need a frame or someone to help me"),
])
def test_walking_is_asked_of_a_parent_or_of_the_patient(client, age, question, answer):
    page = last_step(client, valid_record(**dict(OLDER_FALL, age_years=age)))
    assert question in page and answer in page
    assert "Not sure" not in page[page.index('id="q-walking"'):page.index('id="q-preferred_name"')]


def test_an_asked_follow_up_left_unanswered_is_asked_again_keeping_every_answer(client, app):
    response = send_last(client, valid_record(**OLDER_FALL), {}, answer_rest=False, preferred_name="Rosa")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="walking-error"' in page and "Please answer this question." in page
    assert 'value="Rosa"' in page
    assert case_count(app) == 0
    response = client.post("/", data=step_data(page, {**form_values(valid_record(**OLDER_FALL)), "walking": "normal",
                                                     "preferred_name": "Rosa"}, LAST))
    assert response.status_code == 303
    [case] = all_cases(app)
    assert case.record["walking"] == "normal" and case.record["preferred_name"] == "Rosa"
    assert "possible-fracture" not in case.rule_ids and "older-adult-fall" in case.rule_ids


@pytest.mark.parametrize("field,record,form_answer,recorded", [
    ("overuse_warning", SHINS, "unsure", "yes"),
    ("foot_wound", dict(locations=["foot"], triggers=["none_known"]), "unsure", "yes"),
    ("known_problem", dict(duration="over_4_weeks"), "unsure", "no"),
    ("known_problem", dict(duration="over_4_weeks"), "joint", "joint"),
    ("walking", CHILD, "limping", "limping"),
])
def test_each_answer_is_recorded_as_the_contract_says(client, app, field, record, form_answer, recorded):
    answers = {"clot_risks": ["none"]} if field == "overuse_warning" else {}
    assert send_last(client, valid_record(**record), {field: form_answer}, **answers).status_code == 303
    [case] = all_cases(app)
    assert case.record[field] == recorded


def test_follow_ups_not_asked_are_recorded_not_asked_whatever_is_sent(client, app):
    sent = {"walking": "needs_help", "overuse_warning": "yes", "known_problem": "joint", "foot_wound": "yes"}
    assert send_last(client, valid_record(), sent).status_code == 303
    [case] = all_cases(app)
    assert all(case.record[name] == "not_asked" for name in contract.FOLLOW_UPS)
    assert case.disposition == "self-care"


def test_overuse_warning_counts_only_with_no_clot_risk(client, app):
    page = last_step(client, valid_record(**SHINS))
    block = page[page.index('id="q-overuse_warning"'):page.index('id="q-known_problem"')]
    assert 'data-asked-when="clot_risks" data-asked-value="none"' in block
    assert "Only if you chose “None of these” in the list above." in block
    values = {**form_values(valid_record(**SHINS)), "known_problem": "no", "overuse_warning": "no",
              "clot_risks": ["long_travel"]}
    assert client.post("/", data=step_data(page, values, LAST)).status_code == 303
    [case] = all_cases(app)
    assert case.record["overuse_warning"] == "not_asked" and case.record["long_travel"] == "yes"


def test_a_child_who_cannot_take_four_steps_is_recorded_needs_help_unasked(client, app):
    record = valid_record(cannot_bear_weight="yes", **CHILD)
    assert not shown(last_step(client, record), "walking")
    assert send_last(client, record, {}).status_code == 303
    [case] = all_cases(app)
    assert case.record["walking"] == "needs_help"
    assert "child-urgent" in case.rule_ids


def test_changing_an_earlier_answer_forgets_a_follow_up_no_longer_asked(client, app):
    record = valid_record(**CHILD)
    page = last_step(client, record)
    # Answer the walking question, then go back to "About you" and change the age.
    values = {**form_values(record), "walking": "limping"}
    page = client.post("/", data=step_data(page, values, LAST, go="back")).get_data(as_text=True)
    page = client.post("/", data=step_data(page, {**values, "age_years": "30"}, LAST - 1)).get_data(as_text=True)
    assert not shown(page, "walking")
    # Back again, and a child once more: the question comes back empty.
    page = client.post("/", data=step_data(page, values, LAST, go="back")).get_data(as_text=True)
    page = client.post("/", data=step_data(page, {**values, "age_years": "8"}, LAST - 1)).get_data(as_text=True)
    block = page[page.index('id="q-walking"'):page.index('id="q-preferred_name"')]
    assert " checked" not in block


def test_the_stored_record_is_the_forms_record(client, app):
    record = valid_record(**OLDER_FALL)
    assert send_last(client, record, {"walking": "normal"}).status_code == 303
    [case] = all_cases(app)
    assert case.record == form_record(dict(record, walking="normal"))


@pytest.mark.sqlite_only
def test_spanish_follow_ups(client):
    record = valid_record(language="es", **dict(SHINS, locations=["shin", "foot"], triggers=["new_or_intense_exercise"],
                                                 duration="over_4_weeks"))
    page = send_in_steps(client, record, "/?lang=es", until=LAST)[-1].get_data(as_text=True)
    assert "¿Un médico o una enfermera ya le dijo qué problema es" in page
    assert "¿Tiene en el pie o en los dedos una herida" in page
    assert "Has a doctor" not in page and "Do you have a sore" not in page
