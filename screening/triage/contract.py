"""The intake record's fields and allowed values (intake contract, section 1).

Everything that asks for, checks or prints a field takes its names and values
from here, so the form, the API, the command line and the rules cannot drift
apart.
"""
from dataclasses import dataclass

YES_NO_UNSURE = ("yes", "no", "unsure")
YES_NO = ("yes", "no")

RED_FLAGS = (
    "chest_pain",
    "short_of_breath",
    "fainted",
    "leg_cold_or_pale",
    "bladder_or_bowel_change",
    "one_leg_swollen",
    "redness_or_warmth",
    "fever_or_chills",
    "numbness_or_tingling",
    "leg_weakness",
    "cannot_bear_weight",
    "dark_urine",
    "pregnancy_warning_signs",
)
CLOT_RISK_FACTORS = (
    "recent_surgery_or_immobilised",
    "active_cancer",
    "previous_clot",
    "pregnant_or_postpartum",
    "long_travel",
)
PATTERNS = (
    "calf_pain_walking_relieved_by_rest",
    "urge_to_move_legs",
    "back_pain_radiating",
    "joint_pain_or_stiffness",
    "varicose_veins",
    "widespread_pain",
    "muscle_cramps",
)

SIDES = ("left", "right", "both")
LOCATIONS = (
    "thigh_front",
    "thigh_back",
    "hip_buttock",
    "knee",
    "shin",
    "calf",
    "ankle_heel",
    "foot",
    "whole_leg",
)
ONSETS = ("sudden", "gradual")
DURATIONS = ("under_1_day", "1_3_days", "4_7_days", "1_4_weeks", "over_4_weeks")
TRENDS = ("better", "same", "worse")
TRIGGERS = (
    "new_or_intense_exercise",
    "injury",
    "sudden_pain_during_activity",
    "long_standing",
    "long_sitting_or_travel",
    "hot_weather_or_little_fluid",
    "none_known",
)
NONE_KNOWN = "none_known"

# Revision 7's follow-up questions: optional in the record (absent means
# not_asked, which never changes a result); the form asks each only where its
# answer can change the result (see asking.py).
NOT_ASKED = "not_asked"
WALKING = ("normal", "limping", "needs_help", NOT_ASKED)
OVERUSE_WARNING = ("yes", "no", NOT_ASKED)
KNOWN_PROBLEM = ("joint", "other", "no", NOT_ASKED)
FOOT_WOUND = ("yes", "no", NOT_ASKED)
FOLLOW_UPS = ("walking", "overuse_warning", "known_problem", "foot_wound")
LANGUAGES = ("en", "es")
# A triage result's disposition (section 2), most serious first.
DISPOSITIONS = ("urgent", "routine", "self-care")
# How serious each level is (section 5): emergency > urgent > routine > self-care.
SEVERITY = {"emergency": 3, "urgent": 2, "routine": 1, "self-care": 0}
DEFAULT_LANGUAGE = "en"

PREFERRED_NAME_MAX = 80
NOTES_MAX = 1000


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "integer", "choice", "choices" (a list), or "text"
    required: bool = True
    choices: tuple = ()
    minimum: int = 0
    maximum: int = 0


FIELDS = {
    f.name: f
    for f in (
        Field("age_years", "integer", minimum=0, maximum=120),
        Field("sides", "choice", choices=SIDES),
        Field("locations", "choices", choices=LOCATIONS),
        Field("onset", "choice", choices=ONSETS),
        Field("duration", "choice", choices=DURATIONS),
        Field("pain_score", "integer", minimum=0, maximum=10),
        Field("trend", "choice", choices=TRENDS),
        Field("triggers", "choices", choices=TRIGGERS),
        *(Field(name, "choice", choices=YES_NO_UNSURE) for name in RED_FLAGS),
        *(Field(name, "choice", choices=YES_NO) for name in CLOT_RISK_FACTORS),
        *(Field(name, "choice", choices=YES_NO) for name in PATTERNS),
        Field("walking", "choice", required=False, choices=WALKING),
        Field("overuse_warning", "choice", required=False, choices=OVERUSE_WARNING),
        Field("known_problem", "choice", required=False, choices=KNOWN_PROBLEM),
        Field("foot_wound", "choice", required=False, choices=FOOT_WOUND),
        Field("preferred_name", "text", required=False, minimum=1, maximum=PREFERRED_NAME_MAX),
        Field("language", "choice", required=False, choices=LANGUAGES),
        Field("notes", "text", required=False, minimum=0, maximum=NOTES_MAX),
    )
}


def with_follow_ups(record):
    """The record with each follow-up it leaves out read as not_asked (revision 7:
    absent means not_asked; a case stored before revision 7 has none)."""
    return {**record, **{name: NOT_ASKED for name in FOLLOW_UPS if name not in record}}
