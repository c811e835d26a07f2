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

from ..triage.contract import CLOT_RISK_FACTORS
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
        _step("elevation", "elevation"),
        _step("first_days_avoid"),
        _step("calf_stretch", "stretching", drawing="calf-stretch"),
        _step("hamstring_stretch", "stretching", drawing="hamstring-stretch"),
        _step("quad_stretch", "stretching", drawing="quad-stretch"),
        _step("return_plan", "activity"),
        _step("relative_rest", "rest"),
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
        _step("ten_percent_rule", "prevention"),
        _step("footwear", "footwear", covered_by=("foot_care",)),
        _step("fluids_electrolytes", "fluids"),
        # During a cramp: stretch it and rub it; each half can be filtered alone.
        _step("during_cramp", "stretching", "massage",
              fallbacks=("during_cramp_stretch", "during_cramp_rub")),
        _step("during_cramp_stretch", "stretching"),
        _step("during_cramp_rub", "massage"),
        _step("movement_breaks", "activity"),
        _step("compression_socks", "compression"),
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
    return (
        "new_or_intense_exercise" in r["triggers"]
        and r["onset"] == "gradual"
        and _has("locations", "shin", "knee", "ankle_heel")(r)
    )


def _exercise_soreness(r):
    return (
        "new_or_intense_exercise" in r["triggers"]
        and not _overuse(r)
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
    Pattern("exercise-soreness", _exercise_soreness,
            ("rest", "@stretches", "foam_rolling", "warm_bath", "pain_relief_gel", "active_recovery",
             "warm_up_cool_down", "ten_percent_rule")),
    Pattern("overuse", _overuse,
            ("relative_rest", "ice", "ten_percent_rule", "footwear", "warm_up_cool_down")),
    Pattern("strain", _injured,
            ("rice", "rest", "ice", "compression_bandage", "elevation", "first_days_avoid"),
            early_when=_fresh, later_steps=("@stretches", "return_plan")),
    Pattern("cramps", lambda r: _hot(r) or r["muscle_cramps"] == "yes",
            ("fluids_electrolytes", "calf_stretch", "during_cramp")),
    Pattern("standing-sitting", _has("triggers", "long_standing", "long_sitting_or_travel"),
            ("movement_breaks", "elevation", "compression_socks", "footwear", "anti_fatigue_mat")),
    # Walking is the treatment here: never "avoid the activity that made it sore".
    Pattern("poor-blood-flow", _yes("calf_pain_walking_relieved_by_rest"),
            ("walking_plan", "stop_smoking", "foot_care")),
    Pattern("joint", _yes("joint_pain_or_stiffness"), ("joint_movement", "joint_gel", "joint_bath")),
    Pattern("restless-legs", _yes("urge_to_move_legs"),
            ("@stretches", "bedtime_bath", "evening_caffeine", "sleep_routine")),
    Pattern("sciatica", _yes("back_pain_radiating"), ("keep_active_back", "back_warmth")),
    Pattern("varicose-veins", _yes("varicose_veins"), ("walking", "elevation", "compression_socks")),
    Pattern("widespread-pain", _yes("widespread_pain"), ("regular_activity", "pacing", "sleep_routine")),
)
# Used only when no pattern above matches. The break from what brought it on
# only makes sense when the patient named a cause.
GENERAL_COMFORT = Pattern("general-comfort", lambda r: True,
                          ("general_rest", "break_from_trigger", "gentle_movement", "sleep", "water"))
PATTERN_IDS = tuple(p.id for p in PATTERNS + (GENERAL_COMFORT,))

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
    Filter("pregnancy", _yes("pregnant_or_postpartum"), frozenset({"anti_inflammatory_gel"})),
)

# --- pain-relief medicines (routine and self-care) -------------------------------------


def medicines(record, filters):
    """The medicine lines, in order: what to take, its caveats, and what never to take."""
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
    ("emergency", ("chest", "faint", "cold_leg", "bladder", "sudden_weakness", "fever_hot_joint")),
    ("today", ("one_leg_swollen", "red_spreading", "fever", "numb", "four_steps", "dark_urine", "bad_pain")),
    ("soon", ("getting_worse", "not_better_3_days", "longer_than_expected")),
)


@dataclass(frozen=True)
class WarningAddition:
    id: str
    group: str
    # Reads the record and the matched pattern ids.
    when: Callable[[Mapping, tuple], bool]
    # A base item this one replaces (said more strongly in a higher group).
    replaces: str = ""


def _pattern(*ids):
    return lambda r, patterns: any(p in patterns for p in ids)


def _hot_cramps(r, patterns):
    return "cramps" in patterns and _hot(r)


WARNING_ADDITIONS = (
    WarningAddition("heat_illness", "emergency", _hot_cramps),
    # After exercise, very dark urine can mean muscle breakdown: an emergency, not "today".
    WarningAddition("dark_urine_now", "emergency", _pattern("exercise-soreness", "overuse"), replaces="dark_urine"),
    WarningAddition("sciatica_both_legs", "emergency", _pattern("sciatica")),
    WarningAddition("bleeding_vein", "emergency", _pattern("varicose-veins")),
    WarningAddition("chest_pain_walking", "emergency", _pattern("poor-blood-flow")),
    # Pre-eclampsia can start in pregnancy or in the weeks after a birth.
    WarningAddition("pregnancy", "emergency", lambda r, patterns: r.get("pregnant_or_postpartum") == "yes"),
    WarningAddition("stress_fracture", "today", _pattern("overuse")),
    WarningAddition("pain_at_rest", "today", _pattern("poor-blood-flow")),
    WarningAddition("hot_joint", "today", _pattern("joint")),
    WarningAddition("hard_vein", "today", _pattern("varicose-veins")),
    WarningAddition("child_limp", "today", lambda r, patterns: r.get("age_years", 99) < 16),
    WarningAddition("no_urine", "today", _hot_cramps),
    WarningAddition("cramps_keep_coming", "soon", _pattern("cramps")),
)


def warning_items(record, patterns, expect_shown):
    """((group, (item, ...)), ...): the base items, then what the answers add."""
    added = [a for a in WARNING_ADDITIONS if a.when(record, patterns)]
    replaced = {a.replaces for a in added}
    if not expect_shown:
        replaced.add("longer_than_expected")  # it points to the "what to expect" lines
    groups = []
    for group, base in WARNING_GROUPS:
        items = tuple(i for i in base if i not in replaced) + tuple(a.id for a in added if a.group == group)
        groups.append((group, items))
    return tuple(groups)


# --- the plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutPlan:
    language: str
    disposition: str
    emergency: bool
    early_stop: bool
    reasons: tuple  # patient-facing reasons, in the record's language, most serious first
    now: str  # which "what to do now" block: "emergency", "urgent", "urgent_seated", "routine" or ""
    patterns: tuple  # ids of the relief patterns that matched (empty when no relief is given)
    filters: tuple  # ids of the safety filters that apply (empty on emergency and early-stop handouts)
    relief: tuple  # step keys, in order
    medicines: tuple  # medicine line keys
    expect: tuple  # pattern ids whose "what to expect" line is printed
    prevention: tuple  # step keys
    warnings: tuple  # ((group, (item, ...)), ...); empty on the emergency handout

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
    kept = _safe(wanted, _removed(record))
    return tuple(k for k in kept if not set(STEPS[k].covered_by) & set(kept))


def prevention_steps(record, shown):
    fresh = [k for k in PREVENTION if k not in shown and not set(STEPS[k].covered_by) & set(shown)]
    return _safe(fresh, _removed(record))


def _unique(texts):
    return tuple(dict.fromkeys(texts))


def choose_sections(record, result, *, early_stop=False):
    """What the handout says, from a record and the TriageResult the patient follows.

    `result` is the clinician's decision when a case was overridden (the app
    passes store.cases.final_result). An early-stop case holds a partial
    record: it never gets relief steps, medicines or pattern warnings,
    whatever the disposition.
    """
    language = record.get("language", "en")
    base = dict(language=language, disposition=result.disposition, emergency=result.emergency,
                early_stop=early_stop, reasons=_unique(r.patient_reason for r in result.rules))
    nothing = dict(patterns=(), filters=(), relief=(), medicines=(), expect=(), prevention=())
    if result.emergency:
        # Only what to do right now and why: anything more delays the call.
        return HandoutPlan(**base, now="emergency", **nothing, warnings=())
    now = "urgent" if result.disposition == "urgent" else "routine" if result.disposition == "routine" else ""
    if now == "urgent" and may_not_walk(record):
        now = "urgent_seated"
    if early_stop:
        return HandoutPlan(**base, now=now, **nothing, warnings=warning_items(record, (), False))
    patterns = tuple(p.id for p in matched_patterns(record))
    # Printed whenever a filter's condition holds (what not to do, and why), urgent included.
    filters = tuple(f.id for f in applying_filters(record))
    if result.disposition == "urgent":
        # Seen today: no self-care and no medicines, but the warnings fit this patient.
        return HandoutPlan(**base, now=now, **dict(nothing, filters=filters),
                           warnings=warning_items(record, patterns, False))
    relief = relief_steps(record)
    prevention = prevention_steps(record, relief) if result.disposition == "self-care" else ()
    return HandoutPlan(
        **base, now=now, patterns=patterns, filters=filters, relief=relief,
        medicines=medicines(record, filters), expect=patterns, prevention=prevention,
        warnings=warning_items(record, patterns, True),
    )
