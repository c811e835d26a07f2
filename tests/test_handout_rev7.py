"""Contract revision 7, section 3 (items 1-13): the printed handout, read back from the PDF.

Each test renders the handout of a record that meets one of revision 7's named
states (contract section 2) in English and Spanish, and reads where each sentence
prints: which warning group it is under, and which sentence it replaced.
"""
import pytest

from screening.handout.content import filler, text
from screening.handout.sections import choose_sections
from screening.triage.rules import triage
from tests.handout_helpers import calm_record, squash
from tests.test_handout_pdf import CLINIC, check_handout_text, figures, pages_text, positive_mentions, render
from tests.test_handout_sections import FLARE, GROWING, HEEL_AT_WORK, NUMB_FEET, SWOLLEN_FOR_MONTHS

LANGUAGES = ["en", "es"]
TYPICAL_OVERUSE = dict(triggers=["new_or_intense_exercise"], locations=["shin"], duration="1_4_weeks", trend="same",
                       overuse_warning="no")
KNOWN = dict(duration="over_4_weeks", trend="same", known_problem="other")
PREGNANCY_CRAMPS = dict(pregnant_or_postpartum="yes", muscle_cramps="yes", duration="1_4_weeks", trend="same")


def printed(changes, language):
    """The handout's text as printed, checked against its plan, and the plan."""
    record = calm_record(**changes, language=language)
    plan = choose_sections(record, triage(record))
    got = check_handout_text(record, " ".join(pages_text(render(record))), plan=plan)
    return got, plan


def item(language, key):
    return squash(text(language)["warning_items"][key])


def step(language, key):
    return squash(text(language)["steps"][key][1])


def group_text(got, language, group):
    """The printed text of one warning group: from its heading to the next group's (or the block's end)."""
    words = text(language)
    fill = filler(language, phone=CLINIC.phone)
    headings = [squash(fill(words["warning_group_headings"][g])) for g in ("emergency", "today", "soon")]
    start = got.index(headings[("emergency", "today", "soon").index(group)])
    ends = [got.find(h, start + 1) for h in headings] + [
        got.find(words[k], start + 1) for k in ("avoid_heading", "relief_heading", "medicines_heading")]
    end = min([e for e in ends if e > start] or [len(got)])
    return got[start:end]


@pytest.mark.parametrize("language", LANGUAGES)
def test_1_growing_pains_warn_of_what_growing_pains_are_not(language):
    got, plan = printed(GROWING, language)
    assert plan.kind == "self-care"
    assert item(language, "growing_pains_changes") in group_text(got, language, "today")
    assert item(language, "child_limp") not in got  # growing pains wake children at night
    # Any other child keeps "a limp, or pain that wakes them at night".
    other, _ = printed(dict(GROWING, sides="left"), language)
    assert item(language, "child_limp") in group_text(other, language, "today")
    assert item(language, "growing_pains_changes") not in other


@pytest.mark.parametrize("language", LANGUAGES)
def test_2_growing_pains_get_rubbing_warmth_bedtime_stretches_and_childrens_paracetamol(language):
    got, plan = printed(GROWING, language)
    for key in ("rub_aches", "warm_legs", "bedtime_stretch", "calf_stretch"):
        assert step(language, key) in got, key
    words = text(language)
    assert squash(words["expect"]["growing-pains"]) in got
    assert squash(words["medicines"]["children_paracetamol"]) in got
    assert squash(words["medicines"]["never_aspirin"]) in got
    assert positive_mentions(got, r"ibuprof|anti-inflammatory gel|gel antiinflamatorio|epsom") == []
    assert ("gone by the morning" if language == "en" else "se quitan para la mañana") in got


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("changes, line", [
    (TYPICAL_OVERUSE, "not_better_overuse"),
    (dict(HEEL_AT_WORK), "not_better_overuse_standing"),
    (KNOWN, "known_not_settling"),
    (PREGNANCY_CRAMPS, "cramps_midwife"),
], ids=["typical-overuse", "typical-overuse-standing", "known", "pregnancy-cramps"])
def test_3_no_three_day_line_for_typical_overuse_known_problems_or_pregnancy_cramps(language, changes, line):
    got, _ = printed(changes, language)
    soon = group_text(got, language, "soon")
    assert item(language, line) in soon
    for general in ("not_better_3_days", "not_better_2_weeks"):
        assert item(language, general) not in got, general
    if line == "cramps_midwife":
        assert item(language, "cramps_keep_coming") not in got  # the midwife line takes its place
        assert ("midwife" if language == "en" else "partera o a su médico") in soon


@pytest.mark.parametrize("language", LANGUAGES)
def test_3_the_general_lines_stay_where_no_specific_one_applies(language):
    cramps, _ = printed(dict(muscle_cramps="yes"), language)
    assert item(language, "cramps_keep_coming") in cramps and item(language, "not_better_3_days") in cramps
    longer, _ = printed(dict(muscle_cramps="yes", duration="1_4_weeks", trend="same"), language)
    assert item(language, "not_better_2_weeks") in longer and item(language, "not_better_3_days") not in longer


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("place", ["shin", "knee", "ankle_heel", "foot"])
def test_4_the_bone_spot_warning_is_book_a_visit_with_stop_running_below_the_hip(language, place):
    got, plan = printed(dict(TYPICAL_OVERUSE, locations=[place]), language)
    assert "overuse" in plan.patterns
    assert item(language, "stress_fracture_visit") in group_text(got, language, "soon")
    assert item(language, "stress_fracture") not in group_text(got, language, "today")
    assert ("Stop running and jumping until you have been seen" if language == "en"
            else "No corra ni salte hasta que le hagan la revisión") in group_text(got, language, "soon")


@pytest.mark.parametrize("language", LANGUAGES)
def test_13_at_the_hip_the_bone_spot_warning_stays_come_back_today(language):
    got, plan = printed(dict(triggers=["new_or_intense_exercise"], locations=["shin", "hip_buttock"]), language)
    assert "overuse" in plan.patterns
    assert item(language, "stress_fracture") in group_text(got, language, "today")
    assert item(language, "stress_fracture_visit") not in got


@pytest.mark.parametrize("language", LANGUAGES)
def test_5_a_known_flare_is_not_warned_of_the_hot_joint_it_has(language):
    got, plan = printed(FLARE, language)
    assert "known-joint-flare" in triage(calm_record(**FLARE)).rule_ids
    today = group_text(got, language, "today")
    assert item(language, "flare_changes") in today
    for restated in ("hot_joint", "red_spreading"):
        assert item(language, restated) not in got, restated
    # A fever with this hot joint is the emergency of the rules (severe-infection), never "today".
    assert item(language, "fever_flare_joint") in group_text(got, language, "emergency")
    assert item(language, "fever") not in got and item(language, "fever_hot_joint") not in got
    # Without the known flare, the hot-joint warning stays.
    other, _ = printed(dict(joint_pain_or_stiffness="yes", locations=["knee"]), language)
    assert item(language, "hot_joint") in other and item(language, "flare_changes") not in other


@pytest.mark.parametrize("language", LANGUAGES)
def test_7_long_standing_numbness_warns_of_foot_changes_and_checks_the_feet(language):
    got, plan = printed(NUMB_FEET, language)
    assert "long-standing-numbness" in triage(calm_record(**NUMB_FEET)).rule_ids
    assert item(language, "numb_feet_changes") in group_text(got, language, "today")
    assert item(language, "numb") not in got  # the numbness is what the patient has
    assert step(language, "foot_care") in got
    assert ("look at your feet every day" if language == "en" else "Mire sus pies todos los días") in got


@pytest.mark.parametrize("language", LANGUAGES)
def test_8_long_standing_swelling_warns_if_the_leg_changes_and_checks_before_compression(language):
    got, plan = printed(SWOLLEN_FOR_MONTHS, language)
    assert "long-standing-swelling" in triage(calm_record(**SWOLLEN_FOR_MONTHS)).rule_ids
    assert item(language, "swelling_changes") in group_text(got, language, "today")
    assert item(language, "one_leg_swollen") not in got
    assert step(language, "vein_compression_socks") in got
    assert step(language, "compression_socks") not in got  # never sent to buy a size first
    assert ("blood pressure at your ankle" if language == "en" else "presión en el tobillo") in got


@pytest.mark.parametrize("language", LANGUAGES)
def test_9_heel_pain_from_standing_work_gets_calf_and_sole_stretches_and_shoes(language):
    record = calm_record(**HEEL_AT_WORK, language=language)
    pdf = render(record)
    got = check_handout_text(record, " ".join(pages_text(pdf)))
    for key in ("calf_stretch", "foot_stretch", "footwear"):
        assert step(language, key) in got, key
    alts = text(language)["drawings"]
    assert figures(pdf) == [alts["calf-stretch"], alts["foot-stretch"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_10_an_urgent_handout_leaves_out_what_the_patient_answered_and_a_foot_wound_counts(language):
    # Poor blood flow with a foot sore: urgent (foot-wound). The sore is what they have.
    got, plan = printed(dict(calf_pain_walking_relieved_by_rest="yes", foot_wound="yes", age_years=67), language)
    assert plan.kind == "urgent" and "foot-wound" in triage(calm_record(foot_wound="yes")).rule_ids
    assert item(language, "pain_at_rest") not in got
    assert item(language, "rest_pain_only") in group_text(got, language, "today")
    assert squash(text(language)["while_waiting"]) in got
    # Numbness answered: its warnings go, the sudden weakness it did not answer stays.
    numb, plan = printed(dict(numbness_or_tingling="yes", sides="left"), language)
    assert plan.kind == "urgent"
    assert item(language, "numb") not in numb and item(language, "sudden_weakness") not in numb
    assert item(language, "sudden_weakness_only") in group_text(numb, language, "emergency")
    # An unsure answer counts too; nothing of the kind is left out on a routine handout.
    unsure, _ = printed(dict(chest_pain="unsure"), language)
    assert item(language, "chest") not in unsure and item(language, "breathing_only") in unsure
    routine, plan = printed(NUMB_FEET, language)
    assert plan.kind == "routine" and squash(text(language)["while_waiting"]) not in routine


@pytest.mark.parametrize("language", LANGUAGES)
def test_11_two_specific_book_a_visit_lines_print_once_each_in_item_3s_order(language):
    got, _ = printed(dict(TYPICAL_OVERUSE, known_problem="other"), language)
    soon = group_text(got, language, "soon")
    overuse, known = item(language, "not_better_overuse"), item(language, "known_not_settling")
    assert soon.count(overuse) == 1 and soon.count(known) == 1
    assert soon.index(overuse) < soon.index(known)
    assert item(language, "not_better_3_days") not in got and item(language, "not_better_2_weeks") not in got


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("place", [["shin"], ["thigh_front"]])
def test_12_growing_pains_print_no_exercise_soreness_or_overuse_lines(language, place):
    got, plan = printed(dict(GROWING, locations=place, triggers=["new_or_intense_exercise"]), language)
    assert plan.patterns == ("growing-pains",)
    words = text(language)
    for pattern in ("exercise-soreness", "overuse"):
        assert squash(words["expect"][pattern]) not in got, pattern
    for key in ("stress_fracture", "stress_fracture_visit", "child_limp", "dark_urine_now"):
        assert item(language, key) not in got, key
