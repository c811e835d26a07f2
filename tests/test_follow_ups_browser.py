"""Revision 7's follow-up questions in a real browser at tablet size, by touch:
each appears exactly when its condition holds, in English and Spanish, and
a typical self-care case takes no more steps or taps than before."""
import pytest

from screening.intake.forms import STEPS, form_values
from screening.triage import contract
from tests.helpers import all_cases, valid_record
from tests.test_tablet import answer_by_touch, go, serious_problems, small_targets, tap

LAST = len(STEPS) - 1
SHINS = dict(age_years=29, sides="both", locations=["shin"], onset="gradual", duration="1_4_weeks", trend="better",
             triggers=["new_or_intense_exercise"], pain_score=4)
CHILD_KNEE = dict(age_years=7, sides="left", locations=["knee"], onset="gradual", duration="1_3_days",
                  triggers=["none_known"])
NUMB_FEET = dict(age_years=70, sides="both", locations=["foot"], numbness_or_tingling="yes", onset="gradual",
                 duration="over_4_weeks", trend="same", triggers=["none_known"])
WORDS = {
    "en": {"walking": "Is your child walking, running and playing as usual, with no limp?",
           "known_problem": "Has a doctor or nurse already told you what this problem is",
           "foot_wound": "Do you have a sore, cut or blister on your foot or toes"},
    "es": {"walking": "¿Su hijo o hija camina, corre y juega como siempre, sin cojear?",
           "known_problem": "¿Un médico o una enfermera ya le dijo qué problema es",
           "foot_wound": "¿Tiene en el pie o en los dedos una herida"},
}


def reach_last_step(page, server, record, language="en"):
    values = form_values(valid_record(**record))
    page.goto(f"{server}/?lang={language}")
    for index in range(LAST):
        answer_by_touch(page, index, values)
        go(page)
    return values


def visible_follow_ups(page):
    return [name for name in contract.FOLLOW_UPS if page.locator(f"#q-{name}").is_visible()]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["en", "es"])
def test_each_follow_up_appears_only_when_it_can_change_the_result(tablet, live_server, app, language):
    # A typical self-care case: none.
    reach_last_step(tablet, live_server, {}, language)
    assert visible_follow_ups(tablet) == []
    tap(tablet, "clot_risks", "none")
    assert visible_follow_ups(tablet) == []

    # A young child's knee: how they walk (asked of the parent).
    reach_last_step(tablet, live_server, CHILD_KNEE, language)
    assert visible_follow_ups(tablet) == ["walking"]
    assert WORDS[language]["walking"] in tablet.locator("#q-walking legend").inner_text()
    assert serious_problems(tablet) == [] and small_targets(tablet) == []

    # Numb feet for months: is there a foot wound, and is it a known problem.
    reach_last_step(tablet, live_server, NUMB_FEET, language)
    assert visible_follow_ups(tablet) == ["known_problem", "foot_wound"]
    assert WORDS[language]["foot_wound"] in tablet.locator("#q-foot_wound legend").inner_text()
    assert WORDS[language]["known_problem"] in tablet.locator("#q-known_problem legend").inner_text()

    # Shin pain from training: the overuse question waits for "no clot risk".
    reach_last_step(tablet, live_server, SHINS, language)
    warning = tablet.locator("#q-overuse_warning")
    assert warning.is_hidden()
    tap(tablet, "clot_risks", "long_travel")
    assert warning.is_hidden()
    tap(tablet, "clot_risks", "none")
    assert warning.is_visible() and tablet.locator("#overuse_warning-only-if").is_hidden()
    assert serious_problems(tablet) == [] and small_targets(tablet) == []
    tap(tablet, "overuse_warning", "unsure")
    go(tablet)
    [case] = all_cases(app)
    assert case.record["overuse_warning"] == "yes"  # "Not sure": a possible stress fracture is checked
    assert "overuse-warning" in case.rule_ids


@pytest.mark.sqlite_only
def test_a_child_answered_on_the_tablet_is_triaged_by_the_answer(tablet, live_server, app):
    values = reach_last_step(tablet, live_server, CHILD_KNEE)
    answer_by_touch(tablet, LAST, values)
    tap(tablet, "walking", "normal")
    go(tablet)
    tablet.goto(live_server + "/")
    reach_last_step(tablet, live_server, CHILD_KNEE)
    answer_by_touch(tablet, LAST, values)
    tap(tablet, "walking", "limping")
    go(tablet)
    walks, limps = all_cases(app)
    assert "child-urgent" not in walks.rule_ids and walks.disposition == "routine"  # under-16
    assert "child-urgent" in limps.rule_ids and limps.disposition == "urgent"


@pytest.mark.sqlite_only
def test_a_typical_self_care_case_takes_as_many_steps_and_taps_as_before(tablet, live_server, app):
    """Six pages and no follow-up: the taps are the answers, Next and Send only."""
    values = form_values(valid_record())
    tablet.goto(live_server + "/")
    pages = 0
    for index in range(len(STEPS)):
        assert visible_follow_ups(tablet) == []
        answer_by_touch(tablet, index, values)
        go(tablet)
        pages += 1
    assert pages == 6 and tablet.url.endswith("/result")
    [case] = all_cases(app)
    assert all(case.record[name] == "not_asked" for name in contract.FOLLOW_UPS)
