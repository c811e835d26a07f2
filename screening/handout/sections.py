"""Which sections and relief steps a patient's handout holds (contract, section 3).

Written as data for clinical review: the steps and their tags, the relief
patterns that add steps, and the safety filters that remove them by tag.
Filters always beat patterns, and a step appears once however many patterns
add it. The result is a plain `HandoutPlan`; printing it is another module's
job (screening/handout/render.py), so this one is tested without any PDF.
"""
from dataclasses import dataclass
from typing import Callable, Mapping

from ..triage.rules import clot_risks

# --- the steps ------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    tags: frozenset
    # Offered instead when a filter removes this step (and the fallback survives).
    fallback: str = ""
    # Steps that already give this step's advice, so prevention does not repeat it.
    covered_by: tuple = ()


def _step(key, *tags, fallback="", covered_by=()):
    return Step(key, frozenset(tags), fallback, covered_by)


STEPS = {
    s.key: s
    for s in (
        _step("rest", "rest"),
        _step("relative_rest", "rest"),
        # The R.I.C.E. introduction names all four parts, so it goes when any is filtered.
        _step("rice", "rest", "ice", "compression", "elevation"),
        _step("ice", "ice", "cold"),
        _step("compression_bandage", "compression"),
        _step("elevation", "elevation"),
        _step("gentle_stretching", "stretching"),
        _step("calf_stretch", "stretching"),
        # Foam rolling is self-massage: whatever forbids massage forbids it too.
        _step("foam_rolling", "foam_rolling", "massage"),
        # The bath offers Epsom salts as an option; where salts are not allowed, the plain bath stays.
        _step("warm_bath", "heat", "epsom", fallback="warm_bath_plain"),
        _step("warm_bath_plain", "heat"),
        _step("pain_relief_gel", "anti_inflammatory_gel", "menthol_gel", fallback="menthol_gel"),
        _step("menthol_gel", "menthol_gel"),
        _step("active_recovery", "activity"),
        _step("warm_up_cool_down", "prevention"),
        _step("ten_percent_rule", "prevention"),
        _step("footwear", "footwear"),
        _step("fluids_electrolytes", "fluids"),
        _step("movement_breaks", "activity"),
        _step("compression_socks", "compression"),
        _step("anti_fatigue_mat", "footwear"),
        _step("gentle_movement", "activity"),
        _step("sleep", "sleep"),
        _step("water", "fluids", covered_by=("fluids_electrolytes",)),
    )
}

# Offered on the self-care handout after the relief steps, minus any already shown.
PREVENTION = ("warm_up_cool_down", "ten_percent_rule", "footwear", "water", "sleep")

# --- relief patterns ----------------------------------------------------------------

LATER_DURATIONS = ("4_7_days", "1_4_weeks", "over_4_weeks")
FRESH_DURATIONS = ("under_1_day", "1_3_days")


def _has(field, *values):
    return lambda r: any(v in r[field] for v in values)


def _injured(r):
    return _has("triggers", "injury", "sudden_pain_during_activity")(r)


def _overuse(r):
    return (
        "new_or_intense_exercise" in r["triggers"]
        and r["onset"] == "gradual"
        and _has("locations", "shin", "knee", "ankle_heel")(r)
    )


@dataclass(frozen=True)
class Pattern:
    id: str
    when: Callable[[Mapping], bool]
    steps: tuple
    # Steps added only when `later_when` also holds (strain: stretching from day 4).
    later_when: Callable[[Mapping], bool] = lambda r: False
    later_steps: tuple = ()


PATTERNS = (
    Pattern(
        "exercise-soreness",
        lambda r: "new_or_intense_exercise" in r["triggers"] and not _overuse(r),
        ("rest", "gentle_stretching", "foam_rolling", "warm_bath", "pain_relief_gel",
         "active_recovery", "warm_up_cool_down", "ten_percent_rule"),
    ),
    Pattern(
        "overuse",
        _overuse,
        ("relative_rest", "ice", "ten_percent_rule", "footwear", "warm_up_cool_down"),
    ),
    Pattern(
        "strain",
        _injured,
        ("rice", "rest", "ice", "compression_bandage", "elevation"),
        later_when=lambda r: r["duration"] in LATER_DURATIONS,
        later_steps=("gentle_stretching",),
    ),
    Pattern(
        "cramps",
        lambda r: "hot_weather_or_little_fluid" in r["triggers"] or r["muscle_cramps"] == "yes",
        ("fluids_electrolytes", "calf_stretch"),
    ),
    Pattern(
        "standing-sitting",
        _has("triggers", "long_standing", "long_sitting_or_travel"),
        ("movement_breaks", "elevation", "compression_socks", "footwear", "anti_fatigue_mat"),
    ),
)
# Used only when no pattern above matches (for example `none_known` alone).
GENERAL_COMFORT = Pattern("general-comfort", lambda r: True, ("rest", "gentle_movement", "sleep", "water"))

# --- safety filters -----------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    id: str
    when: Callable[[Mapping], bool]
    removes: frozenset


FILTERS = (
    Filter(
        "clot_risk",
        lambda r: clot_risks(r) >= 1,
        frozenset({"massage", "foam_rolling", "heat", "compression"}),
    ),
    Filter(
        "fresh_injury",
        lambda r: _injured(r) and r["duration"] in FRESH_DURATIONS,
        frozenset({"heat", "stretching"}),
    ),
    Filter(
        "claudication",
        lambda r: r["calf_pain_walking_relieved_by_rest"] == "yes",
        frozenset({"ice", "cold", "compression", "elevation", "heat"}),
    ),
    Filter(
        "under_16",
        lambda r: r["age_years"] < 16,
        frozenset({"anti_inflammatory_gel", "epsom"}),
    ),
    Filter(
        "pregnancy",
        lambda r: r["pregnant_or_postpartum"] == "yes",
        frozenset({"anti_inflammatory_gel"}),
    ),
)

# --- warning signs added by the patient's answers ------------------------------------


@dataclass(frozen=True)
class WarningAddition:
    id: str
    group: str  # the warning group it joins: "emergency", "today" or "soon"
    when: Callable[[Mapping], bool]


WARNING_ADDITIONS = (
    # Pre-eclampsia can start in pregnancy or in the weeks after a birth.
    WarningAddition("pregnancy", "emergency", lambda r: r["pregnant_or_postpartum"] == "yes"),
)

# --- the plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutPlan:
    language: str
    disposition: str
    emergency: bool
    reasons: tuple  # patient-facing reasons, in the record's language, most serious first
    now: str  # which "what to do now" block: "emergency", "urgent", "routine" or ""
    patterns: tuple  # ids of the relief patterns that matched (empty when no relief is given)
    filters: tuple  # ids of the safety filters that apply (empty when no relief is given)
    relief: tuple  # step keys, in order
    prevention: tuple  # step keys
    come_back: bool
    warning_signs: bool
    # (group, addition id) for each warning sign the answers add; empty without warning signs.
    warning_additions: tuple = ()

    @property
    def steps(self):
        return self.relief + self.prevention

    @property
    def kind(self):
        return "emergency" if self.emergency else self.disposition


def matched_patterns(record):
    found = tuple(p for p in PATTERNS if p.when(record))
    return found or (GENERAL_COMFORT,)


def applying_filters(record):
    return tuple(f for f in FILTERS if f.when(record))


def _allowed(key, removed):
    return not (STEPS[key].tags & removed)


def _safe(keys, removed):
    """Keep allowed steps once each, in order; a removed step may give way to its fallback."""
    kept = []
    for key in keys:
        if not _allowed(key, removed):
            key = STEPS[key].fallback
            if not key or not _allowed(key, removed):
                continue
        if key not in kept:
            kept.append(key)
    return tuple(kept)


def relief_steps(record):
    """The filtered relief steps for the record's patterns, each once."""
    wanted = []
    for pattern in matched_patterns(record):
        wanted += pattern.steps
        if pattern.later_when(record):
            wanted += pattern.later_steps
    removed = frozenset().union(*(f.removes for f in applying_filters(record)))
    return _safe(wanted, removed)


def prevention_steps(record, shown):
    removed = frozenset().union(*(f.removes for f in applying_filters(record)))
    fresh = [k for k in PREVENTION if k not in shown and not set(STEPS[k].covered_by) & set(shown)]
    return _safe(fresh, removed)


def _unique(texts):
    return tuple(dict.fromkeys(texts))


def choose_sections(record, result):
    """What the handout says, from a validated record and its TriageResult."""
    language = record.get("language", "en")
    reasons = _unique(r.patient_reason for r in result.rules)
    base = dict(language=language, disposition=result.disposition, emergency=result.emergency, reasons=reasons)
    if result.emergency:
        # Only what to do right now and why: anything more delays the call.
        return HandoutPlan(**base, now="emergency", patterns=(), filters=(), relief=(), prevention=(),
                           come_back=False, warning_signs=False)
    base["warning_additions"] = tuple((a.group, a.id) for a in WARNING_ADDITIONS if a.when(record))
    if result.disposition == "urgent":
        return HandoutPlan(**base, now="urgent", patterns=(), filters=(), relief=(), prevention=(),
                           come_back=False, warning_signs=True)
    relief = relief_steps(record)
    patterns = tuple(p.id for p in matched_patterns(record))
    filters = tuple(f.id for f in applying_filters(record))
    if result.disposition == "routine":
        return HandoutPlan(**base, now="routine", patterns=patterns, filters=filters, relief=relief,
                           prevention=(), come_back=False, warning_signs=True)
    return HandoutPlan(**base, now="", patterns=patterns, filters=filters, relief=relief,
                       prevention=prevention_steps(record, relief), come_back=True, warning_signs=True)
