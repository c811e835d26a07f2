"""The triage rules (contract section 2): vignettes, boundaries, order, safety."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.triage import contract
from screening.triage.rules import RULES, RULES_VERSION, TIERS, describe, triage
from screening.triage.validation import validate
from tests.helpers import VIGNETTES, VIGNETTE_IDS, valid_record
from tests.strategies import records

RANK = {"self-care": 0, "routine": 1, "urgent": 2}


def fired(**changes):
    return triage(validate(valid_record(**changes))).rule_ids


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_public_vignette(case):
    result = triage(validate(case["record"]))
    expected = case["expected"]
    assert result.disposition == expected["disposition"]
    assert result.emergency == expected["emergency"]
    assert set(result.rule_ids) == set(expected["rule_ids"])
    assert result.rule_ids == expected["rules_in_order"]


def test_contract_rule_ids_in_contract_order():
    assert [r.id for r in RULES] == [
        "chest-or-breathing", "cold-pale-leg", "bladder-bowel", "sudden-nerve-loss", "severe-infection",
        "possible-clot-or-infection", "fever", "nerve-symptoms", "cannot-bear-weight", "dark-urine",
        "sudden-severe", "very-severe-pain", "severe-after-injury", "severe-worsening",
        "possible-tendon-rupture", "possible-fracture", "clot-risk-high", "unsure-red-flag", "child-urgent",
        "worsening", "not-improving", "persistent", "severe-pain", "clot-risk", "under-16", "claudication",
        "restless-legs", "sciatica", "joint", "varicose-veins", "widespread-pain",
    ]
    assert [r.tier for r in RULES] == sorted((r.tier for r in RULES), key=TIERS.index)


def test_rules_listed_most_serious_first_then_table_order():
    result = triage(validate(valid_record(
        trend="worse", pain_score=9, onset="sudden", leg_weakness="yes", varicose_veins="yes", dark_urine="unsure",
    )))
    assert result.rule_ids == [
        "sudden-nerve-loss", "nerve-symptoms", "sudden-severe", "very-severe-pain", "severe-worsening",
        "unsure-red-flag", "worsening", "severe-pain", "varicose-veins",
    ]
    assert [r.tier for r in result.rules] == ["emergency"] + ["urgent"] * 5 + ["routine"] * 3


def test_self_care_has_no_rules():
    result = triage(validate(valid_record()))
    assert (result.disposition, result.emergency, result.rules) == ("self-care", False, ())


@pytest.mark.parametrize("pain,expected", [
    (6, []), (7, ["severe-pain"]), (8, ["severe-pain"]), (9, ["very-severe-pain", "severe-pain"]),
])
def test_pain_thresholds(pain, expected):
    assert fired(pain_score=pain) == expected


@pytest.mark.parametrize("changes,rule", [
    ({"onset": "sudden"}, "sudden-severe"),
    ({"triggers": ["injury"]}, "severe-after-injury"),
    ({"trend": "worse"}, "severe-worsening"),
])
def test_severe_pain_rules_start_at_seven(changes, rule):
    assert rule not in fired(pain_score=6, **changes)
    assert rule in fired(pain_score=7, **changes)


@pytest.mark.parametrize("age,expected", [
    (0, ["child-urgent", "under-16"]), (4, ["child-urgent", "under-16"]), (5, ["under-16"]),
    (15, ["under-16"]), (16, []), (120, []),
])
def test_age_thresholds(age, expected):
    assert fired(age_years=age) == expected


@pytest.mark.parametrize("location", ["hip_buttock", "knee"])
@pytest.mark.parametrize("age,urgent", [(15, True), (16, False)])
def test_child_hip_or_knee(location, age, urgent):
    assert ("child-urgent" in fired(age_years=age, locations=[location])) is urgent


@pytest.mark.parametrize("age,fracture", [(54, False), (55, True)])
def test_injury_fracture_age(age, fracture):
    assert ("possible-fracture" in fired(age_years=age, triggers=["injury"])) is fracture


def test_injury_to_hip_is_possible_fracture_at_any_age():
    assert "possible-fracture" in fired(age_years=30, triggers=["injury"], locations=["hip_buttock"])
    assert "possible-fracture" not in fired(age_years=30, triggers=["injury"], locations=["knee"])


@pytest.mark.parametrize("duration,same,persistent", [
    ("under_1_day", [], []),
    ("1_3_days", [], []),
    ("4_7_days", ["not-improving"], []),
    ("1_4_weeks", ["not-improving"], []),
    ("over_4_weeks", ["not-improving", "persistent"], ["persistent"]),
])
def test_durations(duration, same, persistent):
    assert fired(duration=duration, trend="same") == same
    assert fired(duration=duration, trend="better") == persistent


def _clot_risks(n):
    return {f: ("yes" if i < n else "no") for i, f in enumerate(contract.CLOT_RISK_FACTORS)}


@pytest.mark.parametrize("risks,sides,expected", [
    (0, "left", []), (0, "both", []),
    (1, "left", ["clot-risk-high"]), (1, "right", ["clot-risk-high"]), (1, "both", ["clot-risk"]),
    (2, "left", ["clot-risk-high"]), (2, "both", ["clot-risk-high"]),
])
def test_clot_risk_counts(risks, sides, expected):
    assert fired(sides=sides, **_clot_risks(risks)) == expected


@pytest.mark.parametrize("factor", contract.CLOT_RISK_FACTORS)
def test_each_clot_risk_factor_counts(factor):
    assert fired(sides="left", **{factor: "yes"}) == ["clot-risk-high"]


def test_travel_trigger_is_not_a_clot_risk():
    assert fired(sides="left", triggers=["long_sitting_or_travel"]) == []


@pytest.mark.parametrize("flag", contract.RED_FLAGS)
def test_each_unsure_red_flag_is_urgent_and_named(flag):
    result = triage(validate(valid_record(**{flag: "unsure"})))
    assert result.rule_ids == ["unsure-red-flag"]
    assert (result.disposition, result.emergency) == ("urgent", False)
    from screening.triage.rules import RED_FLAG_NAMES

    assert RED_FLAG_NAMES[flag]["en"] in result.rules[0].clinician_reason
    assert RED_FLAG_NAMES[flag]["en"] in result.rules[0].patient_reason
    spanish = triage(validate(valid_record(language="es", **{flag: "unsure"})))
    assert RED_FLAG_NAMES[flag]["es"] in spanish.rules[0].patient_reason


def test_unsure_reason_names_every_unsure_question():
    result = triage(validate(valid_record(chest_pain="unsure", dark_urine="unsure")))
    reason = result.rules[0].clinician_reason
    assert "chest pain" in reason and "dark urine" in reason


@pytest.mark.parametrize("flag,expected", [
    ("chest_pain", ["chest-or-breathing"]),
    ("short_of_breath", ["chest-or-breathing"]),
    ("leg_cold_or_pale", ["cold-pale-leg"]),
    ("bladder_or_bowel_change", ["bladder-bowel"]),
    ("one_leg_swollen", ["possible-clot-or-infection"]),
    ("redness_or_warmth", ["possible-clot-or-infection"]),
    ("fever_or_chills", ["fever"]),
    ("numbness_or_tingling", ["nerve-symptoms"]),
    ("leg_weakness", ["nerve-symptoms"]),
    ("cannot_bear_weight", ["cannot-bear-weight"]),
    ("dark_urine", ["dark-urine"]),
])
def test_each_red_flag_yes(flag, expected):
    assert fired(**{flag: "yes"}) == expected


@pytest.mark.parametrize("flag", ["leg_weakness", "numbness_or_tingling"])
def test_sudden_nerve_loss_needs_sudden_onset(flag):
    assert fired(onset="sudden", **{flag: "yes"}) == ["sudden-nerve-loss", "nerve-symptoms"]
    assert fired(onset="gradual", **{flag: "yes"}) == ["nerve-symptoms"]


def test_severe_infection_conditions():
    assert fired(fever_or_chills="yes", joint_pain_or_stiffness="yes") == ["severe-infection", "fever", "joint"]
    hot = {"fever_or_chills": "yes", "redness_or_warmth": "yes"}
    assert "severe-infection" not in fired(pain_score=6, **hot)
    assert "severe-infection" in fired(pain_score=7, **hot)
    assert "severe-infection" not in fired(redness_or_warmth="yes", joint_pain_or_stiffness="yes", pain_score=9)


def test_unsure_never_meets_a_yes_condition():
    assert fired(fever_or_chills="unsure", joint_pain_or_stiffness="yes") == ["unsure-red-flag", "joint"]
    assert fired(onset="sudden", leg_weakness="unsure") == ["unsure-red-flag"]


@pytest.mark.parametrize("location,rupture", [("calf", True), ("ankle_heel", True), ("shin", False)])
def test_possible_tendon_rupture(location, rupture):
    assert ("possible-tendon-rupture" in fired(triggers=["sudden_pain_during_activity"], locations=[location])) is rupture


@pytest.mark.parametrize("pattern,rule", [
    ("calf_pain_walking_relieved_by_rest", "claudication"), ("urge_to_move_legs", "restless-legs"),
    ("back_pain_radiating", "sciatica"), ("joint_pain_or_stiffness", "joint"),
    ("varicose_veins", "varicose-veins"), ("widespread_pain", "widespread-pain"),
])
def test_pattern_rules_are_routine(pattern, rule):
    result = triage(validate(valid_record(**{pattern: "yes"})))
    assert (result.rule_ids, result.disposition) == ([rule], "routine")


def test_muscle_cramps_alone_stay_self_care():
    assert fired(muscle_cramps="yes") == []


def test_rules_version_is_stamped_and_described():
    assert triage(validate(valid_record())).rules_version == RULES_VERSION
    table = describe()
    assert RULES_VERSION in table
    for rule in RULES:
        assert rule.id in table


def test_every_rule_has_both_languages():
    for rule in RULES:
        assert set(rule.patient) == set(contract.LANGUAGES)
        assert all(text.strip() for text in rule.patient.values())


# --- properties over generated records -----------------------------------------


@settings(max_examples=400, deadline=None)
@given(records())
def test_any_valid_record_triages_consistently(record):
    result = triage(validate(record))
    tiers = {r.tier for r in result.rules}
    assert result.emergency == ("emergency" in tiers)
    if tiers & {"emergency", "urgent"}:
        assert result.disposition == "urgent"
    elif tiers:
        assert result.disposition == "routine"
    else:
        assert result.disposition == "self-care" and result.rules == ()
    assert [TIERS.index(t.tier) for t in result.rules] == sorted(TIERS.index(t.tier) for t in result.rules)
    assert result.to_dict()["rules_version"] == RULES_VERSION


# Rules that may stop firing when an answer gets worse, and what takes over:
# a settled `unsure` fires the specific rule; a second clot risk turns the
# routine clot-risk into clot-risk-high.
GIVES_WAY_TO = {"unsure-red-flag": None, "clot-risk": "clot-risk-high"}


def _never_lower(before, after):
    assert RANK[after.disposition] >= RANK[before.disposition]
    assert after.emergency or not before.emergency
    for rule_id in set(before.rule_ids) - set(after.rule_ids):
        assert rule_id in GIVES_WAY_TO
        assert GIVES_WAY_TO[rule_id] is None or GIVES_WAY_TO[rule_id] in after.rule_ids


@settings(max_examples=300, deadline=None)
@given(records(), st.sampled_from(contract.RED_FLAGS), st.sampled_from(["yes", "unsure"]))
def test_raising_a_red_flag_never_lowers_the_disposition(record, flag, answer):
    low = dict(record, **{flag: "no"})
    _never_lower(triage(validate(low)), triage(validate(dict(low, **{flag: answer}))))


@settings(max_examples=200, deadline=None)
@given(records(), st.sampled_from(contract.RED_FLAGS))
def test_unsure_to_yes_never_lowers_the_disposition(record, flag):
    unsure = dict(record, **{flag: "unsure"})
    before, after = triage(validate(unsure)), triage(validate(dict(unsure, **{flag: "yes"})))
    assert before.disposition == after.disposition == "urgent"
    _never_lower(before, after)


@settings(max_examples=200, deadline=None)
@given(records(), st.sampled_from(contract.CLOT_RISK_FACTORS + contract.PATTERNS))
def test_a_risk_factor_or_pattern_never_lowers_the_disposition(record, field):
    low = dict(record, **{field: "no"})
    _never_lower(triage(validate(low)), triage(validate(dict(low, **{field: "yes"}))))


@settings(max_examples=200, deadline=None)
@given(records(), st.integers(0, 10))
def test_more_pain_never_lowers_the_disposition(record, extra):
    more = dict(record, pain_score=min(10, record["pain_score"] + extra))
    _never_lower(triage(validate(record)), triage(validate(more)))
