"""Which sections, steps, medicines and warnings a patient's handout holds (contract, section 3).

Written as data for clinical review: the steps and their tags, the relief
patterns that add steps (with their "what to expect" line), the safety filters
that remove steps by tag, the pain-relief medicines, and the warning signs
that each pattern adds. Filters always beat patterns, and a step appears once
however many patterns add it. The result is a plain `HandoutPlan`; the words
live in content.py and printing in render.py, so this module is tested
without any PDF.
"""
from dataclasses import dataclass
from typing import Callable, Mapping

from ..triage.contract import CLOT_RISK_FACTORS, SEVERITY, with_follow_ups
from ..triage.definitions import (
    GROWING_PAINS, KNOWN, KNOWN_JOINT_FLARE, LOAD_PATTERN, LONG_STANDING_NUMBNESS, LONG_STANDING_SWELLING,
    PREGNANCY_CRAMPS, TYPICAL_OVERUSE,
)
from ..triage.rules import may_not_walk

# --- the steps ------------------------------------------------------------------
#
# Tags name what a step does, in the filters' own terms: "heat" (warm baths,
# Epsom baths, hot packs and heating pads on the legs), "stretching" (every
# stretch, the calf stretch and stretching during a cramp included),
# "massage" (foam rolling and rubbing too), "compression" (socks or bandage),
# "ice", "elevation", "anti_inflammatory_gel", "epsom". A step's words must
# never suggest something its tags do not carry: filters act on tags.


@dataclass(frozen=True)
class Step:
    key: str
    tags: frozenset
    # Offered instead, first allowed one wins, when a filter removes this step.
    fallbacks: tuple = ()
    # Relief steps that already give this step's advice (prevention skips it then).
    covered_by: tuple = ()
    # A line drawing shown beside the step (reports/drawings/<name>.svg).
    drawing: str = ""


def _step(key, *tags, fallbacks=(), covered_by=(), drawing=""):
    return Step(key, frozenset(tags), tuple(fallbacks), tuple(covered_by), drawing)


STEPS = {
    s.key: s
    for s in (
        # R.I.C.E. introduction: it names all four parts, so a filtered part swaps it
        # for the introduction that names only what remains (contract: no acronym then).
        _step("rice", "rest", "ice", "compression", "elevation", fallbacks=("rice_without_compression",)),
        _step("rice_without_compression", "rest", "ice", "elevation"),
        _step("rest", "rest"),
        _step("ice", "ice", "cold"),
        _step("compression_bandage", "compression"),
        # Raised lying flat; in pregnancy and after a birth, lying on the side instead.
        _step("elevation", "elevation", "flat_on_back", fallbacks=("elevation_on_side",)),
        _step("elevation_on_side", "elevation"),
        _step("first_days_avoid"),
        _step("calf_stretch", "stretching", drawing="calf-stretch", covered_by=("calf_stretch_sore",)),
        # Plantar heel pain (revision 7, item 9): the sole of the foot and the heel.
        _step("foot_stretch", "stretching", drawing="foot-stretch"),
        _step("hamstring_stretch", "stretching", drawing="hamstring-stretch", covered_by=("hamstring_stretch_sore",)),
        _step("quad_stretch", "stretching", drawing="quad-stretch", covered_by=("quad_stretch_sore",)),
        # "Once the worst pain has passed" belongs to exercise soreness and strain only
        # (contract section 3): the same stretches, said so, for those two patterns.
        _step("calf_stretch_sore", "stretching", drawing="calf-stretch"),
        _step("hamstring_stretch_sore", "stretching", drawing="hamstring-stretch"),
        _step("quad_stretch_sore", "stretching", drawing="quad-stretch"),
        _step("return_plan", "activity"),
        # "Do less of the sport": never for a possible stress fracture, which rests from impact.
        _step("relative_rest", "rest", "impact", fallbacks=("impact_rest",)),
        _step("impact_rest", "rest"),
        # Foam rolling is self-massage: whatever forbids massage forbids it too.
        _step("foam_rolling", "foam_rolling", "massage"),
        # The bath offers Epsom salts; where salts are not allowed the plain bath stays.
        _step("warm_bath", "heat", "epsom", fallbacks=("warm_bath_plain",)),
        _step("warm_bath_plain", "heat"),
        _step("pain_relief_gel", "anti_inflammatory_gel", "menthol_gel", fallbacks=("menthol_gel",)),
        _step("joint_gel", "anti_inflammatory_gel", fallbacks=("menthol_gel",), covered_by=("pain_relief_gel",)),
        _step("menthol_gel", "menthol_gel"),
        _step("active_recovery", "activity"),
        _step("warm_up_cool_down", "prevention"),
        _step("ten_percent_rule", "prevention", "impact", fallbacks=("ten_percent_return",),
              covered_by=("ten_percent_return",)),
        _step("ten_percent_return", "prevention"),
        _step("footwear", "footwear", covered_by=("foot_care",)),
        # Hot weather or too little fluid: cool down before anything else (revision 6).
        _step("cool_down_first", "cooling"),
        _step("fluids_electrolytes", "fluids"),
        # During a cramp: stretch it and rub it; each half can be filtered alone.
        _step("during_cramp", "stretching", "massage",
              fallbacks=("during_cramp_stretch", "during_cramp_rub")),
        _step("during_cramp_stretch", "stretching"),
        _step("during_cramp_rub", "massage"),
        _step("movement_breaks", "activity"),
        # Bought by size only where the veins are not the question; with varicose veins, only
        # after the blood flow in the legs is checked (contract section 3, revision 6 and 7).
        _step("compression_socks", "compression", covered_by=("vein_compression_socks",)),
        _step("vein_compression_socks", "compression"),
        _step("anti_fatigue_mat", "footwear"),
        _step("walking_plan", "activity"),
        _step("stop_smoking"),
        _step("foot_care", "footwear"),
        _step("joint_movement", "activity"),
        # One warm bath is enough advice: the joint's morning bath goes when another is shown.
        _step("joint_bath", "heat", covered_by=("warm_bath", "warm_bath_plain", "bedtime_bath")),
        _step("bedtime_bath", "heat"),
        _step("evening_caffeine"),
        _step("sleep_routine", "sleep"),
        _step("keep_active_back", "activity"),
        # Warmth on the lower back is not heat on the legs (contract), so no "heat" tag.
        _step("back_warmth", "back_warmth"),
        # The walking plan says more; a patient with both patterns gets it alone.
        _step("walking", "activity", covered_by=("walking_plan",)),
        _step("regular_activity", "activity"),
        _step("pacing", "activity"),
        _step("general_rest", "rest"),
        _step("break_from_trigger", "rest"),
        _step("gentle_movement", "activity"),
        _step("sleep", "sleep", covered_by=("sleep_routine",)),
        _step("water", "fluids", covered_by=("fluids_electrolytes",)),
        # Growing pains (revision 7, item 2): rubbing is massage, warmth is heat on the legs.
        _step("rub_aches", "massage"),
        _step("warm_legs", "heat"),
        _step("bedtime_stretch", "stretching"),
    )
}

# The stretches with drawings, by where the leg is sore; "@stretches" in a
# pattern's steps stands for those that fit the record's locations.
STRETCHES_FOR = {
    "thigh_front": ("quad_stretch",),
    "thigh_back": ("hamstring_stretch",),
    "hip_buttock": ("hamstring_stretch",),
    "knee": ("hamstring_stretch", "quad_stretch"),
    "shin": ("calf_stretch",),
    "calf": ("calf_stretch",),
    "ankle_heel": ("calf_stretch",),
    "foot": ("calf_stretch",),
    "whole_leg": ("calf_stretch", "hamstring_stretch", "quad_stretch"),
}
STRETCH_ORDER = ("calf_stretch", "hamstring_stretch", "quad_stretch")
# Overuse at the heel or foot (revision 7, item 9): calf and sole-of-the-foot stretches.
FOOT_STRETCHES = ("calf_stretch", "foot_stretch")

# Relief steps printed before all others when they apply.
FIRST_STEPS = ("cool_down_first",)
# Offered on the self-care handout after the relief steps, minus any already shown.
PREVENTION = ("warm_up_cool_down", "ten_percent_rule", "footwear", "water", "sleep")

# --- relief patterns ----------------------------------------------------------------

LATER_DURATIONS = ("4_7_days", "1_4_weeks", "over_4_weeks")
FRESH_DURATIONS = ("under_1_day", "1_3_days")


def _has(field, *values):
    return lambda r: any(v in r[field] for v in values)


def _yes(field):
    return lambda r: r.get(field) == "yes"


def clot_risks(record):
    """How many clot risk factors are `yes` (partial early-stop records count what they hold)."""
    return sum(record.get(f) == "yes" for f in CLOT_RISK_FACTORS)


def _injured(r):
    return _has("triggers", "injury", "sudden_pain_during_activity")(r)


def _fresh(r):
    return r["duration"] in FRESH_DURATIONS


def _overuse(r):
    # The contract's overuse pattern, and (revision 7, item 9) the load pattern, whose
    # heel-and-foot branch is standing work; growing pains exclude it (item 12).
    exercise = (
        "new_or_intense_exercise" in r["triggers"]
        and r["onset"] == "gradual"
        and _has("locations", "shin", "knee", "ankle_heel")(r)
    )
    return (exercise or LOAD_PATTERN(r)) and not GROWING_PAINS(r)


def _exercise_soreness(r):
    return (
        "new_or_intense_exercise" in r["triggers"]
        and not _overuse(r)
        and not GROWING_PAINS(r)
        and r["duration"] in ("under_1_day", "1_3_days", "4_7_days")
        and r["trend"] != "worse"
    )


def _hot(r):
    return "hot_weather_or_little_fluid" in r["triggers"]


@dataclass(frozen=True)
class Pattern:
    id: str
    when: Callable[[Mapping], bool]
    steps: tuple
    # Strain has two phases: `steps` while `early_when` holds, else `later_steps`.
    early_when: Callable[[Mapping], bool] = lambda r: True
    later_steps: tuple = ()


PATTERNS = (
    Pattern("growing-pains", GROWING_PAINS,
            ("rub_aches", "warm_legs", "bedtime_stretch", "@stretches")),
    Pattern("exercise-soreness", _exercise_soreness,
            ("rest", "@sore_stretches", "foam_rolling", "warm_bath", "pain_relief_gel", "active_recovery",
             "warm_up_cool_down", "ten_percent_rule")),
    Pattern("overuse", _overuse,
            ("relative_rest", "ice", "@foot_stretches", "@training", "footwear")),
    Pattern("strain", _injured,
            ("rice", "rest", "ice", "compression_bandage", "elevation", "first_days_avoid"),
            early_when=_fresh, later_steps=("@sore_stretches", "return_plan")),
    Pattern("cramps", lambda r: _hot(r) or r["muscle_cramps"] == "yes",
            ("@cool_down", "fluids_electrolytes", "calf_stretch", "during_cramp")),
    Pattern("standing-sitting", _has("triggers", "long_standing", "long_sitting_or_travel"),
            ("movement_breaks", "elevation", "compression_socks", "footwear", "anti_fatigue_mat")),
    # Walking is the treatment here: never "avoid the activity that made it sore".
    Pattern("poor-blood-flow", _yes("calf_pain_walking_relieved_by_rest"),
            ("walking_plan", "stop_smoking", "foot_care")),
    Pattern("joint", _yes("joint_pain_or_stiffness"), ("joint_movement", "joint_gel", "joint_bath")),
    Pattern("restless-legs", _yes("urge_to_move_legs"),
            ("@stretches", "bedtime_bath", "evening_caffeine", "sleep_routine")),
    Pattern("sciatica", _yes("back_pain_radiating"), ("keep_active_back", "back_warmth")),
    Pattern("varicose-veins", _yes("varicose_veins"), ("walking", "elevation", "vein_compression_socks")),
    Pattern("widespread-pain", _yes("widespread_pain"), ("regular_activity", "pacing", "sleep_routine")),
)
# Used only when no pattern above matches. The break from what brought it on
# only makes sense when the patient named a cause.
GENERAL_COMFORT = Pattern("general-comfort", lambda r: True,
                          ("general_rest", "break_from_trigger", "gentle_movement", "sleep", "water"))
PATTERN_IDS = tuple(p.id for p in PATTERNS + (GENERAL_COMFORT,))

# A pattern whose "what to expect" line gives way to a more specific one: heel pain from
# standing work is overuse (revision 7, item 9), which takes weeks, not "overnight".
EXPECT_GIVES_WAY = {"standing-sitting": ("overuse",)}


def expected_lines_for(patterns):
    """The pattern ids whose "what to expect" line prints."""
    return tuple(p for p in patterns if not set(EXPECT_GIVES_WAY.get(p, ())) & set(patterns))


# Steps an answer adds without being a relief pattern (no "what to expect" line of
# its own, and general comfort still applies when nothing else matched).
ADDED_STEPS = (
    # Revision 7, item 7: numb feet for a long time, "look at your feet every day".
    (LONG_STANDING_NUMBNESS, ("foot_care",)),
)

# --- safety filters -----------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    id: str
    when: Callable[[Mapping], bool]
    removes: frozenset


FILTERS = (
    Filter("clot_risk", lambda r: clot_risks(r) >= 1,
           frozenset({"massage", "foam_rolling", "heat", "compression"})),
    # Only heat and stretching: every other step of every pattern stays.
    Filter("fresh_injury", lambda r: _injured(r) and _fresh(r), frozenset({"heat", "stretching"})),
    Filter("poor_blood_flow", _yes("calf_pain_walking_relieved_by_rest"),
           frozenset({"ice", "cold", "compression", "elevation", "heat"})),
    Filter("under_16", lambda r: r["age_years"] < 16, frozenset({"anti_inflammatory_gel", "epsom"})),
    # Heat loses more fluid and can bring on heat illness: cool down first (revision 6).
    Filter("hot_weather", _hot, frozenset({"heat"})),
    Filter("pregnancy", _yes("pregnant_or_postpartum"), frozenset({"anti_inflammatory_gel", "flat_on_back"})),
    # A bone spot, rest or night pain, or no better after 2 weeks' rest (overuse_warning):
    # a possible stress fracture rests from running and jumping, as overuse-warning says
    # (a project filter: the runner of issue 16 was told "do less of the sport").
    Filter("stress_fracture", _yes("overuse_warning"), frozenset({"impact"})),
)

# --- pain-relief medicines (routine and self-care) -------------------------------------


def no_medicines_to_buy(record, patterns):
    """Long-standing pain all over (NICE NG193 advises against starting them) or restless
    legs alone (they do not treat it): no pain-relief medicines are offered."""
    widespread = record["widespread_pain"] == "yes" and record["duration"] == "over_4_weeks"
    return widespread or tuple(patterns) == ("restless-legs",)


def medicines(record, filters, patterns=(), disposition="routine"):
    """The medicine lines, in order: what to take, its caveats, and what never to take."""
    if no_medicines_to_buy(record, patterns):
        # "A nurse or doctor will talk with you" promises a visit: a home-care handout
        # (a clinician's downgrade) says ask one instead.
        return ("medicines_with_clinician" if disposition != "self-care" else "medicines_ask",)
    child = "under_16" in filters
    lines = ["children_paracetamol" if child else "paracetamol"]
    if "pregnancy" in filters:
        lines.append("pregnancy_paracetamol_only")
    elif "clot_risk" in filters:
        lines.append("clot_paracetamol_only")
    elif not child:
        lines.append("ibuprofen")
        if _hot(record):
            lines.append("ibuprofen_not_while_dry")
    if child:
        lines.append("never_aspirin")
    lines.append("label")
    return tuple(lines)


# --- warning signs ------------------------------------------------------------------------
# Three groups; each base item keeps the intake's exclusions so a patient's
# expected symptoms (swelling round a sprain, the sudden pain of a cramp) do
# not read as warnings.

WARNING_GROUPS = (
    ("emergency", ("chest", "cough_blood", "faint", "cold_leg", "bladder", "sudden_weakness", "fever_hot_joint")),
    ("today", ("one_leg_swollen", "red_spreading", "fever", "numb", "four_steps", "dark_urine", "bad_pain")),
    # "@timing" is the line on how long to wait before booking (see timing_items).
    ("soon", ("getting_worse", "@timing", "longer_than_expected")),
)


@dataclass(frozen=True)
class WarningAddition:
    id: str
    group: str
    # Reads the record and the facts: the matched pattern ids and the named states (STATES).
    when: Callable[[Mapping, tuple], bool]
    # Base items this one replaces: said more strongly in a higher group, or (revision 7,
    # item 10) restating what the patient already has.
    replaces: tuple = ()


def _pattern(*ids):
    return lambda r, facts: any(p in facts for p in ids)


def _hot_cramps(r, facts):
    return "cramps" in facts and _hot(r)


def _muscle_pressure(r, facts):
    # Pressure building up in a muscle: after an injury, or hard training at the shin or
    # calf (the whole leg holds both: the safer reading).
    return "strain" in facts or (bool({"overuse", "exercise-soreness"} & set(facts))
                                 and _has("locations", "shin", "calf", "whole_leg")(r))


def _torn_tendon(r, facts):
    return bool({"overuse", "strain"} & set(facts)) and _has("locations", "ankle_heel", "calf", "whole_leg")(r)


def _stress_fracture_where(group):
    # Revision 7, items 4 and 13: the hip or groin stays "today" (as possible-hip-stress-fracture);
    # the shin, knee, ankle, heel and foot go to "book a visit" (as overuse-warning).
    hip = group == "today"
    return lambda r, facts: "overuse" in facts and ("hip_buttock" in r["locations"]) == hip


WARNING_ADDITIONS = (
    WarningAddition("heat_illness", "emergency", _hot_cramps),
    WarningAddition("muscle_pressure", "emergency", _muscle_pressure),
    # After exercise, very dark urine can mean muscle breakdown: an emergency, not "today".
    WarningAddition("dark_urine_now", "emergency", _pattern("exercise-soreness", "overuse"), replaces=("dark_urine",)),
    WarningAddition("sciatica_both_legs", "emergency", _pattern("sciatica")),
    WarningAddition("bleeding_vein", "emergency", _pattern("varicose-veins")),
    WarningAddition("chest_pain_walking", "emergency", _pattern("poor-blood-flow")),
    # Pre-eclampsia can start in pregnancy or in the weeks after a birth.
    WarningAddition("pregnancy", "emergency", lambda r, facts: r.get("pregnant_or_postpartum") == "yes"),
    # A known flare's joint is hot already: with it, a fever or shivers is the emergency
    # of the base list (severe-infection), said for this joint; "a fever or chills" of
    # the "today" group would contradict it.
    WarningAddition("fever_flare_joint", "emergency", _pattern("known-joint-flare"),
                    replaces=("fever_hot_joint", "fever")),
    WarningAddition("stress_fracture", "today", _stress_fracture_where("today")),
    WarningAddition("torn_tendon", "today", _torn_tendon),
    WarningAddition("pain_at_rest", "today", _pattern("poor-blood-flow")),
    # Revision 7, item 5: the red, warm skin and the hot joint are what the patient has.
    WarningAddition("flare_changes", "today", _pattern("known-joint-flare"), replaces=("red_spreading",)),
    WarningAddition("hot_joint", "today", lambda r, facts: "joint" in facts and "known-joint-flare" not in facts),
    WarningAddition("hard_vein", "today", _pattern("varicose-veins")),
    # Revision 7, item 1: growing pains wake children at night, so night pain is no warning then.
    WarningAddition("child_limp", "today",
                    lambda r, facts: r.get("age_years", 99) < 16 and "growing-pains" not in facts),
    WarningAddition("growing_pains_changes", "today", _pattern("growing-pains")),
    # Revision 7, items 7 and 8, in place of the numbness and the swelling the patient has.
    WarningAddition("numb_feet_changes", "today", _pattern("long-standing-numbness"), replaces=("numb",)),
    WarningAddition("swelling_changes", "today", _pattern("long-standing-swelling"), replaces=("one_leg_swollen",)),
    WarningAddition("no_urine", "today", _hot_cramps),
    WarningAddition("stress_fracture_visit", "soon", _stress_fracture_where("soon")),
    # Revision 7, item 3: in pregnancy the midwife line takes its place.
    WarningAddition("cramps_keep_coming", "soon",
                    lambda r, facts: "cramps" in facts and "pregnancy-cramps" not in facts),
)

# The specific "book a visit" lines of revision 7 (item 3), in its order; any of them
# replaces the general 3-day and 2-week lines (item 11).
SPECIFIC_TIMING = (
    ("typical-overuse", lambda r: "not_better_overuse" if "new_or_intense_exercise" in r["triggers"]
     else "not_better_overuse_standing"),
    ("known", lambda r: "known_not_settling"),
    ("pregnancy-cramps", lambda r: "cramps_midwife"),
)


def timing_items(record, facts):
    """How long to wait before booking a visit: the specific lines, else the general one
    (3 days only for pain of the last 3 days; 2 weeks for a longer one)."""
    specific = tuple(line(record) for fact, line in SPECIFIC_TIMING if fact in facts)
    if specific:
        return specific
    return ("not_better_3_days",) if record.get("duration") in FRESH_DURATIONS else ("not_better_2_weeks",)


# What each warning item restates, as the parts it is made of: (the answer, the
# item that says the rest). An urgent handout leaves out what restates an answer the
# patient gave `yes` or `unsure` (they are being seen for it, contract section 3), and
# keeps the part that restates nothing they answered. foot_wound counts as a red flag
# here (revision 7, item 10).
RESTATES = {
    "chest": (("chest_pain", "breathing_only"), ("short_of_breath", "chest_only")),
    "faint": (("fainted", ""),),
    "cold_leg": (("leg_cold_or_pale", ""),),
    "bladder": (("bladder_or_bowel_change", ""),),
    "sudden_weakness": (("leg_weakness", "sudden_numbness_only"), ("numbness_or_tingling", "sudden_weakness_only")),
    "fever_hot_joint": (("fever_or_chills", ""),),
    "fever_flare_joint": (("fever_or_chills", ""),),
    "pregnancy": (("pregnancy_warning_signs", ""),),
    "one_leg_swollen": (("one_leg_swollen", ""),),
    "red_spreading": (("redness_or_warmth", ""),),
    "fever": (("fever_or_chills", ""),),
    "numb": (("numbness_or_tingling", ""),),
    "four_steps": (("cannot_bear_weight", ""),),
    "dark_urine": (("dark_urine", ""),),
    "dark_urine_now": (("dark_urine", ""),),
    "pain_at_rest": (("foot_wound", "rest_pain_only"),),
}
ANSWERED = ("yes", "unsure")
# A warning that names what an urgent rule already sends the patient in for
# (they are being seen today for it): left out of that urgent handout too, so
# that large print keeps the rest whole on page 1.
RESTATES_RULE = {"torn_tendon": "possible-tendon-rupture"}


def _not_restating(item, record):
    """The item, what is left of it, or nothing, once what the patient answered is left out."""
    parts = RESTATES.get(item, ())
    answered = [rest for flag, rest in parts if record.get(flag) in ANSWERED]
    if not answered:
        return (item,)
    if len(parts) > 1 and len(answered) == len(parts):
        return ()  # every part restates an answer
    return tuple(rest for rest in answered if rest)


def warning_items(record, facts, expect_shown, *, leave_out_answered=False, seen_for=()):
    """((group, (item, ...)), ...): the base items, then what the answers add.

    `seen_for`: the rule ids an urgent case is seen today for."""
    added = [a for a in WARNING_ADDITIONS if a.when(record, facts)]
    replaced = {key for a in added for key in a.replaces}
    if not expect_shown:
        replaced.add("longer_than_expected")  # it points to the "what to expect" lines
    groups = []
    for group, base in WARNING_GROUPS:
        items = []
        for item in base:
            items += timing_items(record, facts) if item == "@timing" else (item,)
        items = [i for i in items if i not in replaced] + [a.id for a in added if a.group == group]
        if leave_out_answered:
            items = [kept for item in items for kept in _not_restating(item, record)
                     if RESTATES_RULE.get(kept) not in seen_for]
        groups.append((group, tuple(items)))
    return tuple(groups)


# The named states of contract section 2 that change the handout's words (revision 7,
# section 3), read from the triage definitions rather than restated here.
STATES = (
    ("growing-pains", GROWING_PAINS),
    ("typical-overuse", TYPICAL_OVERUSE),
    ("known", KNOWN),
    ("pregnancy-cramps", PREGNANCY_CRAMPS),
    ("known-joint-flare", KNOWN_JOINT_FLARE),
    ("long-standing-numbness", LONG_STANDING_NUMBNESS),
    ("long-standing-swelling", LONG_STANDING_SWELLING),
)


def states(record):
    return tuple(name for name, condition in STATES if condition(record))


# --- the plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutPlan:
    language: str
    disposition: str
    emergency: bool
    early_stop: bool
    reasons: tuple  # patient-facing reasons, in the record's language, most serious first
    checked: bool  # "a nurse or doctor has checked your answers" in place of reasons left out
    now: str  # which "what to do now" block: "emergency", "urgent", "urgent_seated", "routine" or ""
    patterns: tuple  # ids of the relief patterns that matched (empty when no relief is given)
    filters: tuple  # ids of the safety filters that apply (empty on emergency and early-stop handouts)
    relief: tuple  # step keys, in order
    medicines: tuple  # medicine line keys
    expect: tuple  # pattern ids whose "what to expect" line is printed
    prevention: tuple  # step keys
    warnings: tuple  # ((group, (item, ...)), ...); empty on the emergency handout
    # Urgent: "if anything gets worse while you wait, tell a staff member at once".
    while_waiting: bool = False

    @property
    def steps(self):
        return self.relief + self.prevention

    @property
    def kind(self):
        return "emergency" if self.emergency else self.disposition

    @property
    def warning_signs(self):
        return bool(self.warnings)

    @property
    def drawings(self):
        return tuple(STEPS[k].drawing for k in self.steps if STEPS[k].drawing)


def matched_patterns(record):
    found = tuple(p for p in PATTERNS if p.when(record))
    return found or (GENERAL_COMFORT,)


def applying_filters(record):
    return tuple(f for f in FILTERS if f.when(record))


def _allowed(key, removed):
    return not (STEPS[key].tags & removed)


def _safe(keys, removed):
    """Keep allowed steps once each, in order; a removed step may give way to a fallback."""
    kept = []
    for key in keys:
        if not _allowed(key, removed):
            key = next((k for k in STEPS[key].fallbacks if _allowed(k, removed)), "")
            if not key:
                continue
        if key not in kept:
            kept.append(key)
    return tuple(kept)


def stretches_for(record):
    wanted = {s for place in record["locations"] for s in STRETCHES_FOR[place]}
    return tuple(s for s in STRETCH_ORDER if s in wanted)


def _pattern_steps(pattern, record):
    keys = pattern.steps if pattern.early_when(record) else pattern.later_steps
    out = []
    for key in keys:
        if key == "@stretches":
            out += stretches_for(record)
        elif key == "@sore_stretches":
            out += tuple(f"{s}_sore" for s in stretches_for(record))
        elif key == "@cool_down":
            out += ("cool_down_first",) if _hot(record) else ()
        elif key == "@foot_stretches":
            out += FOOT_STRETCHES if _has("locations", "ankle_heel", "foot")(record) else ()
        elif key == "@training":
            # Warm-up and the 10% rule are about exercise: not for standing work alone.
            out += ("ten_percent_rule", "warm_up_cool_down") if "new_or_intense_exercise" in record["triggers"] else ()
        elif key == "break_from_trigger" and record["triggers"] == ["none_known"]:
            continue
        else:
            out.append(key)
    return out


def _removed(record):
    return frozenset().union(*(f.removes for f in applying_filters(record)))


def relief_steps(record):
    """The filtered relief steps for the record's patterns, each once."""
    wanted = [k for pattern in matched_patterns(record) for k in _pattern_steps(pattern, record)]
    wanted += [k for when, keys in ADDED_STEPS if when(record) for k in keys]
    kept = _safe(wanted, _removed(record))
    kept = [k for k in kept if not set(STEPS[k].covered_by) & set(kept)]
    # Cooling down comes before anything else in the heat, whichever pattern came first.
    return tuple(sorted(kept, key=lambda k: k not in FIRST_STEPS))


def prevention_steps(record, shown):
    fresh = [k for k in PREVENTION if k not in shown and not set(STEPS[k].covered_by) & set(shown)]
    return _safe(fresh, _removed(record))


def _unique(texts):
    return tuple(dict.fromkeys(texts))


def patient_reasons(result):
    """(reasons, checked): the patient reasons a handout and the result page give, and
    whether "a nurse or doctor has checked your answers" stands for the ones left out.

    An emergency gives the reasons of tier emergency only (contract section 3: never a
    "today" or "before you go" beside "now"). After a clinician's downgrade, only the
    reasons whose tier is at or below the clinician's level stay (section 5); the rest
    become the "checked" line. An upgrade keeps every reason, except that an emergency
    still gives emergency reasons only (with the "checked" line when there are none).
    """
    if result.emergency:
        kept = [r for r in result.rules if r.tier == "emergency"]
        return _unique(r.patient_reason for r in kept), not kept
    level = SEVERITY[result.disposition]
    kept = [r for r in result.rules if SEVERITY[r.tier] <= level]
    return _unique(r.patient_reason for r in kept), len(kept) < len(result.rules)


def choose_sections(record, result, *, early_stop=False):
    """What the handout says, from a record and the TriageResult the patient follows.

    `result` is the clinician's decision when a case was overridden (the app
    passes store.cases.final_result). An early-stop case holds a partial
    record: it never gets relief steps, medicines or pattern warnings,
    whatever the disposition.
    """
    language = record.get("language", "en")
    if not early_stop:
        # A case stored before revision 7 has no follow-up answers: none was asked.
        record = with_follow_ups(record)
    reasons, checked = patient_reasons(result)
    base = dict(language=language, disposition=result.disposition, emergency=result.emergency,
                early_stop=early_stop, reasons=reasons, checked=checked)
    nothing = dict(patterns=(), filters=(), relief=(), medicines=(), expect=(), prevention=())
    if result.emergency:
        # Only what to do right now and why: anything more delays the call.
        return HandoutPlan(**base, now="emergency", **nothing, warnings=())
    now = "urgent" if result.disposition == "urgent" else "routine" if result.disposition == "routine" else ""
    if now == "urgent" and may_not_walk(record):
        now = "urgent_seated"
    urgent = result.disposition == "urgent"
    if early_stop:
        return HandoutPlan(**base, now=now, **nothing, while_waiting=urgent,
                           warnings=warning_items(record, (), False, leave_out_answered=urgent))
    patterns = tuple(p.id for p in matched_patterns(record))
    facts = patterns + states(record)
    # Printed whenever a filter's condition holds (what not to do, and why), urgent included.
    filters = tuple(f.id for f in applying_filters(record))
    if urgent:
        # Seen today: no self-care and no medicines, but the warnings fit this patient.
        return HandoutPlan(**base, now=now, **dict(nothing, filters=filters), while_waiting=True,
                           warnings=warning_items(record, facts, False, leave_out_answered=True,
                                                  seen_for=result.rule_ids))
    relief = relief_steps(record)
    prevention = prevention_steps(record, relief) if result.disposition == "self-care" else ()
    return HandoutPlan(
        **base, now=now, patterns=patterns, filters=filters, relief=relief,
        medicines=medicines(record, filters, patterns, result.disposition), expect=expected_lines_for(patterns), prevention=prevention,
        warnings=warning_items(record, facts, True),
    )
