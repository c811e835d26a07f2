"""The intake form (Flask-WTF), built from the contract's fields.

Questions are grouped in short sections, the red flags first. Every label is
a patient-facing sentence in the plugin's translation domain.
"""
import re

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from ..triage import contract
from ..web.i18n import lazy_gettext as _l
from ..triage.validation import problems

ANSWER_PLEASE = _l("Please answer this question.")
# WTForms' own messages ("Not a valid integer value.") are not for patients
# and are not in this domain: every field that could show one gets ours.
DIGITS_ONLY = _l("Please write the number using only digits, for example 42.")
CHOOSE_SHOWN = _l("Please choose one of the answers shown.")

CHOICE_LABELS = {
    "yes": _l("Yes"),
    "no": _l("No"),
    "unsure": _l("Not sure"),
    "left": _l("Left leg"),
    "right": _l("Right leg"),
    "both": _l("Both legs"),
    "thigh_front": _l("Front of the thigh"),
    "thigh_back": _l("Back of the thigh"),
    "hip_buttock": _l("Hip or buttock"),
    "knee": _l("Knee"),
    "shin": _l("Shin (front of the lower leg)"),
    "calf": _l("Calf (back of the lower leg)"),
    "ankle_heel": _l("Ankle or heel"),
    "foot": _l("Foot"),
    "whole_leg": _l("The whole leg"),
    "sudden": _l("Suddenly, at one moment"),
    "gradual": _l("Slowly, over hours or days"),
    "under_1_day": _l("Less than 1 day"),
    "1_3_days": _l("1 to 3 days"),
    "4_7_days": _l("4 to 7 days"),
    "1_4_weeks": _l("1 to 4 weeks"),
    "over_4_weeks": _l("More than 4 weeks"),
    "better": _l("Getting better"),
    "same": _l("About the same"),
    "worse": _l("Getting worse"),
    "new_or_intense_exercise": _l("New, harder or longer exercise"),
    "injury": _l("A fall, knock, twist or other injury"),
    "sudden_pain_during_activity": _l("A sudden sharp pain or a 'pop' while active"),
    "long_standing": _l("Standing for a long time"),
    "long_sitting_or_travel": _l("Sitting for a long time, or a long trip"),
    "hot_weather_or_little_fluid": _l("Hot weather, or not drinking enough"),
    "none_known": _l("I don't know of any cause"),
}

QUESTIONS = {
    "chest_pain": _l("Do you have chest pain or a tight chest, now or since the leg pain started?"),
    "short_of_breath": _l("Are you short of breath in a way that is new for you?"),
    "fainted": _l("Have you fainted, or nearly fainted, since the leg pain started?"),
    "leg_cold_or_pale": _l("Is your leg or foot cold, pale or a bit blue?"),
    "bladder_or_bowel_change": _l(
        "Since the pain started, have you had new trouble peeing, leaked pee or poo without meaning to, "
        "or felt numb between your legs or around your bottom?"
    ),
    "one_leg_swollen": _l(
        "Is your calf or whole leg swollen on one side only? "
        "(Not just swelling around a joint you twisted or knocked.)"
    ),
    "redness_or_warmth": _l(
        "Is the skin over the sore part red and warm, and is the redness spreading, "
        "or did it come without an injury? (A bruise after a knock does not count.)"
    ),
    "fever_or_chills": _l("Do you have a fever or chills?"),
    "numbness_or_tingling": _l("Is your leg or foot numb, or does it tingle (pins and needles)?"),
    "leg_weakness": _l("Does your leg give way, or does your foot drag?"),
    "cannot_bear_weight": _l("Are you unable to take four steps on this leg?"),
    "dark_urine": _l("Since the pain started, has your pee been dark brown or the colour of cola?"),
    "pregnancy_warning_signs": _l(
        "Do you have a bad headache, blurred vision or flashing lights, or sudden swelling of your face or hands?"
    ),
    "age_years": _l("How old are you? (years)"),
    "sides": _l("Which leg hurts?"),
    "locations": _l("Where does it hurt? Choose all that fit."),
    "onset": _l("How did the pain start?"),
    "duration": _l("How long have you had this pain?"),
    "pain_score": _l("How bad is the pain right now? 0 means no pain, 10 means the worst pain you can imagine."),
    "trend": _l("Is the pain getting better or worse?"),
    "triggers": _l("What might have started it? Choose all that fit."),
    "recent_surgery_or_immobilised": _l(
        "In the last 12 weeks, have you had surgery, a cast, or 3 or more days in bed?"
    ),
    "active_cancer": _l("Are you being treated for cancer, or were you in the last 6 months?"),
    "previous_clot": _l("Have you ever had a blood clot in a leg or a lung?"),
    "pregnant_or_postpartum": _l("Are you pregnant, or did you give birth in the last 6 weeks?"),
    "long_travel": _l("In the last 4 weeks, did you sit for a trip of 4 hours or more?"),
    "calf_pain_walking_relieved_by_rest": _l("Do you get calf cramps when you walk that go away when you rest?"),
    "urge_to_move_legs": _l("Do you feel you must move your legs, and is it worse in the evening or at night?"),
    "back_pain_radiating": _l("Does pain run from your lower back down your leg?"),
    "joint_pain_or_stiffness": _l("Is your hip, knee or ankle joint painful or stiff?"),
    "varicose_veins": _l("Do you have bulging veins, with a heavy, aching leg?"),
    "widespread_pain": _l("Do you ache in many parts of your body, not only your legs?"),
    "muscle_cramps": _l("Do you get sudden, painful muscle cramps?"),
    "preferred_name": _l("What name should we use for you? (optional)"),
    "notes": _l("Anything else you want the nurse or doctor to know? (optional)"),
}

# A line under the question, for patients who may not need to answer it.
HINTS = {
    "pregnancy_warning_signs": _l("Only if you are pregnant or had a baby in the last 6 weeks"),
}

# Questions asked only when another question has a given answer (contract
# section 1). They are asked right after that question (a small script shows
# them only when the answer is given); whenever it is not, the form records
# NOT_ASKED for them, whatever was sent.
ASKED_ONLY_WHEN = {
    "pregnancy_warning_signs": ("pregnant_or_postpartum", "yes"),
}
NOT_ASKED = "no"


def _with_follow_ups(names):
    """The names in order, each followed by the questions asked only after it."""
    ordered = []
    for name in names:
        if name not in ASKED_ONLY_WHEN:
            ordered.append(name)
            ordered += [f for f, (after, _value) in ASKED_ONLY_WHEN.items() if after == name]
    return tuple(ordered)


# Short sections, red flags first: the questions that can send someone to
# emergency care are asked while the patient is still fresh.
SECTIONS = (
    (_l("First, some safety questions"), _with_follow_ups(contract.RED_FLAGS)),
    (_l("About you and your leg"), ("age_years", "sides", "locations")),
    (_l("About the pain"), ("onset", "duration", "pain_score", "trend", "triggers")),
    (_l("Things that can make a blood clot more likely"), _with_follow_ups(contract.CLOT_RISK_FACTORS)),
    (_l("What the pain is like"), contract.PATTERNS),
    (_l("Last, and optional"), ("preferred_name", "notes")),
)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def at_least_one(form, field):
    if not field.data:
        raise StopValidation(_l("Please choose at least one answer."))


def none_known_alone(form, field):
    if contract.NONE_KNOWN in (field.data or []) and len(field.data) > 1:
        raise StopValidation(_l("If you choose “I don't know of any cause”, please do not choose any other cause."))


class FollowUpRadioField(RadioField):
    """A question asked only when another has a given answer (ASKED_ONLY_WHEN).

    When it is not asked there is nothing to check; the answer as sent is
    kept for showing again, and the record gets NOT_ASKED."""

    def __init__(self, *args, asked_when, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked_when = asked_when
        # Not marked required on the page: whether it is depends on another answer.
        self.flags.required = False

    def is_asked(self, form):
        after, value = self.asked_when
        return form[after].data == value

    def pre_validate(self, form):
        if not self.is_asked(form):
            raise StopValidation()  # no message: not an error
        super().pre_validate(form)


def ascii_int(value):
    """int() of ASCII digits only: int() itself also takes "٤٢", "4_2" and " 42 ".
    A leading minus passes, so that -1 gets the clearer out-of-range message."""
    if isinstance(value, str) and not re.fullmatch(r"-?[0-9]+", value):
        raise ValueError("not ASCII digits")
    return int(value)


class DigitsField(IntegerField):
    """A whole number typed in ASCII digits, or DIGITS_ONLY beside the question."""

    def process_formdata(self, valuelist):
        if valuelist:
            try:
                self.data = ascii_int(valuelist[0])
            except ValueError as error:  # also a number too long for int()
                self.data = None
                raise ValueError(self.invalid_value_message) from error


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _choices(values):
    return [SelectChoice(v, CHOICE_LABELS.get(v, v)) for v in values]


def _field_for(spec):
    label = QUESTIONS[spec.name]
    if spec.name == "pain_score":
        # A row of big numbered buttons is quicker on a tablet than typing.
        return RadioField(
            label,
            choices=[SelectChoice(n, str(n)) for n in range(spec.minimum, spec.maximum + 1)],
            coerce=ascii_int,
            validators=[InputRequired(ANSWER_PLEASE)],
            invalid_value_message=CHOOSE_SHOWN,
            invalid_choice_message=CHOOSE_SHOWN,
        )
    if spec.kind == "integer":
        in_range = _l("Please give a number from %(min)s to %(max)s.", min=spec.minimum, max=spec.maximum)
        return DigitsField(
            label,
            invalid_value_message=DIGITS_ONLY,
            validators=[InputRequired(ANSWER_PLEASE), NumberRange(spec.minimum, spec.maximum, in_range)],
        )
    if spec.kind == "choices":
        return MultiCheckboxField(
            label,
            choices=_choices(spec.choices),
            validators=[at_least_one, none_known_alone],
            invalid_value_message=CHOOSE_SHOWN,
            invalid_choice_message=CHOOSE_SHOWN,
        )
    if spec.kind == "choice":
        follow_up = {"asked_when": ASKED_ONLY_WHEN[spec.name]} if spec.name in ASKED_ONLY_WHEN else {}
        return (FollowUpRadioField if follow_up else RadioField)(
            label,
            description=HINTS.get(spec.name, ""),
            **follow_up,
            choices=_choices(spec.choices),
            validators=[InputRequired(ANSWER_PLEASE)],
            invalid_value_message=CHOOSE_SHOWN,
            invalid_choice_message=CHOOSE_SHOWN,
        )
    raise ValueError(spec.kind)


class IntakeForm(FlaskForm):
    language = HiddenField(
        filters=[lambda v: v or contract.DEFAULT_LANGUAGE], validators=[AnyOf(contract.LANGUAGES)]
    )
    preferred_name = StringField(
        QUESTIONS["preferred_name"],
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=contract.PREFERRED_NAME_MAX, message=_l("Please use %(max)d characters or fewer.")),
        ],
    )
    notes = TextAreaField(
        QUESTIONS["notes"],
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=contract.NOTES_MAX, message=_l("Please use %(max)d characters or fewer.")),
        ],
    )

    def record(self):
        """The contract record these answers make (call after validate())."""
        record = {name: self[name].data for name in contract.FIELDS if name not in OPTIONAL_TEXT}
        for name in ASKED_ONLY_WHEN:
            if not self[name].is_asked(self):
                record[name] = NOT_ASKED
        for name in OPTIONAL_TEXT:
            if self[name].data:
                record[name] = self[name].data
        return record

    def unanswered_in_order(self):
        """Names of the questions with a problem, in the order they are asked."""
        return [name for _title, names in SECTIONS for name in names if self[name].errors]

    def add_contract_problems(self):
        """Put any contract problem left after the form's own checks beside
        its question; True when there was none."""
        found = problems(self.record())
        for problem in found:
            message = CONTRACT_MESSAGES.get(problem.field, _l("Please check this answer."))
            self[problem.field].errors = list(self[problem.field].errors) + [message]
        return not found


OPTIONAL_TEXT = ("preferred_name", "notes")
CONTRACT_MESSAGES = {"preferred_name": _l("Please type a name with letters or numbers, or leave this empty.")}

for _spec in contract.FIELDS.values():
    if _spec.name not in ("language", *OPTIONAL_TEXT):
        setattr(IntakeForm, _spec.name, _field_for(_spec))
