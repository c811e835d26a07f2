"""Contract revision 6 (section 3): the printed handout, read back from the PDF, English and Spanish.

Most harmful first, as issue 16 found them: pressure building up in a muscle, heat
(cool down first, no warm bath, heat illness that does not settle), a torn heel
tendon, the medicine cautions and when none are offered; then the smaller items.
"""
import pytest

from screening.handout.content import text
from screening.triage.rules import triage
from tests.handout_helpers import calm_record, squash
from tests.helpers import VIGNETTES
from tests.test_handout_pdf import check_handout_text, pages_text, positive_mentions, render
from tests.test_handout_rev7 import group_text, item, printed, step

LANGUAGES = ["en", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("changes", [
    dict(triggers=["injury"], locations=["thigh_front"]),
    dict(triggers=["sudden_pain_during_activity"], locations=["calf"], duration="4_7_days"),
    dict(triggers=["new_or_intense_exercise"], locations=["shin"]),
    dict(triggers=["new_or_intense_exercise"], locations=["calf"], onset="sudden"),
], ids=["knock-thigh", "strain-calf", "overuse-shin", "soreness-calf"])
def test_pressure_building_in_a_muscle_is_an_emergency_warning(language, changes):
    got, plan = printed(changes, language)
    assert item(language, "muscle_pressure") in group_text(got, language, "emergency")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_muscle_pressure_warning_for_soreness_of_the_thigh_or_no_exercise(language):
    for changes in (dict(triggers=["new_or_intense_exercise"], locations=["thigh_front"]), {}):
        got, _ = printed(changes, language)
        assert item(language, "muscle_pressure") not in got


@pytest.mark.parametrize("language", LANGUAGES)
def test_cramps_in_the_heat_cool_down_first_with_no_warm_bath_and_the_whole_heat_illness_warning(language):
    got, plan = printed(dict(triggers=["new_or_intense_exercise", "hot_weather_or_little_fluid"],
                             locations=["thigh_front"], muscle_cramps="yes"), language)
    assert plan.relief[0] == "cool_down_first"
    assert positive_mentions(got, r"warm bath|baño tibio|epsom") == []
    assert squash(text(language)["avoid"]["hot_weather"]) in got
    heat = item(language, "heat_illness")
    assert heat in group_text(got, language, "emergency")
    for words in (("fit (seizure)", "30 minutes") if language == "en" else ("convulsión", "30 minutos")):
        assert words in heat
    assert squash(text(language)["medicines"]["ibuprofen_not_while_dry"]) in got
    # Without the heat, the same exercise keeps its warm bath.
    cool, _ = printed(dict(triggers=["new_or_intense_exercise"], locations=["thigh_front"]), language)
    assert step(language, "warm_bath") in cool and step(language, "cool_down_first") not in cool


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("changes", [
    dict(triggers=["new_or_intense_exercise"], locations=["ankle_heel"]),
    dict(triggers=["injury"], locations=["calf"]),
], ids=["achilles-overuse", "calf-strain"])
def test_a_snap_or_no_tiptoe_at_the_heel_or_calf_is_come_back_today(language, changes):
    got, _ = printed(changes, language)
    assert item(language, "torn_tendon") in group_text(got, language, "today")
    other, _ = printed(dict(changes, locations=["thigh_front"]), language)
    assert item(language, "torn_tendon") not in other


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_medicine_cautions_are_printed_whole(language):
    got, plan = printed(dict(triggers=["new_or_intense_exercise"], locations=["thigh_front"]), language)
    words = text(language)["medicines"]
    assert plan.medicines == ("paracetamol", "ibuprofen", "label")
    for key in plan.medicines:
        assert squash(words[key]) in got
    cautions = (("another medicine that has paracetamol in it", "with food or a glass of milk", "10 days",
                 "allergic to aspirin or ibuprofen", "high blood pressure") if language == "en" else
                ("otra medicina que tenga paracetamol", "con comida o con un vaso de leche", "10 días",
                 "alergia a la aspirina o al ibuprofeno", "presión alta"))
    for caution in cautions:
        assert caution in got, caution


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("changes", [
    dict(widespread_pain="yes", duration="over_4_weeks", locations=["whole_leg"]),
    dict(urge_to_move_legs="yes"),
], ids=["widespread-over-4-weeks", "restless-legs-alone"])
def test_no_pain_medicines_for_long_standing_widespread_pain_or_restless_legs_alone(language, changes):
    got, plan = printed(changes, language)
    assert plan.medicines == ("medicines_with_clinician",)
    assert squash(text(language)["medicines"]["medicines_with_clinician"]) in got
    assert "paracetamol" not in got and "ibuprof" not in got


@pytest.mark.parametrize("language", LANGUAGES)
def test_restless_legs_stretches_never_wait_for_the_worst_pain_to_pass(language):
    phrase = "once the worst pain has passed" if language == "en" else "haya pasado lo peor del dolor"
    restless, _ = printed(dict(urge_to_move_legs="yes", locations=["calf", "thigh_front"]), language)
    assert step(language, "calf_stretch") in restless and phrase not in restless
    cramps, _ = printed(dict(muscle_cramps="yes"), language)
    assert phrase not in cramps
    sore, _ = printed(dict(triggers=["new_or_intense_exercise"], locations=["calf"], onset="sudden"), language)
    assert step(language, "calf_stretch_sore") in sore and phrase in sore


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("trigger", ["long_standing", "injury"])
def test_in_pregnancy_the_leg_is_raised_lying_on_the_side(language, trigger):
    got, plan = printed(dict(pregnant_or_postpartum="yes", triggers=[trigger]), language)
    assert step(language, "elevation_on_side") in got
    assert ("higher than your heart" if language == "en" else "más alta que el corazón") not in got
    assert ("not flat on your back" if language == "en" else "no boca arriba") in got


@pytest.mark.parametrize("name", [v["name"] for v in VIGNETTES if not v["expected"]["emergency"]])
@pytest.mark.parametrize("language", LANGUAGES)
def test_coughing_up_blood_is_an_emergency_warning_on_every_handout_that_has_warnings(name, language):
    record = calm_record(**next(v["record"] for v in VIGNETTES if v["name"] == name), language=language)
    got = squash(" ".join(pages_text(render(record))))
    assert item(language, "cough_blood") in group_text(got, language, "emergency")
    assert triage(record).disposition  # every one of them prints the warning signs


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_urgent_possible_tendon_rupture_is_not_warned_of_the_tear_it_is_seen_for(language):
    # The snap at the heel is why they are seen today; a downgraded case goes home and keeps the warning.
    from screening.handout.sections import choose_sections
    from screening.triage.rules import TriageResult

    record = calm_record(triggers=["sudden_pain_during_activity"], locations=["ankle_heel"], language=language)
    result = triage(record)
    assert result.disposition == "urgent" and "possible-tendon-rupture" in result.rule_ids
    got = check_handout_text(record, " ".join(pages_text(render(record))))
    assert item(language, "torn_tendon") not in got
    downgraded = TriageResult("routine", False, result.rules, result.rules_version)
    today = dict(choose_sections(record, downgraded).warnings)["today"]
    assert "torn_tendon" in today
