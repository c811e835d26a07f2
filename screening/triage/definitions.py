"""The named patterns of contract section 2 (revision 7), each written once.

The rules narrow on them, the form asks its follow-up questions by them and
the handout picks its sentences by them, so all three read the same words.
Each prints as its name inside a rule; `screening rules` spells them out.
"""
from .conditions import (
    between, clot_risks_are, has, has_none, is_, is_not, named, not_yes, only, under, yes,
)

ONE_LEG = is_("sides", "left", "right")
# Durations within the last 3 days, and from 4 days on.
RECENT = ("under_1_day", "1_3_days")
LATER = ("4_7_days", "1_4_weeks", "over_4_weeks")
NO_CLOT_RISK = clot_risks_are(lambda n: n == 0, "is 0")
NOT_WORSE = is_not("trend", "worse")
INJURY_TRIGGERS = ("injury", "sudden_pain_during_activity")
FOOT_OR_ANKLE = ("ankle_heel", "foot")

KNOWN = named("known (known_problem is joint or other)", is_("known_problem", "joint", "other"))

LOAD_PATTERN = named("the load pattern", (
    is_("onset", "gradual")
    & has_none("triggers", *INJURY_TRIGGERS)
    & only("locations", "shin", "knee", *FOOT_OR_ANKLE)
    & NO_CLOT_RISK
    & (has("triggers", "new_or_intense_exercise")
       | (has("triggers", "long_standing") & ONE_LEG & only("locations", *FOOT_OR_ANKLE)))
))

# Where the overuse_warning question is asked; typical overuse needs its `no`.
OVERUSE_WINDOW = LOAD_PATTERN & is_("duration", "4_7_days", "1_4_weeks") & NOT_WORSE

TYPICAL_OVERUSE = named("typical overuse", OVERUSE_WINDOW & is_("overuse_warning", "no"))

GROWING_PAINS = named("the growing-pains pattern", (
    between("age_years", 5, 12)
    & is_("sides", "both") & is_("onset", "gradual")
    & only("triggers", "none_known", "new_or_intense_exercise")
    & only("locations", "thigh_front", "thigh_back", "knee", "shin", "calf")
    & is_("walking", "normal") & not_yes("cannot_bear_weight") & NOT_WORSE
    & is_("joint_pain_or_stiffness", "no")
))

PREGNANCY_CRAMPS = named("pregnancy cramps", (
    yes("pregnant_or_postpartum") & yes("muscle_cramps") & is_("sides", "both")
    # The pregnancy is the one clot risk.
    & clot_risks_are(lambda n: n == 1, "is 1")
    & only("locations", "calf", "foot", "thigh_back", "thigh_front")
    & NOT_WORSE
))

KNOWN_JOINT_FLARE = named("the known joint flare", (
    is_("known_problem", "joint") & yes("redness_or_warmth") & yes("joint_pain_or_stiffness") & NOT_WORSE
    & only("locations", *FOOT_OR_ANKLE)
    & is_("fever_or_chills", "no")
    & not_yes("one_leg_swollen", "numbness_or_tingling")
    & NO_CLOT_RISK & has_none("triggers", "injury")
))

LONG_STANDING_SWELLING = named("the long-standing venous swelling", (
    yes("one_leg_swollen") & yes("varicose_veins")
    & is_("duration", "over_4_weeks") & is_("onset", "gradual") & NOT_WORSE
    & not_yes("redness_or_warmth", "fever_or_chills")
    & NO_CLOT_RISK
))

LONG_STANDING_NUMBNESS = named("the long-standing numbness", (
    yes("numbness_or_tingling") & is_("leg_weakness", "no")
    & is_("sides", "both") & is_("onset", "gradual") & is_("duration", "over_4_weeks") & NOT_WORSE
    & is_("back_pain_radiating", "no") & is_("active_cancer", "no")
    & is_("foot_wound", "no")
))

SETTLING_INJURY = named("the settling injury", (
    is_("duration", *LATER) & is_("trend", "better") & is_("walking", "normal") & not_yes("cannot_bear_weight")
))

ANKLE_SPRAIN = named("an ankle sprain", (
    has("triggers", *INJURY_TRIGGERS)
    & only("locations", *FOOT_OR_ANKLE)
    & is_("duration", "under_1_day", "1_3_days", "4_7_days", "1_4_weeks")
    & NOT_WORSE
))

CHILD = under("age_years", 16)

DEFINITIONS = (
    KNOWN, LOAD_PATTERN, TYPICAL_OVERUSE, GROWING_PAINS, PREGNANCY_CRAMPS, KNOWN_JOINT_FLARE,
    LONG_STANDING_SWELLING, LONG_STANDING_NUMBNESS, SETTLING_INJURY, ANKLE_SPRAIN,
)

