"""Contract revision 7: the follow-up questions, the new rules and the narrowed ones.

The boundary cases are written from the contract's tables (contract-rev7.md,
section 2); the properties are the revision's own safety promises.
"""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.triage import contract
from screening.triage.asking import asks, unasked_value, was_answered
from screening.triage.rules import triage
from screening.triage.validation import InvalidRecord, validate
from tests.helpers import valid_record
from tests.strategies import records

RANK = {"self-care": 0, "routine": 1, "urgent": 2}
NO_FLAGS = {f: "no" for f in contract.RED_FLAGS}


def result(**changes):
    return triage(validate(valid_record(**changes)))


def fired(**changes):
    return result(**changes).rule_ids


def level(res):
    return (RANK[res.disposition], res.emergency)


# --- the record -------------------------------------------------------------


def test_follow_ups_are_optional_and_absent_means_not_asked():
    record = validate(valid_record())
    assert all(record[f] == contract.NOT_ASKED for f in contract.FOLLOW_UPS)


@pytest.mark.parametrize("field", contract.FOLLOW_UPS)
def test_a_follow_up_null_is_refused_naming_it(field):
    with pytest.raises(InvalidRecord) as refused:
        validate(valid_record(**{field: None}))
    assert [p.field for p in refused.value.problems] == [field]


@pytest.mark.parametrize("field", contract.FOLLOW_UPS)
def test_a_follow_up_unknown_value_is_refused_listing_the_allowed(field):
    with pytest.raises(InvalidRecord) as refused:
        validate(valid_record(**{field: "maybe"}))
    (problem,) = refused.value.problems
    assert problem.field == field
    assert all(value in problem.message for value in contract.FIELDS[field].choices)


# --- the new rules --------------------------------------------------------------

FALL = dict(triggers=["injury"], locations=["hip_buttock"], onset="sudden", duration="under_1_day", pain_score=6)


@pytest.mark.parametrize("age,walking,emergency", [
    (84, "needs_help", True),   # the fourth panel's case: shuffling with a frame
    (60, "needs_help", True),
    (59, "needs_help", False),  # urgent through possible-fracture instead
    (84, "limping", False),
    (84, "normal", False),
    (84, "not_asked", False),
])
def test_possible_hip_fracture(age, walking, emergency):
    res = result(age_years=age, walking=walking, **FALL)
    assert ("possible-hip-fracture" in res.rule_ids) == emergency
    assert res.emergency == emergency
    assert res.disposition == "urgent"  # possible-fracture: any injury to the hip


def test_possible_hip_fracture_when_four_steps_are_impossible():
    res = result(age_years=70, cannot_bear_weight="yes", **FALL)
    assert res.rule_ids[0] == "possible-hip-fracture" and res.emergency


@pytest.mark.parametrize("changes", [
    dict(triggers=["sudden_pain_during_activity"]),  # not an injury
    dict(locations=["thigh_front"]),  # not the hip
])
def test_possible_hip_fracture_needs_an_injury_to_the_hip(changes):
    assert "possible-hip-fracture" not in fired(age_years=84, walking="needs_help", **dict(FALL, **changes))


@pytest.mark.parametrize("value,rule", [("yes", True), ("no", False), ("not_asked", False)])
def test_foot_wound_is_urgent(value, rule):
    res = result(foot_wound=value)
    assert ("foot-wound" in res.rule_ids) == rule
    assert (res.disposition == "urgent") == rule


@pytest.mark.parametrize("age,fall", [(54, False), (55, True), (90, True)])
def test_older_adult_fall(age, fall):
    assert ("older-adult-fall" in fired(age_years=age, triggers=["injury"])) == fall


@pytest.mark.parametrize("value,rule", [("yes", True), ("no", False), ("not_asked", False)])
def test_overuse_warning_is_routine(value, rule):
    assert ("overuse-warning" in fired(overuse_warning=value)) == rule


# --- possible-fracture: a settling injury at 55 or over -----------------------

KNOCK = dict(age_years=67, triggers=["injury"], locations=["knee"], onset="sudden", pain_score=3)


@pytest.mark.parametrize("duration,trend,walking,four_steps,fracture", [
    ("4_7_days", "better", "normal", "no", False),
    ("over_4_weeks", "better", "normal", "no", False),
    ("1_3_days", "better", "normal", "no", True),  # still an acute injury: Ottawa rules apply
    ("4_7_days", "same", "normal", "no", True),
    ("4_7_days", "better", "limping", "no", True),
    ("4_7_days", "better", "not_asked", "no", True),
])
def test_possible_fracture_spares_only_a_settling_injury(duration, trend, walking, four_steps, fracture):
    ids = fired(duration=duration, trend=trend, walking=walking, cannot_bear_weight=four_steps, **KNOCK)
    assert ("possible-fracture" in ids) == fracture
    assert "older-adult-fall" in ids


def test_unsure_about_four_steps_is_urgent_through_its_own_rule():
    # "not yes" is met by unsure (contract section 2), so the injury counts as
    # settling; the unsure answer itself keeps the case urgent.
    res = result(duration="4_7_days", trend="better", walking="normal", cannot_bear_weight="unsure", **KNOCK)
    assert res.disposition == "urgent" and "unsure-red-flag" in res.rule_ids


def test_a_settling_injury_to_the_hip_is_still_a_possible_fracture():
    ids = fired(**dict(KNOCK, locations=["hip_buttock"], duration="1_4_weeks", trend="better", walking="normal"))
    assert "possible-fracture" in ids


# --- children -------------------------------------------------------------------

CHILD_KNEE = dict(locations=["knee"], onset="gradual", duration="1_3_days", triggers=["none_known"])


@pytest.mark.parametrize("age,walking,triggers,urgent", [
    (8, "normal", ["none_known"], False),
    (8, "limping", ["none_known"], True),
    (8, "not_asked", ["none_known"], True),  # an API client that did not ask: as before
    (8, "normal", ["injury"], True),
    (8, "normal", ["sudden_pain_during_activity"], True),
    (9, "normal", ["none_known"], True),  # a slipped hip growth plate shows as knee pain
    (15, "normal", ["none_known"], True),
    (4, "normal", ["none_known"], True),  # under 5: always
])
def test_child_knee(age, walking, triggers, urgent):
    ids = fired(age_years=age, walking=walking, **dict(CHILD_KNEE, triggers=triggers))
    assert ("child-urgent" in ids) == urgent


def test_child_knee_under_9_who_cannot_take_four_steps():
    assert "child-urgent" in fired(age_years=7, walking="needs_help", cannot_bear_weight="yes", **CHILD_KNEE)


@pytest.mark.parametrize("walking,urgent", [("limping", True), ("needs_help", True), ("normal", False)])
def test_any_limp_under_16_is_urgent(walking, urgent):
    ids = fired(age_years=14, walking=walking, locations=["shin"])
    assert ("child-urgent" in ids) == urgent
    assert "under-16" in ids


GROWING = dict(age_years=7, sides="both", onset="gradual", duration="over_4_weeks", trend="same",
               triggers=["none_known"], locations=["calf", "shin"], walking="normal", pain_score=4)


def test_growing_pains_are_self_care():
    res = result(**GROWING)
    assert (res.disposition, res.rule_ids) == ("self-care", [])


@pytest.mark.parametrize("changes,rule", [
    (dict(age_years=4), "child-urgent"),
    (dict(age_years=13), "under-16"),
    (dict(sides="left"), "under-16"),  # one leg: not growing pains
    (dict(walking="limping"), "child-urgent"),
    (dict(walking="not_asked"), "under-16"),
    (dict(trend="worse"), "worsening"),
    (dict(joint_pain_or_stiffness="yes"), "joint"),
    (dict(locations=["calf", "ankle_heel"]), "under-16"),
    (dict(triggers=["injury"]), "under-16"),
    (dict(onset="sudden"), "under-16"),
])
def test_outside_the_growing_pains_pattern(changes, rule):
    assert rule in fired(**dict(GROWING, **changes))


# --- typical overuse --------------------------------------------------------------

SHINS = dict(age_years=29, sides="both", locations=["shin"], onset="gradual", duration="1_4_weeks", trend="same",
             triggers=["new_or_intense_exercise"], pain_score=4)


@pytest.mark.parametrize("warning,rules", [
    ("no", []),
    ("yes", ["overuse-warning", "not-improving"]),
    ("not_asked", ["not-improving"]),
])
def test_typical_overuse(warning, rules):
    assert sorted(fired(overuse_warning=warning, **SHINS)) == sorted(rules)


@pytest.mark.parametrize("changes", [
    dict(trend="worse"),
    dict(duration="over_4_weeks"),
    dict(locations=["shin", "calf"]),
    dict(onset="sudden"),
    dict(recent_surgery_or_immobilised="yes"),
    dict(triggers=["new_or_intense_exercise", "injury"]),
])
def test_not_typical_overuse(changes):
    res = result(overuse_warning="no", **dict(SHINS, **changes))
    assert res.disposition != "self-care"


def test_standing_heel_pain_one_foot_is_the_load_pattern():
    heel = dict(SHINS, sides="right", locations=["ankle_heel"], triggers=["long_standing"])
    assert fired(overuse_warning="no", **heel) == []
    both_feet = dict(heel, sides="both")
    assert "not-improving" in fired(overuse_warning="no", **both_feet)


def test_typical_overuse_spares_the_joint_rule():
    knee = dict(SHINS, locations=["knee"], joint_pain_or_stiffness="yes")
    assert fired(overuse_warning="no", **knee) == []
    assert "joint" in fired(overuse_warning="not_asked", **knee)


# --- known problems -----------------------------------------------------------------

GOUT = dict(age_years=58, sides="right", locations=["foot"], onset="sudden", duration="1_3_days", trend="same",
            triggers=["none_known"], redness_or_warmth="yes", joint_pain_or_stiffness="yes", pain_score=8,
            known_problem="joint")


def test_known_gout_flare_is_routine():
    res = result(**GOUT)
    assert res.disposition == "routine"
    assert "known-joint-flare" in res.rule_ids
    assert not {"possible-clot-or-infection", "sudden-severe", "joint"} & set(res.rule_ids)
    assert "severe-pain" in res.rule_ids


@pytest.mark.parametrize("changes", [
    dict(known_problem="other"),
    dict(known_problem="no"),
    dict(known_problem="not_asked"),
    dict(trend="worse"),
    dict(fever_or_chills="unsure"),
    dict(one_leg_swollen="yes"),
    dict(locations=["foot", "knee"]),
    dict(previous_clot="yes"),
    dict(triggers=["injury"]),
])
def test_anything_else_about_a_hot_joint_stays_urgent(changes):
    res = result(**dict(GOUT, **changes))
    assert res.disposition == "urgent"
    assert "known-joint-flare" not in res.rule_ids


def test_fever_with_a_known_flare_is_an_emergency():
    res = result(**dict(GOUT, fever_or_chills="yes"))
    assert res.emergency and "severe-infection" in res.rule_ids


@pytest.mark.parametrize("known,trend,rules", [
    ("other", "same", []),
    ("joint", "same", []),
    ("no", "same", ["not-improving", "persistent"]),
    ("not_asked", "same", ["not-improving", "persistent"]),
    ("other", "worse", ["worsening", "persistent"]),
])
def test_a_known_problem_as_before(known, trend, rules):
    ids = fired(duration="over_4_weeks", trend=trend, known_problem=known, triggers=["none_known"])
    assert sorted(ids) == sorted(rules)


def test_known_arthritis_spares_the_joint_rule_but_other_does_not():
    knee = dict(locations=["knee"], joint_pain_or_stiffness="yes", duration="1_4_weeks", trend="better",
                triggers=["none_known"])
    assert fired(known_problem="joint", **knee) == []
    assert fired(known_problem="other", **knee) == ["joint"]


# --- swelling, numbness, sprains, pregnancy ----------------------------------------------

VEINS = dict(age_years=66, sides="left", locations=["calf"], one_leg_swollen="yes", varicose_veins="yes",
             duration="over_4_weeks", onset="gradual", trend="same", triggers=["none_known"], known_problem="no")


def test_long_standing_venous_swelling_is_routine():
    res = result(**VEINS)
    assert res.disposition == "routine"
    assert "long-standing-swelling" in res.rule_ids and "possible-clot-or-infection" not in res.rule_ids


@pytest.mark.parametrize("changes", [
    dict(trend="worse"), dict(duration="1_4_weeks"), dict(onset="sudden"), dict(varicose_veins="no"),
    dict(active_cancer="yes"), dict(fever_or_chills="yes"),
])
def test_other_one_sided_swelling_stays_urgent(changes):
    res = result(**dict(VEINS, **changes))
    assert res.disposition == "urgent" and "possible-clot-or-infection" in res.rule_ids


NUMB = dict(age_years=71, sides="both", locations=["foot"], numbness_or_tingling="yes", onset="gradual",
            duration="over_4_weeks", trend="same", triggers=["none_known"], known_problem="no", foot_wound="no")


def test_long_standing_numbness_is_routine():
    res = result(**NUMB)
    assert res.disposition == "routine"
    assert "long-standing-numbness" in res.rule_ids and "nerve-symptoms" not in res.rule_ids


@pytest.mark.parametrize("changes,rule", [
    (dict(foot_wound="yes"), "foot-wound"),
    (dict(foot_wound="not_asked"), "nerve-symptoms"),
    (dict(leg_weakness="unsure"), "nerve-symptoms"),
    (dict(sides="left"), "nerve-symptoms"),
    (dict(back_pain_radiating="yes"), "nerve-symptoms"),
    (dict(active_cancer="yes"), "nerve-symptoms"),
    (dict(duration="1_4_weeks"), "nerve-symptoms"),  # Guillain-Barre peaks within 4 weeks
])
def test_other_numbness_stays_urgent(changes, rule):
    res = result(**dict(NUMB, **changes))
    assert res.disposition == "urgent" and rule in res.rule_ids


SPRAIN = dict(age_years=24, sides="right", locations=["ankle_heel"], triggers=["injury"], onset="sudden",
              duration="1_3_days", trend="same", joint_pain_or_stiffness="yes", pain_score=5)


@pytest.mark.parametrize("changes,joint", [
    ({}, False),
    (dict(trend="worse"), True),
    (dict(duration="over_4_weeks"), True),
    (dict(locations=["ankle_heel", "calf"]), True),
    (dict(triggers=["none_known"]), True),
])
def test_a_recent_ankle_sprain_is_not_the_joint_rule(changes, joint):
    assert ("joint" in fired(**dict(SPRAIN, **changes))) == joint


CRAMPS = dict(age_years=31, sides="both", locations=["calf"], pregnant_or_postpartum="yes", muscle_cramps="yes",
              duration="1_4_weeks", trend="same", onset="sudden", triggers=["none_known"], pain_score=4)


def test_pregnancy_night_cramps_keep_only_the_clot_risk():
    assert fired(**CRAMPS) == ["clot-risk"]


@pytest.mark.parametrize("changes,rule", [
    (dict(sides="left"), "clot-risk-high"),
    (dict(long_travel="yes"), "clot-risk-high"),
    (dict(trend="worse"), "worsening"),
    (dict(locations=["calf", "knee"]), "not-improving"),
    (dict(muscle_cramps="no"), "not-improving"),
])
def test_outside_pregnancy_cramps(changes, rule):
    assert rule in fired(**dict(CRAMPS, **changes))


# --- when the form asks ---------------------------------------------------------------


@pytest.mark.parametrize("changes,asked", [
    (dict(age_years=15), True),
    (dict(age_years=16), False),
    (dict(age_years=55, triggers=["injury"]), True),
    (dict(age_years=54, triggers=["injury"]), False),
    (dict(age_years=70, triggers=["sudden_pain_during_activity"]), False),
    (dict(age_years=70, triggers=["injury"], cannot_bear_weight="yes"), False),
    (dict(age_years=70, triggers=["injury"], cannot_bear_weight="unsure"), True),
])
def test_when_walking_is_asked(changes, asked):
    assert asks("walking", valid_record(**changes)) == asked


def test_walking_is_recorded_needs_help_when_four_steps_are_impossible():
    record = valid_record(age_years=8, cannot_bear_weight="yes")
    assert not asks("walking", record) and unasked_value("walking", record) == "needs_help"
    assert unasked_value("walking", valid_record(age_years=30)) == "not_asked"


@pytest.mark.parametrize("changes,asked", [
    (dict(SHINS), True),
    (dict(SHINS, duration="1_3_days"), False),
    (dict(SHINS, duration="over_4_weeks"), False),
    (dict(SHINS, trend="worse"), False),
    (dict(SHINS, triggers=["none_known"]), False),
    (dict(SHINS, locations=["thigh_back"]), False),
])
def test_when_overuse_warning_is_asked(changes, asked):
    assert asks("overuse_warning", valid_record(**changes)) == asked


@pytest.mark.parametrize("changes,asked", [
    (dict(joint_pain_or_stiffness="yes"), True),
    (dict(redness_or_warmth="yes", locations=["foot"]), True),
    (dict(redness_or_warmth="yes", locations=["foot", "shin"]), False),
    (dict(duration="over_4_weeks", trend="better"), True),
    (dict(trend="same", duration="4_7_days"), True),
    (dict(trend="same", duration="1_3_days"), False),
    (dict(trend="better", duration="1_4_weeks"), False),
])
def test_when_known_problem_is_asked(changes, asked):
    assert asks("known_problem", valid_record(**changes)) == asked


@pytest.mark.parametrize("changes,asked", [
    (dict(numbness_or_tingling="yes"), True),
    (dict(calf_pain_walking_relieved_by_rest="yes"), True),
    (dict(locations=["ankle_heel"], triggers=["none_known"]), True),
    (dict(locations=["foot"], triggers=["injury"]), False),
    (dict(locations=["foot"], triggers=["long_standing", "sudden_pain_during_activity"]), False),
    (dict(locations=["shin"], triggers=["none_known"]), False),
])
def test_when_foot_wound_is_asked(changes, asked):
    assert asks("foot_wound", valid_record(**changes)) == asked


def test_pregnancy_unasked_at_62_reads_not_asked_but_a_yes_is_an_answer():
    man = validate(valid_record(age_years=62))
    assert not was_answered("pregnant_or_postpartum", man)
    assert not was_answered("pregnancy_warning_signs", man)
    assert was_answered("pregnant_or_postpartum", dict(man, pregnant_or_postpartum="yes"))
    assert not was_answered("walking", man)
    assert was_answered("walking", dict(man, walking="needs_help"))
    assert not was_answered("walking", {"age_years": 30})  # an early stop's partial record


# --- the revision's safety properties ----------------------------------------------------


def _not_lower(before, after):
    assert RANK[after.disposition] >= RANK[before.disposition], (before.rule_ids, after.rule_ids)
    assert after.emergency >= before.emergency, (before.rule_ids, after.rule_ids)


@settings(max_examples=600, deadline=None)
@given(records(), st.sampled_from(contract.FOLLOW_UPS), st.data())
def test_a_follow_up_the_form_would_not_ask_never_lowers_the_result(record, field, data):
    record = validate(record)
    if asks(field, record):
        return
    as_the_form_records = triage(dict(record, **{field: unasked_value(field, record)}))
    value = data.draw(st.sampled_from(contract.FIELDS[field].choices))
    _not_lower(as_the_form_records, triage(dict(record, **{field: value})))


@settings(max_examples=300, deadline=None)
@given(records(), st.sampled_from(contract.FOLLOW_UPS))
def test_not_asked_or_absent_never_changes_the_result(record, field):
    record.pop(field, None)
    absent = triage(validate(record))
    not_asked = triage(validate(dict(record, **{field: "not_asked"})))
    assert absent == not_asked


@settings(max_examples=400, deadline=None)
@given(records(), st.sampled_from(["foot_wound", "overuse_warning"]))
def test_a_yes_to_the_raising_follow_ups_never_lowers_the_result(record, field):
    record = validate(record)
    _not_lower(triage(record), triage(dict(record, **{field: "yes"})))


@settings(max_examples=400, deadline=None)
@given(records(), st.data())
def test_a_lowering_answer_counts_only_where_the_form_asks(record, data):
    """Each follow-up value that lowers the result against not_asked does so
    only on records where the form asks that question."""
    record = validate(record)
    field = data.draw(st.sampled_from(contract.FOLLOW_UPS))
    value = data.draw(st.sampled_from(contract.FIELDS[field].choices))
    before = triage(dict(record, **{field: "not_asked"}))
    after = triage(dict(record, **{field: value}))
    if level(after) < level(before):
        assert asks(field, record)


@pytest.mark.parametrize("field", contract.FOLLOW_UPS)
def test_rules_table_names_when_each_follow_up_is_asked(field):
    from screening.triage.rules import describe

    assert f"{field}: " in describe()
