"""Reading age of the handout (contract: about 11-12 years, grade 6).

English: Flesch-Kincaid grade 7 or lower. Spanish: Fernández Huerta 70 or
higher ("bastante fácil" or easier). Scored per section, over every section
the chooser can produce, and per whole handout for every public vignette.
textstat 0.7.8 is pinned: newer versions need a dictionary download.
"""
import itertools

import pytest
import textstat

from screening.handout.content import expect_lines, filler, text
from screening.handout.sections import FILTERS, HandoutPlan, choose_sections, prevention_steps, relief_steps
from screening.triage.rules import triage
from tests.handout_helpers import all_vignette_records, calm_record

FK_MAX = 7.0
FH_MIN = 70.0
CLINIC = {"phone": "555-0142", "emergency_number": "911"}


def score(language, passage):
    textstat.set_lang(language)
    try:
        if language == "en":
            return textstat.flesch_kincaid_grade(passage)
        return textstat.fernandez_huerta(passage)
    finally:
        textstat.set_lang("en")


def assert_readable(language, passage, what):
    value = score(language, passage)
    if language == "en":
        assert value <= FK_MAX, f"{what}: Flesch-Kincaid grade {value:.1f} > {FK_MAX}: {passage}"
    else:
        assert value >= FH_MIN, f"{what}: Fernández Huerta {value:.1f} < {FH_MIN}: {passage}"


def steps_text(words, keys):
    return " ".join(f"{words['steps'][k][0]}. {words['steps'][k][1]}" for k in keys)


def sections(plan: HandoutPlan, clinic=CLINIC):
    """Each section's text as printed for this plan, as {name: text}."""
    words = text(plan.language)
    fill = filler(plan.language, **clinic)
    # The headline is a handful of words: scored with what follows it, as it is read.
    opening = f"{words['disposition_tag'][plan.kind]}. {words['disposition'][plan.kind]}."
    found = {}
    reasons = ([words["checked"]] if plan.checked else []) + list(plan.reasons)
    if plan.now:
        found["now"] = " ".join([opening, *(fill(line) for line in words["now"][plan.now])])
        found["reasons"] = " ".join(reasons)
    else:
        found["reasons"] = " ".join([opening, *reasons])
    if plan.warnings:
        found["warning_signs"] = " ".join(
            ([words["while_waiting"]] if plan.while_waiting else [])
            + [fill(words["warning_group_headings"][g]) + " " + " ".join(words["warning_items"][i] for i in items)
               for g, items in plan.warnings])
    found["avoid"] = " ".join(words["avoid"][f] for f in plan.filters)
    if plan.relief:
        found["relief"] = steps_text(words, plan.relief)
    found["medicines"] = " ".join(words["medicines"][k] for k in plan.medicines)
    found["expect"] = " ".join(expect_lines(plan))
    if plan.prevention:
        found["prevention"] = steps_text(words, plan.prevention)
    return {k: v for k, v in found.items() if v}


# Every combination of the fields the relief patterns and filters read.
TRIGGER_SETS = [["none_known"]] + [
    list(c) for n in range(1, 7) for c in itertools.combinations(
        ["new_or_intense_exercise", "injury", "sudden_pain_during_activity", "long_standing",
         "long_sitting_or_travel", "hot_weather_or_little_fluid"], n)
]


def every_relief_combination():
    seen = {}
    for triggers, onset, duration, locations, cramps, claudication, age, clot, bone in itertools.product(
        TRIGGER_SETS, ("sudden", "gradual"), ("1_3_days", "4_7_days"), (["calf"], ["shin"], ["foot"]), ("no", "yes"),
        ("no", "yes"), (35, 12), ("none", "long_travel", "pregnant_or_postpartum"), ("not_asked", "yes"),
    ):
        record = dict(calm_record(), triggers=triggers, onset=onset, duration=duration, locations=locations,
                      muscle_cramps=cramps, calf_pain_walking_relieved_by_rest=claudication, age_years=age,
                      overuse_warning=bone, walking="normal")
        if clot != "none":
            record[clot] = "yes"
        relief = relief_steps(record)
        filters = tuple(f.id for f in FILTERS if f.when(record))
        seen.setdefault((relief, prevention_steps(record, relief), filters), record)
    return seen


COMBINATIONS = every_relief_combination()


def test_the_enumeration_reaches_many_combinations():
    assert len(COMBINATIONS) > 100
    assert {f for _, _, fs in COMBINATIONS for f in fs} == {f.id for f in FILTERS}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_relief_prevention_and_avoid_section_the_chooser_can_produce(language):
    words = text(language)
    for relief, prevention, filters in COMBINATIONS:
        assert_readable(language, steps_text(words, relief), f"relief {relief}")
        if prevention:
            assert_readable(language, steps_text(words, prevention), f"prevention {prevention}")
        if filters:
            assert_readable(language, " ".join(words["avoid"][f] for f in filters), f"avoid {filters}")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind_changes", [
    {"chest_pain": "yes"}, {"pain_score": 9}, {"trend": "worse"}, {},
    {"pregnant_or_postpartum": "yes"}, {"pregnant_or_postpartum": "yes", "pain_score": 9},
], ids=["emergency", "urgent", "routine", "self-care", "pregnant-routine", "pregnant-urgent"])
def test_the_fixed_sections_of_each_disposition(language, kind_changes):
    record = calm_record(**kind_changes, language=language)
    plan = choose_sections(record, triage(record))
    for name, passage in sections(plan).items():
        if name != "reasons":  # the rules module writes those; scored with the whole handout below
            assert_readable(language, passage, name)


# A whole handout is held to grade 6 or below: Flesch-Kincaid under 7, and
# Fernández Huerta 80 or more ("fácil", the Spanish scale's sixth grade).
WHOLE_FK_MAX = 6.9
WHOLE_FH_MIN = 80.0


def pattern_handouts():
    from tests.test_handout_sections import PATTERN_RECORDS

    for name, changes in PATTERN_RECORDS.items():
        for language in ("en", "es"):
            yield f"{name}-{language}", calm_record(**changes, language=language)


@pytest.mark.parametrize("name, record", list(all_vignette_records()) + list(pattern_handouts()))
@pytest.mark.parametrize("clinic", [CLINIC, {}], ids=["configured", "unconfigured"])
def test_every_whole_handout_reads_at_grade_6_or_below(name, record, clinic):
    plan = choose_sections(record, triage(record))
    passage = " ".join(sections(plan, clinic).values())
    value = score(record["language"], passage)
    if record["language"] == "en":
        assert value <= WHOLE_FK_MAX, f"{name}: Flesch-Kincaid grade {value:.1f}"
    else:
        assert value >= WHOLE_FH_MIN, f"{name}: Fernández Huerta {value:.1f}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_step_on_its_own(language):
    words = text(language)
    for key, (title, body) in words["steps"].items():
        assert_readable(language, f"{title}. {body}", key)


def test_the_scorer_can_fail():
    hard = ("Notwithstanding contemporaneous pharmacological considerations, anti-inflammatory "
            "administration necessitates individualised consideration of contraindications.")
    assert score("en", hard) > FK_MAX
    assert score("es", "Independientemente de las consideraciones farmacológicas contemporáneas, la "
                       "administración antiinflamatoria necesita una individualización terapéutica.") < FH_MIN
