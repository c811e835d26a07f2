"""The handout's section chooser against the contract, section 3.

The expectations are restated here from the contract's text (patterns, filters,
which steps each filter forbids, medicines, warning additions), not read from
screening/handout/sections.py, so a wrong tag or pattern there makes these
tests fail. No PDF here: tests/test_handout_pdf.py reads the printed text.
"""
import pytest

from screening.handout.content import TEXT
from screening.handout.sections import (FILTERS, GENERAL_COMFORT, PATTERNS, PREVENTION, RESTATES, SPECIFIC_TIMING,
                                        STEPS, WARNING_ADDITIONS, WARNING_GROUPS, choose_sections)
from screening.triage.rules import FiredRule, TriageResult, triage
from tests.handout_helpers import all_vignette_records, calm_record, plan_for
from tests.helpers import VIGNETTES

STRETCHES = {"thigh_front": {"quad_stretch"}, "thigh_back": {"hamstring_stretch"},
             "hip_buttock": {"hamstring_stretch"}, "knee": {"hamstring_stretch", "quad_stretch"},
             "shin": {"calf_stretch"}, "calf": {"calf_stretch"}, "ankle_heel": {"calf_stretch"},
             "foot": {"calf_stretch"}, "whole_leg": {"calf_stretch", "hamstring_stretch", "quad_stretch"}}


def stretches(r):
    return set().union(*(STRETCHES[place] for place in r["locations"]))


def sore_stretches(r):
    """The same stretches, saying "once the worst pain has passed" (exercise soreness and strain only)."""
    return {f"{s}_sore" for s in stretches(r)}


def fresh(r):
    return r["duration"] in ("under_1_day", "1_3_days")


def hot(r):
    return "hot_weather_or_little_fluid" in r["triggers"]


def exercise(r):
    return "new_or_intense_exercise" in r["triggers"]


def heel_or_foot(r):
    return bool({"ankle_heel", "foot"} & set(r["locations"]))


def pattern_steps(pattern, r):
    """Which steps each pattern adds (contract, section 3, with revision 7), before filters."""
    return {
        # Rubbing, warmth, stretches before bed (revision 7, item 2).
        "growing-pains": {"rub_aches", "warm_legs", "bedtime_stretch"} | stretches(r),
        "exercise-soreness": {"rest", "foam_rolling", "warm_bath", "pain_relief_gel", "active_recovery",
                              "warm_up_cool_down", "ten_percent_rule"} | sore_stretches(r),
        # Warm-up and the 10% rule with exercise; calf and sole stretches at the heel or foot (item 9).
        "overuse": {"relative_rest", "ice", "footwear"}
        | ({"ten_percent_rule", "warm_up_cool_down"} if exercise(r) else set())
        | ({"calf_stretch", "foot_stretch"} if heel_or_foot(r) else set()),
        # R.I.C.E. and the 3-day "avoid" line in the first days; stretching and a return plan later.
        "strain": ({"rice", "rest", "ice", "compression_bandage", "elevation", "first_days_avoid"} if fresh(r)
                   else sore_stretches(r) | {"return_plan"}),
        # Hot weather: cool down first (revision 6).
        "cramps": {"fluids_electrolytes", "calf_stretch", "during_cramp"} | ({"cool_down_first"} if hot(r) else set()),
        "standing-sitting": {"movement_breaks", "elevation", "compression_socks", "footwear", "anti_fatigue_mat"},
        "poor-blood-flow": {"walking_plan", "stop_smoking", "foot_care"},
        "joint": {"joint_movement", "joint_gel", "joint_bath"},
        "restless-legs": stretches(r) | {"bedtime_bath", "evening_caffeine", "sleep_routine"},
        "sciatica": {"keep_active_back", "back_warmth"},
        # Compression only after the blood flow is checked.
        "varicose-veins": {"walking", "elevation", "vein_compression_socks"},
        "widespread-pain": {"regular_activity", "pacing", "sleep_routine"},
        "general-comfort": {"general_rest", "gentle_movement", "sleep", "water"}
        | ({"break_from_trigger"} if r["triggers"] != ["none_known"] else set()),
    }[pattern]


# What each filter forbids, written out step by step for review.
HEAT = {"warm_bath", "warm_bath_plain", "joint_bath", "bedtime_bath", "warm_legs"}  # not back_warmth: the lower back
COMPRESSION = {"compression_bandage", "compression_socks", "vein_compression_socks", "rice"}
STRETCHING = {"calf_stretch", "hamstring_stretch", "quad_stretch", "foot_stretch", "bedtime_stretch", "during_cramp",
              "during_cramp_stretch", "calf_stretch_sore", "hamstring_stretch_sore", "quad_stretch_sore"}
MASSAGE = {"foam_rolling", "during_cramp", "during_cramp_rub", "rub_aches"}
FORBIDDEN = {
    "clot_risk": MASSAGE | HEAT | COMPRESSION,
    "fresh_injury": HEAT | STRETCHING,
    "poor_blood_flow": {"ice", "elevation", "elevation_on_side", "rice", "rice_without_compression"} | HEAT | COMPRESSION,
    "hot_weather": HEAT,
    "under_16": {"pain_relief_gel", "joint_gel", "warm_bath"},  # the gels and the bath with Epsom salts
    # Raising the leg lying on the side, never flat on the back.
    "pregnancy": {"pain_relief_gel", "joint_gel", "elevation"},
    # A possible stress fracture: no "do less of the sport", no building up yet.
    "stress_fracture": {"relative_rest", "ten_percent_rule"},
}
# What a removed step gives way to, first allowed one, if the filters allow it.
FALLBACKS = {"pain_relief_gel": ["menthol_gel"], "joint_gel": ["menthol_gel"], "warm_bath": ["warm_bath_plain"],
             "rice": ["rice_without_compression"], "during_cramp": ["during_cramp_stretch", "during_cramp_rub"],
             "relative_rest": ["impact_rest"], "ten_percent_rule": ["ten_percent_return"],
             "elevation": ["elevation_on_side"]}


def clot_risk_count(r):
    return sum(r[f] == "yes" for f in ("recent_surgery_or_immobilised", "active_cancer", "previous_clot",
                                       "pregnant_or_postpartum", "long_travel"))


def growing_pains(r):
    """Contract section 2 (revision 7), restated."""
    return (5 <= r["age_years"] <= 12 and r["sides"] == "both" and r["onset"] == "gradual"
            and set(r["triggers"]) <= {"none_known", "new_or_intense_exercise"}
            and set(r["locations"]) <= {"thigh_front", "thigh_back", "knee", "shin", "calf"}
            and r["walking"] == "normal" and r["cannot_bear_weight"] != "yes" and r["trend"] != "worse"
            and r["joint_pain_or_stiffness"] == "no")


def load_pattern(r):
    t, places = set(r["triggers"]), set(r["locations"])
    return (r["onset"] == "gradual" and not t & {"injury", "sudden_pain_during_activity"}
            and places <= {"shin", "knee", "ankle_heel", "foot"} and clot_risk_count(r) == 0
            and ("new_or_intense_exercise" in t
                 or ("long_standing" in t and r["sides"] != "both" and places <= {"ankle_heel", "foot"})))


def long_standing_numbness(r):
    return (r["numbness_or_tingling"] == "yes" and r["leg_weakness"] == "no" and r["sides"] == "both"
            and r["onset"] == "gradual" and r["duration"] == "over_4_weeks" and r["trend"] != "worse"
            and r["back_pain_radiating"] == "no" and r["active_cancer"] == "no" and r["foot_wound"] == "no")


def expected_patterns(r):
    t = set(r["triggers"])
    growing = growing_pains(r)
    overuse = ((("new_or_intense_exercise" in t and r["onset"] == "gradual"
                 and bool({"shin", "knee", "ankle_heel"} & set(r["locations"]))) or load_pattern(r))
               and not growing)
    found = ["growing-pains"] if growing else []
    if ("new_or_intense_exercise" in t and not overuse and not growing and r["duration"] in ("under_1_day", "1_3_days", "4_7_days")
            and r["trend"] != "worse"):
        found.append("exercise-soreness")
    if overuse:
        found.append("overuse")
    if t & {"injury", "sudden_pain_during_activity"}:
        found.append("strain")
    if hot(r) or r["muscle_cramps"] == "yes":
        found.append("cramps")
    if t & {"long_standing", "long_sitting_or_travel"}:
        found.append("standing-sitting")
    for field, pattern in (("calf_pain_walking_relieved_by_rest", "poor-blood-flow"),
                           ("joint_pain_or_stiffness", "joint"), ("urge_to_move_legs", "restless-legs"),
                           ("back_pain_radiating", "sciatica"), ("varicose_veins", "varicose-veins"),
                           ("widespread_pain", "widespread-pain")):
        if r[field] == "yes":
            found.append(pattern)
    return found or ["general-comfort"]


def expected_filters(r):
    risks = sum(r[f] == "yes" for f in ("recent_surgery_or_immobilised", "active_cancer", "previous_clot",
                                        "pregnant_or_postpartum", "long_travel"))
    injured = bool(set(r["triggers"]) & {"injury", "sudden_pain_during_activity"})
    return {
        name
        for name, applies in (
            ("clot_risk", risks >= 1),
            ("fresh_injury", injured and fresh(r)),
            ("poor_blood_flow", r["calf_pain_walking_relieved_by_rest"] == "yes"),
            ("under_16", r["age_years"] < 16),
            ("pregnancy", r["pregnant_or_postpartum"] == "yes"),
            ("hot_weather", hot(r)),
            ("stress_fracture", r["overuse_warning"] == "yes"),
        )
        if applies
    }


def expected_relief(r):
    wanted = set()
    for pattern in expected_patterns(r):
        wanted |= pattern_steps(pattern, r)
    forbidden = set().union(*(FORBIDDEN[f] for f in expected_filters(r)))
    if long_standing_numbness(r):
        wanted.add("foot_care")  # revision 7, item 7: look at your feet every day
    for step, fallbacks in FALLBACKS.items():
        if step in wanted and step in forbidden:
            wanted |= set([f for f in fallbacks if f not in forbidden][:1])
    kept = wanted - forbidden
    for stretch in ("calf_stretch", "hamstring_stretch", "quad_stretch"):
        if f"{stretch}_sore" in kept:
            kept.discard(stretch)  # said once, with "once the worst pain has passed"
    if "vein_compression_socks" in kept:
        kept.discard("compression_socks")  # the checked socks say it, and more
    if "walking_plan" in kept:
        kept.discard("walking")  # the walking plan says it, and more
    if "foot_care" in kept:
        kept.discard("footwear")  # well-fitting shoes are part of the daily foot check
    if "pain_relief_gel" in kept:
        kept.discard("joint_gel")  # one gel step
    if kept & {"warm_bath", "warm_bath_plain", "bedtime_bath"}:
        kept.discard("joint_bath")  # one warm bath is enough
    return kept


@pytest.mark.parametrize("name, record", list(all_vignette_records()))
def test_every_vignette_gets_the_sections_of_its_disposition(name, record):
    result = triage(record)
    plan = choose_sections(record, result)
    expected = next(v["expected"] for v in VIGNETTES if name.startswith(v["name"] + "-"))
    assert (plan.disposition, plan.emergency) == (expected["disposition"], expected["emergency"])
    assert plan.language == record["language"]
    # An emergency gives its emergency reasons only (never "today" beside "now").
    shown = [r for r in result.rules if r.tier == "emergency" or not plan.emergency]
    assert plan.reasons == tuple(dict.fromkeys(r.patient_reason for r in shown)) and not plan.checked
    if plan.emergency:
        # Bare: what to do now and why, nothing else.
        assert (plan.now, plan.relief, plan.medicines, plan.expect, plan.prevention, plan.warnings) == (
            "emergency", (), (), (), (), ())
        assert plan.reasons
    elif plan.disposition == "urgent":
        seated = record.get("cannot_bear_weight") in ("yes", "unsure")  # not sent walking to the desk
        assert (plan.now, plan.relief, plan.medicines, plan.expect, plan.prevention) == (
            "urgent_seated" if seated else "urgent", (), (), (), ())
        assert plan.warnings and plan.reasons
        assert set(plan.filters) == expected_filters(record)  # what not to do, and why
    else:
        assert plan.now == ("routine" if plan.disposition == "routine" else "")
        assert list(plan.patterns) == expected_patterns(record)
        assert set(plan.filters) == expected_filters(record)
        assert set(plan.relief) == expected_relief(record)
        assert plan.medicines and plan.warnings
        # Standing work's "eases overnight" gives way to overuse's weeks (revision 7, item 9).
        assert plan.expect == tuple(p for p in plan.patterns
                                    if not (p == "standing-sitting" and "overuse" in plan.patterns))
        assert bool(plan.prevention) == (plan.disposition == "self-care")


@pytest.mark.parametrize("name, record", list(all_vignette_records()))
def test_no_step_twice_and_filters_beat_patterns(name, record):
    plan = plan_for(record)
    assert len(plan.steps) == len(set(plan.steps))
    forbidden = set().union(*(FORBIDDEN[f] for f in expected_filters(record)))
    assert not forbidden & set(plan.steps)


def test_vignettes_cover_each_disposition_in_both_languages():
    kinds = {(plan_for(r).kind, r["language"]) for _, r in all_vignette_records()}
    assert kinds == {(k, lang) for k in ("emergency", "urgent", "routine", "self-care") for lang in ("en", "es")}


# --- each pattern, by hand ---------------------------------------------------------------

# A record that matches each pattern (and no other), with the disposition the rules give it.
GROWING = dict(age_years=8, locations=["calf", "shin"], walking="normal", duration="over_4_weeks", trend="same")
HEEL_AT_WORK = dict(triggers=["long_standing"], sides="left", locations=["ankle_heel"], duration="1_4_weeks",
                    trend="same", overuse_warning="no")
PATTERN_RECORDS = {
    "growing-pains": GROWING,
    "exercise-soreness": dict(triggers=["new_or_intense_exercise"], locations=["thigh_front"]),
    "overuse": dict(triggers=["new_or_intense_exercise"], locations=["shin"]),
    "overuse-foot": dict(triggers=["new_or_intense_exercise"], locations=["foot"], duration="1_4_weeks",
                         trend="same", overuse_warning="no"),
    "strain": dict(triggers=["injury"], locations=["ankle_heel"]),
    "strain-later": dict(triggers=["sudden_pain_during_activity"], locations=["thigh_back"], duration="1_4_weeks"),
    "cramps": dict(muscle_cramps="yes"),
    "cramps-hot": dict(triggers=["hot_weather_or_little_fluid"]),
    "standing-sitting": dict(triggers=["long_standing"]),
    "standing-sitting-travel": dict(triggers=["long_sitting_or_travel"]),
    "poor-blood-flow": dict(calf_pain_walking_relieved_by_rest="yes", age_years=67),
    "joint": dict(joint_pain_or_stiffness="yes", locations=["knee"]),
    "restless-legs": dict(urge_to_move_legs="yes", locations=["calf", "thigh_front"]),
    "sciatica": dict(back_pain_radiating="yes", locations=["thigh_back"]),
    "varicose-veins": dict(varicose_veins="yes"),
    "widespread-pain": dict(widespread_pain="yes", locations=["whole_leg"]),
    "general-comfort": dict(),
    "general-comfort-with-cause": dict(triggers=["new_or_intense_exercise"], duration="1_4_weeks",
                                       locations=["thigh_front"]),
}


def pattern_id(name):
    return {"overuse-foot": "overuse", "strain-later": "strain", "cramps-hot": "cramps", "standing-sitting-travel": "standing-sitting",
            "general-comfort-with-cause": "general-comfort"}.get(name, name)


@pytest.mark.parametrize("name", PATTERN_RECORDS)
def test_each_pattern_adds_its_steps_and_its_expect_line(name):
    record = calm_record(**PATTERN_RECORDS[name])
    plan = plan_for(record)
    assert plan.disposition in ("self-care", "routine"), "the hand-made record must get relief steps"
    assert plan.patterns == (pattern_id(name),)
    assert set(plan.relief) == pattern_steps(pattern_id(name), record)
    assert plan.expect == (pattern_id(name),)


def test_the_pattern_records_cover_every_pattern():
    assert {pattern_id(n) for n in PATTERN_RECORDS} == {p.id for p in PATTERNS} | {GENERAL_COMFORT.id}


def test_exercise_soreness_needs_a_short_improving_course():
    for changes in ({"duration": "1_4_weeks"}, {"trend": "worse"}):
        plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], **changes))
        assert "exercise-soreness" not in plan.patterns


def test_standing_work_heel_pain_is_overuse_with_calf_and_sole_stretches_and_shoes():
    """Revision 7, item 9: the load pattern's heel-and-foot branch (standing work)."""
    plan = plan_for(calm_record(**HEEL_AT_WORK))
    assert plan.patterns == ("overuse", "standing-sitting")
    assert {"calf_stretch", "foot_stretch", "footwear"} <= set(plan.relief)
    assert plan.expect == ("overuse",)  # weeks, not "eases overnight"
    assert not {"ten_percent_rule", "warm_up_cool_down"} & set(plan.relief)  # no exercise named
    assert "overuse" not in plan_for(calm_record(**dict(HEEL_AT_WORK, sides="both"))).patterns


def test_growing_pains_exclude_the_exercise_patterns():
    """Revision 7, item 12: no exercise-soreness or overuse beside growing pains."""
    for place in (["shin"], ["thigh_front"]):
        record = calm_record(**dict(GROWING, locations=place, triggers=["new_or_intense_exercise"]))
        plan = plan_for(record)
        assert plan.patterns == ("growing-pains",)
        assert plan.expect == ("growing-pains",)
        assert not {"stress_fracture", "stress_fracture_visit", "dark_urine_now", "child_limp"} & {
            i for _, i in items_of(plan)}


def test_exercise_that_is_overuse_gets_only_the_overuse_steps():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["knee"], onset="gradual"))
    assert plan.patterns == ("overuse",)
    assert "foam_rolling" not in plan.relief and "ice" in plan.relief


def test_strain_changes_phase_on_day_four():
    early = plan_for(calm_record(triggers=["injury"], duration="1_3_days", locations=["calf"]))
    later = plan_for(calm_record(triggers=["injury"], duration="4_7_days", locations=["calf"]))
    assert {"rice", "ice", "first_days_avoid"} <= set(early.relief) and "return_plan" not in early.relief
    assert {"calf_stretch_sore", "return_plan"} <= set(later.relief)
    assert not {"rice", "ice", "compression_bandage", "first_days_avoid"} & set(later.relief)


@pytest.mark.parametrize("pattern", ["poor-blood-flow", "restless-legs"])
def test_walking_is_never_discouraged(pattern):
    record = calm_record(**PATTERN_RECORDS[pattern], triggers=["long_standing"])
    plan = plan_for(record)
    assert "break_from_trigger" not in plan.relief and "general_rest" not in plan.relief
    for words in TEXT.values():
        printed = " ".join(words["steps"][k][1] for k in plan.relief).lower()
        assert "avoid the activity" not in printed and "no haga lo que" not in printed


def test_several_patterns_add_shared_steps_once_in_a_fixed_order():
    record = calm_record(triggers=["new_or_intense_exercise", "injury", "long_standing", "hot_weather_or_little_fluid"],
                         duration="4_7_days")
    plan = plan_for(record)
    assert plan.patterns == ("exercise-soreness", "strain", "cramps", "standing-sitting")
    assert len(plan.relief) == len(set(plan.relief))
    assert set(plan.relief) == expected_relief(record)


def test_prevention_is_the_five_minus_what_relief_says():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["shin"]))
    assert plan.disposition == "self-care"
    assert plan.prevention == ("water", "sleep")  # warm-up, 10% rule and shoes are relief steps already
    cramps = plan_for(calm_record(muscle_cramps="yes"))
    assert "water" not in cramps.prevention  # the fluids step already says it
    assert set(plan_for(calm_record(triggers=["long_standing"])).prevention) == {
        "warm_up_cool_down", "ten_percent_rule", "water", "sleep"}
    assert set(PREVENTION) == {"warm_up_cool_down", "ten_percent_rule", "footwear", "water", "sleep"}


def test_routine_handouts_have_no_prevention():
    assert plan_for(calm_record(varicose_veins="yes")).prevention == ()


# --- each filter, by hand ---------------------------------------------------------------

EVERYTHING = dict(triggers=["new_or_intense_exercise", "injury", "long_standing", "hot_weather_or_little_fluid"],
                  duration="4_7_days", locations=["whole_leg"], joint_pain_or_stiffness="yes",
                  urge_to_move_legs="yes", varicose_veins="yes")


@pytest.mark.parametrize("changes, filter_id", [
    ({"long_travel": "yes"}, "clot_risk"),
    ({"active_cancer": "yes"}, "clot_risk"),
    ({"duration": "1_3_days"}, "fresh_injury"),
    ({"duration": "under_1_day"}, "fresh_injury"),
    ({"calf_pain_walking_relieved_by_rest": "yes"}, "poor_blood_flow"),
    ({"age_years": 15}, "under_16"),
    ({"pregnant_or_postpartum": "yes"}, "pregnancy"),
    ({"overuse_warning": "yes"}, "stress_fracture"),
])
def test_each_filter_removes_its_steps_from_every_pattern(changes, filter_id):
    record = calm_record(**{**EVERYTHING, **changes})
    plan = plan_for(record)
    assert filter_id in plan.filters
    assert not FORBIDDEN[filter_id] & set(plan.relief + plan.prevention)
    assert set(plan.relief) == expected_relief(record)
    unfiltered = plan_for(calm_record(**EVERYTHING))
    assert FORBIDDEN[filter_id] & set(unfiltered.relief), "the filter must have had something to remove"


def test_fresh_injury_removes_only_heat_and_stretching():
    injured = calm_record(triggers=["injury", "new_or_intense_exercise", "long_standing", "hot_weather_or_little_fluid"],
                          duration="1_3_days", locations=["whole_leg"])
    plain = calm_record(triggers=["new_or_intense_exercise", "long_standing", "hot_weather_or_little_fluid"],
                        duration="1_3_days", locations=["whole_leg"])
    injured_plan, plain_plan = plan_for(injured), plan_for(plain)
    gone = set(plain_plan.relief) - set(injured_plan.relief)
    assert gone and gone <= HEAT | STRETCHING | {"during_cramp"}
    assert "during_cramp_rub" in injured_plan.relief  # rubbing a cramp stays: it is not stretching
    assert {"foam_rolling", "compression_socks", "pain_relief_gel"} <= set(injured_plan.relief)


def test_poor_blood_flow_shrinks_rice_to_rest():
    plan = plan_for(calm_record(triggers=["injury"], duration="1_3_days", calf_pain_walking_relieved_by_rest="yes"))
    assert plan.disposition == "routine"
    assert "rest" in plan.relief
    assert not {"rice", "rice_without_compression", "ice", "compression_bandage", "elevation"} & set(plan.relief)


def test_clot_risk_names_what_remains_of_rice():
    plan = plan_for(calm_record(triggers=["injury"], duration="1_3_days", previous_clot="yes"))
    assert "rice_without_compression" in plan.relief and "rice" not in plan.relief
    assert {"rest", "ice", "elevation"} <= set(plan.relief) and "compression_bandage" not in plan.relief


def test_sciatica_keeps_warmth_on_the_back_under_every_heat_filter():
    plan = plan_for(calm_record(back_pain_radiating="yes", long_travel="yes", triggers=["injury"]))
    assert {"clot_risk", "fresh_injury"} <= set(plan.filters) and "back_warmth" in plan.relief


def test_pregnancy_and_under_16_keep_a_menthol_gel():
    for changes in ({"pregnant_or_postpartum": "yes"}, {"age_years": 14}):
        plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], **changes))
        assert "menthol_gel" in plan.relief and "pain_relief_gel" not in plan.relief
        joint = plan_for(calm_record(joint_pain_or_stiffness="yes", **changes))
        assert "menthol_gel" in joint.relief and "joint_gel" not in joint.relief


def test_under_16_keeps_the_warm_bath_without_epsom_salts():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], age_years=12))
    assert "warm_bath_plain" in plan.relief and "warm_bath" not in plan.relief


# --- medicines -----------------------------------------------------------------------------


@pytest.mark.parametrize("changes, expected", [
    ({}, ("paracetamol", "ibuprofen", "label")),
    ({"triggers": ["hot_weather_or_little_fluid"]}, ("paracetamol", "ibuprofen", "ibuprofen_not_while_dry", "label")),
    ({"pregnant_or_postpartum": "yes"}, ("paracetamol", "pregnancy_paracetamol_only", "label")),
    ({"previous_clot": "yes"}, ("paracetamol", "clot_paracetamol_only", "label")),
    ({"recent_surgery_or_immobilised": "yes", "triggers": ["hot_weather_or_little_fluid"]},
     ("paracetamol", "clot_paracetamol_only", "label")),
    ({"age_years": 12}, ("children_paracetamol", "never_aspirin", "label")),
    ({"age_years": 15, "pregnant_or_postpartum": "yes"},
     ("children_paracetamol", "pregnancy_paracetamol_only", "never_aspirin", "label")),
    # None to buy: long-standing pain all over, or restless legs alone (revision 6).
    ({"widespread_pain": "yes", "duration": "over_4_weeks"}, ("medicines_with_clinician",)),
    ({"urge_to_move_legs": "yes"}, ("medicines_with_clinician",)),
])
def test_medicines_follow_their_filters(changes, expected):
    plan = plan_for(calm_record(**changes))
    assert plan.medicines == expected


def test_pain_medicines_are_offered_for_widespread_pain_and_restless_legs_only_beside_other_patterns():
    assert "paracetamol" in plan_for(calm_record(widespread_pain="yes", duration="1_4_weeks")).medicines
    assert "paracetamol" in plan_for(calm_record(urge_to_move_legs="yes", muscle_cramps="yes")).medicines
    lowered = choose_sections(calm_record(urge_to_move_legs="yes"), result_as("self-care"))
    assert lowered.medicines == ("medicines_ask",)  # no promised visit on a home-care handout


def test_the_ibuprofen_caveat_is_the_contracts_whole_list():
    line = TEXT["en"]["medicines"]["ibuprofen"]
    for caveat in ("with food or a glass of milk", "more than 10 days", "allergic to aspirin or ibuprofen",
                   "65 or over", "asthma", "stomach ulcer or bleed", "high blood pressure", "kidney or heart problems",
                   "blood thinners", "aspirin or another medicine that thins the blood", "pharmacist"):
        assert caveat in line
    for key in ("paracetamol", "children_paracetamol"):
        assert "another medicine that has paracetamol in it" in TEXT["en"]["medicines"][key]
    assert "acetaminophen" in TEXT["en"]["medicines"]["paracetamol"]
    assert "acetaminofén" in TEXT["es"]["medicines"]["paracetamol"]
    assert "midwife or doctor" in TEXT["en"]["medicines"]["pregnancy_paracetamol_only"]


# --- warning signs ---------------------------------------------------------------------------

# Revision 7's named states (contract section 2), each as a record.
FLARE = dict(known_problem="joint", redness_or_warmth="yes", joint_pain_or_stiffness="yes", locations=["foot"],
             sides="left", onset="sudden", pain_score=8)
NUMB_FEET = dict(numbness_or_tingling="yes", duration="over_4_weeks", trend="same", locations=["foot"],
                 foot_wound="no", known_problem="no")
SWOLLEN_FOR_MONTHS = dict(one_leg_swollen="yes", varicose_veins="yes", sides="left", duration="over_4_weeks",
                          trend="same", known_problem="no")
# Which pattern (or answer) brings each addition, and the record that matches it.
ADDITION_RECORDS = {
    "heat_illness": dict(triggers=["hot_weather_or_little_fluid"]),
    "no_urine": dict(triggers=["hot_weather_or_little_fluid"]),
    "dark_urine_now": dict(triggers=["new_or_intense_exercise"], locations=["thigh_front"]),
    "stress_fracture": dict(triggers=["new_or_intense_exercise"], locations=["shin", "hip_buttock"]),
    "stress_fracture_visit": dict(triggers=["new_or_intense_exercise"], locations=["shin"]),
    "sciatica_both_legs": dict(back_pain_radiating="yes"),
    "bleeding_vein": dict(varicose_veins="yes"),
    "hard_vein": dict(varicose_veins="yes"),
    "chest_pain_walking": dict(calf_pain_walking_relieved_by_rest="yes"),
    "pain_at_rest": dict(calf_pain_walking_relieved_by_rest="yes"),
    "hot_joint": dict(joint_pain_or_stiffness="yes"),
    "child_limp": dict(age_years=11),
    "pregnancy": dict(pregnant_or_postpartum="yes"),
    "cramps_keep_coming": dict(muscle_cramps="yes"),
    "fever_flare_joint": dict(FLARE),
    "flare_changes": dict(FLARE),
    "growing_pains_changes": dict(GROWING),
    "numb_feet_changes": dict(NUMB_FEET),
    "swelling_changes": dict(SWOLLEN_FOR_MONTHS),
    "muscle_pressure": dict(triggers=["injury"], locations=["thigh_front"]),
    "torn_tendon": dict(triggers=["new_or_intense_exercise"], locations=["ankle_heel"]),
}
GROUP_OF = {"heat_illness": "emergency", "dark_urine_now": "emergency", "sciatica_both_legs": "emergency",
            "bleeding_vein": "emergency", "chest_pain_walking": "emergency", "pregnancy": "emergency",
            "no_urine": "today", "stress_fracture": "today", "hard_vein": "today", "pain_at_rest": "today",
            "hot_joint": "today", "child_limp": "today", "cramps_keep_coming": "soon",
            "stress_fracture_visit": "soon", "fever_flare_joint": "emergency", "flare_changes": "today",
            "growing_pains_changes": "today", "numb_feet_changes": "today", "swelling_changes": "today",
            "muscle_pressure": "emergency", "torn_tendon": "today"}


# Records above that match the pattern an addition belongs to (very dark urine is a
# warning for both exercise patterns; hot weather is the cramps pattern too).
SAME_PATTERN = {"dark_urine_now": {"stress_fracture", "stress_fracture_visit", "torn_tendon"},
                # Hard training at the shin: pressure in the muscle; overuse at the heel: a torn tendon.
                "muscle_pressure": {"stress_fracture", "stress_fracture_visit"},
                "stress_fracture_visit": {"torn_tendon"},
                "cramps_keep_coming": {"heat_illness", "no_urine"},
                # The known flare is a joint, and the long-standing swelling varicose veins.
                "hot_joint": set(), "bleeding_vein": {"swelling_changes"}, "hard_vein": {"swelling_changes"}}


def items_of(plan):
    return {(group, item) for group, items in plan.warnings for item in items}


def test_every_addition_is_tested():
    assert set(ADDITION_RECORDS) == {a.id for a in WARNING_ADDITIONS} == set(GROUP_OF)


@pytest.mark.parametrize("addition", ADDITION_RECORDS)
def test_each_warning_addition_appears_only_on_its_pattern(addition):
    own = plan_for(calm_record(**ADDITION_RECORDS[addition]))
    assert (GROUP_OF[addition], addition) in items_of(own)
    for other, changes in ADDITION_RECORDS.items():
        if changes != ADDITION_RECORDS[addition] and other not in SAME_PATTERN.get(addition, ()):
            assert addition not in {i for _, i in items_of(plan_for(calm_record(**changes)))}, other
    assert addition not in {i for _, i in items_of(plan_for(calm_record()))}


def test_cramps_without_hot_weather_get_no_heat_illness_signs():
    plan = plan_for(calm_record(muscle_cramps="yes"))
    assert not {"heat_illness", "no_urine"} & {i for _, i in items_of(plan)}


def test_after_exercise_very_dark_urine_moves_up_to_the_emergency_group():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"]))
    assert ("emergency", "dark_urine_now") in items_of(plan) and ("today", "dark_urine") not in items_of(plan)
    assert ("today", "dark_urine") in items_of(plan_for(calm_record()))


def test_the_base_groups_carry_every_sign_of_the_contract():
    plan = plan_for(calm_record())
    timing = {"@timing": ("not_better_3_days",)}  # pain of the last 3 days
    assert plan.warnings == tuple((g, tuple(k for i in items for k in timing.get(i, (i,))))
                                  for g, items in WARNING_GROUPS)
    assert [g for g, _ in WARNING_GROUPS] == ["emergency", "today", "soon"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_swelling_and_sudden_pain_keep_the_intakes_exclusions(language):
    items = TEXT[language]["warning_items"]
    marker = "does not count" if language == "en" else "No cuenta"
    for key in ("one_leg_swollen", "red_spreading", "bad_pain"):
        assert marker in items[key], key
    assert ("twisted" if language == "en" else "torcida") in items["one_leg_swollen"]
    assert ("cramp" if language == "en" else "calambre") in items["bad_pain"]
    assert ("only" if language == "en" else "solo") in items["one_leg_swollen"]


def test_urgent_handouts_keep_the_pattern_warnings():
    plan = plan_for(calm_record(varicose_veins="yes", pain_score=9))
    assert plan.disposition == "urgent" and plan.relief == ()
    assert ("emergency", "bleeding_vein") in items_of(plan)
    # It has no "what to expect" section, so the book-a-visit item that points to one is left out.
    assert "longer_than_expected" not in {i for _, i in items_of(plan)}


def test_urgent_never_gets_self_care_even_when_a_pattern_matches():
    plan = plan_for(calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], pain_score=9))
    assert plan.disposition == "urgent" and not plan.emergency
    assert (plan.relief, plan.prevention, plan.medicines, plan.expect) == ((), (), (), ())


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_an_urgent_patient_who_may_not_walk_is_not_sent_to_the_desk(answer):
    assert plan_for(calm_record(cannot_bear_weight=answer)).now == "urgent_seated"
    assert plan_for(calm_record(varicose_veins="yes", pain_score=9)).now == "urgent"


def test_an_urgent_clot_risk_patient_still_reads_what_not_to_do():
    plan = plan_for(calm_record(recent_surgery_or_immobilised="yes", one_leg_swollen="yes"))
    assert plan.disposition == "urgent" and plan.filters == ("clot_risk",) and plan.relief == ()


def test_the_emergency_handout_has_no_warning_signs():
    plan = plan_for(calm_record(pregnant_or_postpartum="yes", pregnancy_warning_signs="yes"))
    assert plan.emergency and plan.warnings == () and plan.relief == () and plan.medicines == ()


# --- the clinician's decision and the early stop ----------------------------------------------


def result_as(disposition, emergency=False, rules=()):
    return TriageResult(disposition, emergency, tuple(rules), "test")


def test_the_handout_follows_the_disposition_it_is_given():
    record = calm_record(triggers=["new_or_intense_exercise"], locations=["thigh_front"], pain_score=9)
    rules = triage(record).rules
    lowered = choose_sections(record, result_as("routine", rules=rules))
    assert lowered.now == "routine" and lowered.relief
    # The routine reasons stay; "a nurse or doctor has checked" stands for the urgent one.
    assert lowered.reasons == tuple(r.patient_reason for r in rules if r.tier == "routine") and lowered.checked
    raised = choose_sections(calm_record(), result_as("urgent", emergency=True))
    assert raised.now == "emergency" and raised.relief == ()


EARLY_STOP_RECORD = {"chest_pain": "yes", "language": "es"}


@pytest.mark.parametrize("disposition, emergency", [
    ("urgent", True), ("urgent", False), ("routine", False), ("self-care", False)])
def test_an_early_stop_never_gets_relief_whatever_the_disposition(disposition, emergency):
    rule = FiredRule("chest-or-breathing", "emergency", "c", "p")
    plan = choose_sections(EARLY_STOP_RECORD, result_as(disposition, emergency, [rule]), early_stop=True)
    assert plan.language == "es" and plan.early_stop
    assert (plan.relief, plan.prevention, plan.medicines, plan.expect, plan.filters) == ((), (), (), (), ())
    assert bool(plan.warnings) is not emergency
    if plan.warnings:
        assert "longer_than_expected" not in {i for _, i in items_of(plan)}


def test_every_step_filter_medicine_and_warning_has_words_in_both_languages():
    used = {k for p in PATTERNS + (GENERAL_COMFORT,) for k in p.steps + p.later_steps if not k.startswith("@")}
    used |= {"calf_stretch", "hamstring_stretch", "quad_stretch", "foot_stretch", "cool_down_first"} | set(PREVENTION)
    used |= {f"{s}_sore" for s in ("calf_stretch", "hamstring_stretch", "quad_stretch")}
    used |= {f for k in list(used) for f in STEPS[k].fallbacks}
    assert used == set(STEPS)
    items = {i for _, base in WARNING_GROUPS for i in base if not i.startswith("@")} | {
        a.id for a in WARNING_ADDITIONS} | {line(calm_record(triggers=t)) for _, line in SPECIFIC_TIMING
                                            for t in (["new_or_intense_exercise"], ["long_standing"])} | {
        "not_better_3_days", "not_better_2_weeks"} | {rest for parts in RESTATES.values() for _, rest in parts if rest}
    for language, words in TEXT.items():
        assert set(words["steps"]) == set(STEPS), language
        assert set(words["avoid"]) == {f.id for f in FILTERS}, language
        assert set(words["warning_items"]) == items, language
        assert set(words["expect"]) == {p.id for p in PATTERNS} | {"general-comfort"}, language
        assert set(words["now"]) == {"emergency", "urgent", "urgent_seated", "routine"}, language
        assert all(title and body for title, body in words["steps"].values())
        assert set(words["drawings"]) == {s.drawing for s in STEPS.values() if s.drawing}
    assert set(TEXT["en"]) == set(TEXT["es"])
