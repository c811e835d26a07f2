"""The handout's section chooser against the contract, section 3.

The expectations are restated here from the contract's text (patterns, filters,
which steps each filter forbids), not read from screening/handout_sections.py,
so a wrong tag or pattern there makes these tests fail.
"""
import pytest

from screening.handout.sections import choose_sections
from screening.triage.rules import triage
from tests.helpers import VIGNETTES, vignette
from tests.handout_helpers import all_vignette_records, calm_record, plan_for, with_language

# Which steps each pattern adds (contract, section 3), before filters.
PATTERN_STEPS = {
    "exercise-soreness": {"rest", "gentle_stretching", "foam_rolling", "warm_bath",  # the bath offers Epsom salts
                          "pain_relief_gel", "active_recovery", "warm_up_cool_down", "ten_percent_rule"},
    "overuse": {"relative_rest", "ice", "ten_percent_rule", "footwear", "warm_up_cool_down"},
    "strain": {"rice", "rest", "ice", "compression_bandage", "elevation"},
    "cramps": {"fluids_electrolytes", "calf_stretch"},
    "standing-sitting": {"movement_breaks", "elevation", "compression_socks", "footwear", "anti_fatigue_mat"},
    "general-comfort": {"rest", "gentle_movement", "sleep", "water"},
}
STRAIN_LATER = {"gentle_stretching"}

# What each filter forbids, written out step by step for review.
HEAT = {"warm_bath", "warm_bath_plain"}
COMPRESSION = {"compression_bandage", "compression_socks", "rice"}
STRETCHING = {"gentle_stretching", "calf_stretch"}
FORBIDDEN = {
    "clot_risk": {"foam_rolling"} | HEAT | COMPRESSION,
    "fresh_injury": HEAT | STRETCHING,
    "claudication": {"ice", "elevation", "rice"} | HEAT | COMPRESSION,
    "under_16": {"pain_relief_gel", "warm_bath"},  # the gel and the bath with Epsom salts
    "pregnancy": {"pain_relief_gel"},
}
# What a removed step gives way to, if the filters allow it.
FALLBACK = {"pain_relief_gel": "menthol_gel", "warm_bath": "warm_bath_plain"}
ALL_RELIEF = set().union(*PATTERN_STEPS.values()) | set(FALLBACK.values())


def expected_patterns(r):
    t = set(r["triggers"])
    overuse = ("new_or_intense_exercise" in t and r["onset"] == "gradual"
               and bool({"shin", "knee", "ankle_heel"} & set(r["locations"])))
    found = []
    if "new_or_intense_exercise" in t and not overuse:
        found.append("exercise-soreness")
    if overuse:
        found.append("overuse")
    if t & {"injury", "sudden_pain_during_activity"}:
        found.append("strain")
    if "hot_weather_or_little_fluid" in t or r["muscle_cramps"] == "yes":
        found.append("cramps")
    if t & {"long_standing", "long_sitting_or_travel"}:
        found.append("standing-sitting")
    return found or ["general-comfort"]


def expected_filters(r):
    risks = sum(r[f] == "yes" for f in ("recent_surgery_or_immobilised", "active_cancer", "previous_clot",
                                        "pregnant_or_postpartum", "long_travel"))
    injured = bool(set(r["triggers"]) & {"injury", "sudden_pain_during_activity"})
    return {
        name
        for name, applies in (
            ("clot_risk", risks >= 1),
            ("fresh_injury", injured and r["duration"] in ("under_1_day", "1_3_days")),
            ("claudication", r["calf_pain_walking_relieved_by_rest"] == "yes"),
            ("under_16", r["age_years"] < 16),
            ("pregnancy", r["pregnant_or_postpartum"] == "yes"),
        )
        if applies
    }


def expected_relief(r):
    wanted = set()
    for pattern in expected_patterns(r):
        wanted |= PATTERN_STEPS[pattern]
        if pattern == "strain" and r["duration"] in ("4_7_days", "1_4_weeks", "over_4_weeks"):
            wanted |= STRAIN_LATER
    forbidden = set().union(*(FORBIDDEN[f] for f in expected_filters(r)))
    for step, fallback in FALLBACK.items():
        if step in wanted and step in forbidden:
            wanted.add(fallback)  # e.g. the menthol gel may stay (pregnancy, under 16)
    return wanted - forbidden


@pytest.mark.parametrize("name, record", list(all_vignette_records()))
def test_every_vignette_gets_the_sections_of_its_disposition(name, record):
    result = triage(record)
    plan = choose_sections(record, result)
    expected = next(v["expected"] for v in VIGNETTES if name.startswith(v["name"] + "-"))
    assert (plan.disposition, plan.emergency) == (expected["disposition"], expected["emergency"])
    assert plan.language == record["language"]
    assert plan.reasons == tuple(dict.fromkeys(r.patient_reason for r in result.rules))
    if plan.emergency:
        # Bare: what to do now and why, nothing else.
        assert (plan.now, plan.relief, plan.prevention, plan.warning_signs, plan.come_back) == (
            "emergency", (), (), False, False)
        assert plan.reasons
    elif plan.disposition == "urgent":
        assert (plan.now, plan.relief, plan.prevention, plan.warning_signs, plan.come_back) == (
            "urgent", (), (), True, False)
        assert plan.reasons
    elif plan.disposition == "routine":
        assert plan.now == "routine" and plan.warning_signs and not plan.come_back and not plan.prevention
        assert set(plan.relief) == expected_relief(record)
    else:
        assert plan.now == "" and plan.warning_signs and plan.come_back and not plan.reasons
        assert set(plan.relief) == expected_relief(record)


@pytest.mark.parametrize("name, record", list(all_vignette_records()))
def test_no_step_twice_and_filters_beat_patterns(name, record):
    plan = plan_for(record)
    assert len(plan.steps) == len(set(plan.steps))
    forbidden = set().union(*(FORBIDDEN[f] for f in expected_filters(record)))
    assert not forbidden & set(plan.steps)
    assert set(plan.steps) <= ALL_RELIEF | {"sleep", "water", "footwear", "warm_up_cool_down", "ten_percent_rule"}


def test_vignettes_cover_each_disposition_in_both_languages():
    kinds = {(plan_for(r).kind, r["language"]) for _, r in all_vignette_records()}
    assert kinds == {(k, lang) for k in ("emergency", "urgent", "routine", "self-care") for lang in ("en", "es")}


# --- each pattern, by hand ---------------------------------------------------------------


@pytest.mark.parametrize("changes, pattern", [
    ({"triggers": ["new_or_intense_exercise"], "locations": ["thigh_front"]}, "exercise-soreness"),
    ({"triggers": ["new_or_intense_exercise"], "locations": ["shin"]}, "overuse"),
    ({"triggers": ["injury"], "duration": "4_7_days"}, "strain"),
    ({"triggers": ["hot_weather_or_little_fluid"]}, "cramps"),
    ({"muscle_cramps": "yes"}, "cramps"),
    ({"triggers": ["long_standing"]}, "standing-sitting"),
    ({"triggers": ["long_sitting_or_travel"]}, "standing-sitting"),
    ({}, "general-comfort"),
])
def test_each_pattern_adds_its_steps(changes, pattern):
    record = calm_record(**changes)
    plan = plan_for(record)
    assert plan.disposition == "self-care", "the hand-made record must stay self-care"
    assert plan.patterns == (pattern,)
    extra = STRAIN_LATER if pattern == "strain" else set()
    assert set(plan.relief) == PATTERN_STEPS[pattern] | extra


def test_exercise_that_is_overuse_gets_only_the_overuse_steps():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["knee"], onset="gradual"))
    assert "exercise-soreness" not in plan.patterns
    assert "foam_rolling" not in plan.relief and "ice" in plan.relief


def test_sudden_exercise_pain_in_the_shin_is_exercise_soreness_not_overuse():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["shin"], onset="sudden"))
    assert plan.patterns == ("exercise-soreness",)


def test_strain_stretching_waits_until_day_four():
    early = plan_for(calm_record(triggers=["injury"], duration="1_3_days"))
    later = plan_for(calm_record(triggers=["injury"], duration="1_4_weeks"))
    assert "gentle_stretching" not in early.relief and "gentle_stretching" in later.relief


def test_several_patterns_add_shared_steps_once_in_a_fixed_order():
    record = calm_record(triggers=["new_or_intense_exercise", "injury", "long_standing", "hot_weather_or_little_fluid"],
                         duration="4_7_days")
    plan = plan_for(record)
    assert plan.patterns == ("exercise-soreness", "strain", "cramps", "standing-sitting")
    assert len(plan.relief) == len(set(plan.relief))
    assert plan.relief.index("rest") < plan.relief.index("rice")  # the first pattern's order wins
    assert set(plan.relief) == expected_relief(record)


def test_prevention_does_not_repeat_relief_steps():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["shin"]))
    assert not set(plan.prevention) & set(plan.relief)
    assert plan.prevention == ("water", "sleep")
    cramps = plan_for(calm_record(muscle_cramps="yes"))
    assert "water" not in cramps.prevention  # the fluids step already says it


# --- each filter, by hand ---------------------------------------------------------------

EVERYTHING = dict(triggers=["new_or_intense_exercise", "injury", "long_standing", "hot_weather_or_little_fluid"],
                  duration="4_7_days")


@pytest.mark.parametrize("changes, filter_id", [
    ({"long_travel": "yes", "sides": "both"}, "clot_risk"),
    ({"active_cancer": "yes", "sides": "both"}, "clot_risk"),
    ({"duration": "1_3_days"}, "fresh_injury"),
    ({"duration": "under_1_day"}, "fresh_injury"),
    ({"calf_pain_walking_relieved_by_rest": "yes"}, "claudication"),
    ({"age_years": 15, "locations": ["calf"]}, "under_16"),
    ({"pregnant_or_postpartum": "yes"}, "pregnancy"),
])
def test_each_filter_removes_its_steps_from_every_pattern(changes, filter_id):
    record = calm_record(**{**EVERYTHING, **changes})
    plan = plan_for(record)
    assert filter_id in plan.filters
    assert not FORBIDDEN[filter_id] & set(plan.relief + plan.prevention)
    assert set(plan.relief) == expected_relief(record)
    unfiltered = plan_for(calm_record(**EVERYTHING))
    assert FORBIDDEN[filter_id] & set(unfiltered.relief), "the filter must have had something to remove"


def test_fresh_injury_keeps_the_other_patterns_steps():
    plan = plan_for(calm_record(triggers=["injury", "long_standing"], duration="1_3_days"))
    assert {"rice", "ice", "compression_bandage", "compression_socks", "movement_breaks"} <= set(plan.relief)
    assert not {"gentle_stretching", "calf_stretch", "warm_bath"} & set(plan.relief)


def test_claudication_shrinks_rice_to_rest():
    plan = plan_for(calm_record(triggers=["injury"], duration="4_7_days", calf_pain_walking_relieved_by_rest="yes"))
    assert plan.disposition == "routine"
    assert "rest" in plan.relief
    assert not {"rice", "ice", "compression_bandage", "elevation"} & set(plan.relief)


def test_pregnancy_keeps_a_menthol_gel_and_under_16_too():
    for changes in ({"pregnant_or_postpartum": "yes"}, {"age_years": 14}):
        plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], **changes))
        assert "menthol_gel" in plan.relief and "pain_relief_gel" not in plan.relief


def test_the_contract_example_of_a_clot_risk_cancer_patient_gets_no_compression_or_heat():
    record = with_language(vignette("cancer-both-legs-ache")["record"], "en")
    plan = plan_for(record)
    assert plan.disposition == "routine" and "clot_risk" in plan.filters
    assert not FORBIDDEN["clot_risk"] & set(plan.relief)


def test_urgent_never_gets_self_care_even_when_a_pattern_matches():
    record = calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], pain_score=9)
    plan = plan_for(record)
    assert plan.disposition == "urgent" and not plan.emergency
    assert plan.relief == () and plan.prevention == () and plan.patterns == () and plan.filters == ()


def test_emergency_has_no_warning_signs_list():
    plan = plan_for(calm_record(chest_pain="yes", triggers=["new_or_intense_exercise"]))
    assert plan.emergency and not plan.warning_signs and plan.relief == ()


@pytest.mark.parametrize("changes", [{}, {"pain_score": 9}], ids=["routine", "urgent"])
def test_pregnancy_adds_the_pre_eclampsia_signs_to_the_emergency_warnings(changes):
    pregnant = plan_for(calm_record(pregnant_or_postpartum="yes", **changes))
    assert pregnant.warning_signs and pregnant.warning_additions == (("emergency", "pregnancy"),)
    assert plan_for(calm_record(**changes)).warning_additions == ()


def test_the_emergency_handout_adds_no_warning_signs():
    plan = plan_for(calm_record(pregnant_or_postpartum="yes", pregnancy_warning_signs="yes"))
    assert plan.emergency and not plan.warning_signs and plan.warning_additions == ()


def test_every_warning_list_names_fainting():
    from screening.handout.content import TEXT

    for language, fainting in (("en", "faint"), ("es", "desmaya")):
        assert any(fainting in item for item in TEXT[language]["warning_groups"][0]["items"]), language
        assert set(TEXT[language]["warning_additions"]) == {"pregnancy"}


def test_under_16_keeps_the_warm_bath_without_epsom_salts():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], age_years=12))
    assert "warm_bath_plain" in plan.relief and "warm_bath" not in plan.relief


def test_every_step_and_filter_has_words_in_both_languages():
    from screening.handout.content import TEXT
    from screening.handout.sections import FILTERS, PATTERNS, PREVENTION, STEPS, GENERAL_COMFORT

    used = {k for p in PATTERNS + (GENERAL_COMFORT,) for k in p.steps + p.later_steps} | set(PREVENTION)
    used |= {STEPS[k].fallback for k in used if STEPS[k].fallback}
    assert used == set(STEPS)
    for language, words in TEXT.items():
        assert set(words["steps"]) == set(STEPS), language
        assert set(words["avoid"]) == {f.id for f in FILTERS}, language
        assert set(words["now"]) == {"emergency", "urgent", "routine"}, language
        assert [g["key"] for g in words["warning_groups"]] == ["emergency", "today", "soon"], language
        assert all(title and body for title, body in words["steps"].values())
    assert set(TEXT["en"]) == set(TEXT["es"])
