"""The early stop's triage (contract section 5): only the four early-stop
rules, on a partial record that holds only the answers given."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening.triage import contract
from screening.triage.rules import (
    EARLY_STOP_FLAGS, EARLY_STOP_RULES, RULES_BY_ID, RULES_VERSION, stops_early, triage, triage_early_stop,
)
from screening.triage.validation import validate
from tests.helpers import valid_record


def test_the_early_stop_rules_are_the_contracts_four_emergency_rules():
    assert set(EARLY_STOP_RULES) == {"chest-or-breathing", "fainting", "cold-pale-leg", "bladder-bowel"}
    assert all(RULES_BY_ID[r].tier == "emergency" for r in EARLY_STOP_RULES)
    assert EARLY_STOP_FLAGS == contract.RED_FLAGS[:5]


@pytest.mark.parametrize("flag, rule", [
    ("chest_pain", "chest-or-breathing"), ("short_of_breath", "chest-or-breathing"), ("fainted", "fainting"),
    ("leg_cold_or_pale", "cold-pale-leg"), ("bladder_or_bowel_change", "bladder-bowel"),
])
def test_one_yes_alone_is_an_emergency_with_its_rule(flag, rule):
    result = triage_early_stop({"language": "en", flag: "yes"})
    assert (result.disposition, result.emergency, result.rule_ids) == ("urgent", True, [rule])
    assert result.rules_version == RULES_VERSION
    assert result.rules[0].patient_reason == RULES_BY_ID[rule].patient["en"]


def test_reasons_are_in_the_patients_language_and_rules_in_contract_order():
    result = triage_early_stop({"language": "es", "fainted": "yes", "chest_pain": "yes", "leg_cold_or_pale": "unsure"})
    assert result.rule_ids == ["chest-or-breathing", "fainting"]
    assert result.rules[0].patient_reason.startswith("Tiene dolor en el pecho")


def test_other_answers_never_add_rules():
    # Answers that would fire other rules in a whole record are ignored: an
    # early stop is never triaged beyond the four rules.
    partial = {"language": "en", "chest_pain": "yes", "fever_or_chills": "yes", "one_leg_swollen": "yes",
               "dark_urine": "yes", "pain_score": 9, "pregnancy_warning_signs": "yes", "leg_cold_or_pale": "unsure"}
    assert triage_early_stop(partial).rule_ids == ["chest-or-breathing"]
    assert "unsure-red-flag" in triage(validate(valid_record(**{k: v for k, v in partial.items()}))).rule_ids


@pytest.mark.parametrize("partial", [
    {"language": "en"},
    {"language": "en", "chest_pain": "no", "fainted": "unsure"},
    {"language": "en", "one_leg_swollen": "yes", "fever_or_chills": "yes"},
])
def test_no_early_stop_yes_is_refused(partial):
    assert not stops_early(partial)
    with pytest.raises(ValueError):
        triage_early_stop(partial)


@given(st.dictionaries(st.sampled_from(EARLY_STOP_FLAGS), st.sampled_from(contract.YES_NO_UNSURE)))
def test_it_agrees_with_the_full_triage_on_the_four_rules(answers):
    """Whatever else a whole record says, the four rules fire the same on its early-stop answers."""
    whole = triage(validate(valid_record(**answers)))
    if not stops_early(answers):
        return
    early = triage_early_stop({"language": "en", **answers})
    assert early.rule_ids == [r for r in whole.rule_ids if r in EARLY_STOP_RULES]
    assert whole.emergency and early.emergency
