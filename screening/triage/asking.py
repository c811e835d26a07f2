"""Which questions the form asks, given the answers before them (contract
section 1), and what it records when it does not ask one.

The form asks by these; the staff page, the CSV and the FHIR response read
them to tell "Not asked" from a real answer, so that a 62-year-old man's
record is never shown as having answered "No" to pregnancy.
"""
from .conditions import at_least, between, has, has_none, is_, only, under, yes
from .contract import FOLLOW_UPS, NOT_ASKED
from .definitions import FOOT_OR_ANKLE, INJURY_TRIGGERS, LATER, OVERUSE_WINDOW

# A child, or an injury at 55 or over: how they walk now can change the result.
WALKING_MATTERS = under("age_years", 16) | (has("triggers", "injury") & at_least("age_years", 55))

ASKED_WHEN = {
    "pregnant_or_postpartum": between("age_years", 10, 55),
    "pregnancy_warning_signs": yes("pregnant_or_postpartum"),
    # Not asked of someone who cannot take four steps: they record needs_help.
    "walking": WALKING_MATTERS & ~yes("cannot_bear_weight"),
    "overuse_warning": OVERUSE_WINDOW,
    "known_problem": (
        yes("joint_pain_or_stiffness")
        | (yes("redness_or_warmth") & only("locations", *FOOT_OR_ANKLE))
        | is_("duration", "over_4_weeks")
        | (is_("trend", "same") & is_("duration", *LATER))
    ),
    "foot_wound": (
        yes("numbness_or_tingling")
        | yes("calf_pain_walking_relieved_by_rest")
        | (has("locations", *FOOT_OR_ANKLE) & has_none("triggers", *INJURY_TRIGGERS))
    ),
}


def asks(field, answers):
    """Whether the form asks this question, given the answers before it.

    A field without an ask condition is always asked.
    """
    condition = ASKED_WHEN.get(field)
    return condition is None or condition(answers)


def unasked_value(field, answers):
    """What the form records for a question it did not ask."""
    if field == "walking" and WALKING_MATTERS(answers):
        return "needs_help"  # cannot take four steps: asked by the four-steps question
    if field in FOLLOW_UPS:
        return NOT_ASKED
    return "no"


def was_answered(field, record):
    """Whether a stored record's value is an answer, rather than what the form
    records for a question it did not ask (shown as "Not asked").

    A follow-up is an answer unless it is not_asked (`needs_help` recorded
    from the four-steps question included: it is what the patient said). For
    the pregnancy questions, which record `no` unasked, a `yes` is an answer
    wherever it came from (an API client may send one at 60). A field missing
    from the record (an early stop, or a case stored before the question
    existed) was never answered.
    """
    if field not in record:
        return False
    if field in FOLLOW_UPS:
        return record[field] != NOT_ASKED
    if field not in ASKED_WHEN:
        return True
    return record[field] != "no" or asks(field, record)
