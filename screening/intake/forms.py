"""The intake form (Flask-WTF), built from the contract's fields, asked in short steps.

Every label and hint is a patient-facing sentence in the plugin's translation
domain. The form asks some things in other words than the record keeps them
(contract section 1): "Can you take four steps on this leg?" is recorded as
the opposite, `cannot_bear_weight`; the clot risk factors and the patterns
are two "choose all that fit" lists, each item recorded `yes` when chosen and
`no` when not; the pregnancy question is asked only at ages 10 to 55 and its
warning-signs follow-up only after a "yes" to it, each recorded `no` when not
asked. Revision 7's four follow-up questions are asked in the last step, each
only when triage.asking says its answer can change the result; a follow-up
not asked is recorded as asking.unasked_value gives.
"""
import re
from dataclasses import dataclass

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
from ..triage.asking import asks, unasked_value
from ..triage.rules import EARLY_STOP_FLAGS
from ..triage.validation import problems
from ..web.i18n import lazy_gettext as _l

ANSWER_PLEASE = _l("Please answer this question.")
# WTForms' own messages ("Not a valid integer value.") are not for patients
# and are not in this domain: every field that could show one gets ours.
DIGITS_ONLY = _l("Please write the number using only digits, for example 42.")
CHOOSE_SHOWN = _l("Please choose one of the answers shown.")
CHOOSE_ONE_OR_MORE = _l("Please choose at least one answer.")

# The "choose all that fit" lists: the form's own field, the record fields its items stand for.
NONE_OF_THESE = "none"
CHECKLISTS = {"clot_risks": contract.CLOT_RISK_FACTORS, "patterns": contract.PATTERNS}
# Asked the other way round, in positive words; recorded as the opposite.
FOUR_STEPS = "four_steps"
OPPOSITE = {"yes": "no", "no": "yes", "unsure": "unsure"}
# Contract section 1: the pregnancy question is asked only at these ages.
PREGNANCY_AGES = (10, 55)
NOT_ASKED = "no"

CHOICE_LABELS = {
    "yes": _l("Yes"),
    "no": _l("No"),
    "unsure": _l("Not sure"),
    "left": _l("Left leg"),
    "right": _l("Right leg"),
    "both": _l("Both legs"),
    "thigh_front": _l("Front of the thigh"),
    "thigh_back": _l("Back of the thigh"),
    "hip_buttock": _l("Hip, groin or buttock"),
    "knee": _l("Knee"),
    "shin": _l("Shin (front of lower leg)"),
    "calf": _l("Calf (back of lower leg)"),
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
    "injury": _l("A fall, a knock, a twist or another injury"),
    "sudden_pain_during_activity": _l("A sudden sharp pain or a 'pop' while active"),
    "long_standing": _l("Standing for a long time"),
    "long_sitting_or_travel": _l("Sitting for a long time, or a long trip"),
    "hot_weather_or_little_fluid": _l("Hot weather, or not drinking enough"),
    "none_known": _l("I don't know of any cause"),
    # Clot risk factors, as items of one list.
    "recent_surgery_or_immobilised": _l("Surgery, a cast, or 3 or more days in bed, in the last 12 weeks"),
    "active_cancer": _l("Cancer treatment now, or in the last 6 months"),
    "previous_clot": _l("A blood clot in a leg or a lung, at any time"),
    "pregnant_or_postpartum": _l("Pregnant now, or had a baby in the last 6 weeks"),
    "long_travel": _l("A trip of 4 hours or more sitting down, in the last 4 weeks"),
    # Patterns, as items of one list.
    "calf_pain_walking_relieved_by_rest": _l("Calf cramps when you walk, that stop when you rest"),
    "urge_to_move_legs": _l("An urge to move your legs, worse in the evening or at night"),
    "back_pain_radiating": _l("Pain that runs from your lower back down your leg"),
    "joint_pain_or_stiffness": _l("A painful or stiff hip, knee or ankle joint"),
    "varicose_veins": _l("Bulging veins, with a heavy, aching leg"),
    "widespread_pain": _l("Aches in many parts of your body, not only your legs"),
    "muscle_cramps": _l("Sudden, painful muscle cramps"),
    NONE_OF_THESE: _l("None of these"),
    # Follow-up answers as staff read them (the form words them per question, below).
    "normal": _l("Walks as well as before"),
    "limping": _l("Limps, walks slower, or now uses a stick"),
    "needs_help": _l("Can only shuffle, or now needs a frame or help"),
    "joint": _l("Yes, gout or arthritis"),
    "other": _l("Yes, something else they named"),
}

# Revision 7's follow-ups: what the form offers.
FOLLOW_UPS = contract.FOLLOW_UPS
FOLLOW_UP_CHOICES = {
    "walking": (
        ("normal", _l("As well as before")),
        ("limping", _l("On my own, but limping, slower or now with a stick")),
        ("needs_help", _l("I can only shuffle, or I now need a frame or someone to help me")),
    ),
    "overuse_warning": (("yes", _l("Yes")), ("no", _l("No")), ("unsure", _l("Not sure"))),
    "known_problem": (
        ("joint", _l("Yes, gout or arthritis")),
        ("other", _l("Yes, something else they named")),
        ("no", _l("No, or it feels different this time")),
        ("unsure", _l("Not sure")),
    ),
    "foot_wound": (("yes", _l("Yes")), ("no", _l("No")), ("unsure", _l("Not sure"))),
}
# A child's walking is asked of the parent, in other words (contract section 1).
CHILD_WALKING = (
    ("normal", _l("Yes")),
    ("limping", _l("Limping or walking differently")),
    ("needs_help", _l("Can hardly walk, or needs carrying or help")),
)
# What "Not sure" records: the answer that keeps the patient safer (contract
# section 1): a possible bone or foot problem is looked at; an unknown
# diagnosis is no diagnosis. Every other answer is recorded as it is.
UNSURE_RECORDS = {"overuse_warning": "yes", "known_problem": "no", "foot_wound": "yes"}
CHILD_AGE = 16

# Each question is short; a hint line under it says what counts.
QUESTIONS = {
    "chest_pain": _l("Do you have chest pain or a tight chest?"),
    "short_of_breath": _l("Are you short of breath?"),
    "fainted": _l("Have you fainted, or nearly fainted?"),
    "leg_cold_or_pale": _l("Is your leg or foot cold, pale or a bit blue?"),
    "bladder_or_bowel_change": _l("Since the pain started, is there a new problem with peeing or pooing?"),
    "one_leg_swollen": _l("Is your calf or your whole leg swollen on one side only?"),
    "redness_or_warmth": _l("Is the skin over the sore part red and warm?"),
    "fever_or_chills": _l("Do you have a fever or chills?"),
    "numbness_or_tingling": _l("Is your leg or foot numb, or does it tingle?"),
    "leg_weakness": _l("Does your leg give way, or does your foot drag?"),
    FOUR_STEPS: _l("Can you take four steps on this leg?"),
    "dark_urine": _l("Since the pain started, is your pee dark brown, like cola?"),
    "pregnancy_warning_signs": _l("Do you have a bad headache, blurred sight, or flashing lights?"),
    "age_years": _l("How old are you?"),
    "sides": _l("Which leg hurts?"),
    "locations": _l("Where does it hurt?"),
    "onset": _l("How did the pain start?"),
    "duration": _l("How long have you had this pain?"),
    "pain_score": _l("How bad is the pain right now?"),
    "trend": _l("Is the pain getting better or worse?"),
    "triggers": _l("What might have started it?"),
    "clot_risks": _l("Do any of these fit you?"),
    "patterns": _l("Do you have any of these?"),
    "walking": _l("Since this happened, how are you walking?"),
    "overuse_warning": _l("Does any of this fit your pain?"),
    "known_problem": _l("Has a doctor or nurse already told you what this problem is, and does it feel just like the times before?"),
    "foot_wound": _l("Do you have a sore, cut or blister on your foot or toes that is not healing, or a toe that has turned dark or black?"),
    "preferred_name": _l("What name should we use for you?"),
    "notes": _l("Is there anything else the nurse or doctor should know?"),
}

CHOOSE_ALL = _l("Choose all that fit.")
CHOOSE_ALL_OR_NONE = _l("Choose all that fit, or “None of these”.")
OPTIONAL = _l("You can leave this empty.")
HINTS = {
    "chest_pain": _l("Now, or at any time since your leg started to hurt."),
    "short_of_breath": _l("Only if this is new for you."),
    "fainted": _l("Since your leg started to hurt."),
    "bladder_or_bowel_change": _l(
        "For example: it is hard to pee, pee or poo leaks out, or you feel numb between your legs or around your bottom."
    ),
    "one_leg_swollen": _l("Swelling only around a joint that you twisted or knocked does not count."),
    "redness_or_warmth": _l(
        "Yes if it is spreading, or came without an injury. Not a bruise from a knock."
    ),
    "numbness_or_tingling": _l("Tingling can feel like pins and needles."),
    FOUR_STEPS: _l("On your own, even if you limp."),
    "pregnancy_warning_signs": _l("Say yes too if your face or hands swelled up all of a sudden."),
    "age_years": _l("In years."),
    "locations": CHOOSE_ALL,
    "pain_score": _l("0 means no pain. 10 means the worst pain you can imagine."),
    "triggers": CHOOSE_ALL,
    "clot_risks": CHOOSE_ALL_OR_NONE,
    "patterns": CHOOSE_ALL_OR_NONE,
    "overuse_warning": _l(
        "One spot on a bone hurts when you press it. Or the pain comes when you rest, or wakes you at night. "
        "Or it is no better after 2 weeks of resting it (less running, jumping or standing)."
    ),
    "preferred_name": OPTIONAL,
    "notes": OPTIONAL,
}
CHILD_WALKING_QUESTION = _l("Is your child walking, running and playing as usual, with no limp?")
# Without scripting a follow-up stays on the page: this line says who answers it.
ONLY_IF = {
    "pregnancy_warning_signs": _l("Only if you are pregnant or had a baby in the last 6 weeks."),
    "overuse_warning": _l("Only if you chose “None of these” in the list above."),
}


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    names: tuple


# The early stop's questions first (contract section 5); age ("about you")
# before the clot risks, which hold the pregnancy question it decides.
STEPS = (
    Step("safety", _l("Safety questions first"), EARLY_STOP_FLAGS),
    Step("warning-signs", _l("Other warning signs"), (
        "one_leg_swollen", "redness_or_warmth", "fever_or_chills", "numbness_or_tingling", "leg_weakness", "dark_urine",
    )),
    Step("your-leg", _l("Where and how it hurts"), ("sides", "locations", FOUR_STEPS, "pain_score")),
    Step("the-pain", _l("How it started"), ("onset", "duration", "trend", "triggers")),
    Step("about-you", _l("About you"), ("age_years", "patterns")),
    # The follow-ups come after every answer their asking depends on; only
    # overuse_warning depends on this page's own list (no clot risk).
    Step("last", _l("Last questions"), (
        "clot_risks", "pregnancy_warning_signs", *FOLLOW_UPS, "preferred_name", "notes",
    )),
)
ANSWER_NAMES = tuple(name for step in STEPS for name in step.names)
OPTIONAL_TEXT = ("preferred_name", "notes")
# The record fields a question answers, where they are not the question itself.
RECORD_FIELDS = {FOUR_STEPS: ("cannot_bear_weight",), **CHECKLISTS}
# Which question a record field's problem is shown beside.
QUESTION_OF = {field: name for name, fields in RECORD_FIELDS.items() for field in fields}
# Follow-ups on the same page as the answer they wait for: shown (by
# intake.js) only after the answer named.
ASKED_ONLY_WHEN = {
    "pregnancy_warning_signs": ("clot_risks", "pregnant_or_postpartum"),
    "overuse_warning": ("clot_risks", NONE_OF_THESE),
}
# Whole-record fields (every answer before the follow-ups is in).
REQUIRED = tuple(name for name, spec in contract.FIELDS.items() if spec.required)
# The answers of the follow-ups' own page, none of which their asking needs
# but the list of clot risks (read as "None of these" until it is sent).
SAME_PAGE = {name: "no" for name in (*contract.CLOT_RISK_FACTORS, "pregnancy_warning_signs")}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def at_least_one(form, field):
    if not field.data:
        raise StopValidation(CHOOSE_ONE_OR_MORE)


def alone(value, message):
    def check(form, field):
        if value in (field.data or []) and len(field.data) > 1:
            raise StopValidation(message)
    return check


class AskedRadioField(RadioField):
    """A question asked only when other answers call for it (form.is_asked).

    When it is not asked there is nothing to check; the answer as sent is
    kept for showing again, and the record gets what the form records unasked."""

    asked_when = None  # (question, answer) on the same page, for intake.js

    def __init__(self, *args, asked_when=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked_when = asked_when
        # Not marked required on the page: whether it is depends on other answers.
        self.flags.required = False

    def pre_validate(self, form):
        if not form.is_asked(self.name):
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


def _radio(name, choices, **kwargs):
    return RadioField(
        QUESTIONS[name],
        description=HINTS.get(name, ""),
        choices=choices,
        validators=[InputRequired(ANSWER_PLEASE)],
        invalid_value_message=CHOOSE_SHOWN,
        invalid_choice_message=CHOOSE_SHOWN,
        **kwargs,
    )


def _checklist(name, values, exclusive, exclusive_message):
    return MultiCheckboxField(
        QUESTIONS[name],
        description=HINTS.get(name, ""),
        choices=_choices(values),
        validators=[at_least_one, alone(exclusive, exclusive_message)],
        invalid_value_message=CHOOSE_SHOWN,
        invalid_choice_message=CHOOSE_SHOWN,
    )


def _field_for(spec):
    if spec.name == "pain_score":
        # A row of big numbered buttons is quicker on a tablet than typing.
        return _radio(spec.name, [SelectChoice(n, str(n)) for n in range(spec.minimum, spec.maximum + 1)], coerce=ascii_int)
    if spec.kind == "integer":
        in_range = _l("Please give a number from %(min)s to %(max)s.", min=spec.minimum, max=spec.maximum)
        return DigitsField(
            QUESTIONS[spec.name],
            description=HINTS.get(spec.name, ""),
            invalid_value_message=DIGITS_ONLY,
            validators=[InputRequired(ANSWER_PLEASE), NumberRange(spec.minimum, spec.maximum, in_range)],
        )
    if spec.kind == "choices":
        return _checklist(
            spec.name, spec.choices, contract.NONE_KNOWN,
            _l("If you choose “I don't know of any cause”, please do not choose any other cause."),
        )
    if spec.name in ASKED_ONLY_WHEN or spec.name in FOLLOW_UPS:
        choices = FOLLOW_UP_CHOICES.get(spec.name)
        return AskedRadioField(
            QUESTIONS[spec.name],
            description=HINTS.get(spec.name, ""),
            asked_when=ASKED_ONLY_WHEN.get(spec.name),
            choices=[SelectChoice(v, label) for v, label in choices] if choices else _choices(spec.choices),
            validators=[InputRequired(ANSWER_PLEASE)],
            invalid_value_message=CHOOSE_SHOWN,
            invalid_choice_message=CHOOSE_SHOWN,
        )
    return _radio(spec.name, _choices(spec.choices))


class IntakeForm(FlaskForm):
    # Named, though never shown: a field without a label makes WTForms title
    # its name through Flask-WTF's translations, which read a catalog from
    # disk on every request (a tenth of a submission's time).
    language = HiddenField(
        "language",
        filters=[lambda v: v or contract.DEFAULT_LANGUAGE], validators=[AnyOf(contract.LANGUAGES)]
    )
    preferred_name = StringField(
        QUESTIONS["preferred_name"],
        description=HINTS["preferred_name"],
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=contract.PREFERRED_NAME_MAX, message=_l("Please use %(max)d characters or fewer.")),
        ],
    )
    notes = TextAreaField(
        QUESTIONS["notes"],
        description=HINTS["notes"],
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=contract.NOTES_MAX, message=_l("Please use %(max)d characters or fewer.")),
        ],
    )
    four_steps = _radio(FOUR_STEPS, _choices(contract.YES_NO_UNSURE))
    clot_risks = _checklist(
        "clot_risks", (*contract.CLOT_RISK_FACTORS, NONE_OF_THESE), NONE_OF_THESE,
        _l("If you choose “None of these”, please do not choose anything else."),
    )
    patterns = _checklist(
        "patterns", (*contract.PATTERNS, NONE_OF_THESE), NONE_OF_THESE,
        _l("If you choose “None of these”, please do not choose anything else."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        age = self.age_years.data
        if isinstance(age, int) and age < CHILD_AGE:
            # Asked of the parent, in the contract's words for a child.
            self.walking.label.text = CHILD_WALKING_QUESTION
            self.walking.choices = [SelectChoice(v, label) for v, label in CHILD_WALKING]

    # --- which questions are asked -------------------------------------------

    def pregnancy_applies(self):
        """Contract section 1: asked at ages 10 to 55. While the age is not
        known (not answered, or not valid) it is asked: better asked than missed."""
        age = self.age_years.data
        return age is None or PREGNANCY_AGES[0] <= age <= PREGNANCY_AGES[1]

    def shows_choice(self, name, value):
        return not (name == "clot_risks" and value == "pregnant_or_postpartum" and not self.pregnancy_applies())

    def is_shown(self, name):
        """Whether a question is on its step's page at all."""
        if name == "pregnancy_warning_signs":
            return self.pregnancy_applies()
        if name in FOLLOW_UPS:
            return bool(self.follow_up_applies(name))
        return True

    def is_asked(self, name):
        """Whether a question counts: shown, and for a follow-up, its answer given."""
        if name in ASKED_ONLY_WHEN:
            after, value = ASKED_ONLY_WHEN[name]
            return self.is_shown(name) and value in (self[after].data or [])
        return self.is_shown(name)

    def follow_up_applies(self, name):
        """Whether the earlier answers call for this follow-up (the list on its
        own page taken as "None of these": intake.js hides it otherwise), or
        None while an earlier answer is missing."""
        base = self.earlier_answers()
        if not all(field in base for field in REQUIRED if field not in SAME_PAGE):
            return None
        return asks(name, {**base, **SAME_PAGE})

    # --- the record -----------------------------------------------------------

    def answers(self):
        """The record entries of every answer given that passed the form's
        checks (call after validate()): the whole record once every question
        is answered, and an early stop's partial record before that."""
        found = self.earlier_answers()
        if all(field in found for field in REQUIRED):
            for name in FOLLOW_UPS:
                if not asks(name, found):
                    found[name] = unasked_value(name, found)
                elif not self[name].errors and self[name].data in dict(FOLLOW_UP_CHOICES[name]):
                    answer = self[name].data
                    found[name] = UNSURE_RECORDS[name] if answer == "unsure" else answer
        return found

    def earlier_answers(self):
        """answers() without the follow-ups: what their asking depends on."""
        found = {"language": self.language.data if self.language.data in contract.LANGUAGES
                 else contract.DEFAULT_LANGUAGE}
        for name in ANSWER_NAMES:
            field = self[name]
            if field.errors or field.data in (None, "", []) or name in ASKED_ONLY_WHEN or name in FOLLOW_UPS:
                continue
            if name in CHECKLISTS:
                found.update({item: "yes" if item in field.data else "no" for item in CHECKLISTS[name]})
            elif name == FOUR_STEPS:
                found["cannot_bear_weight"] = OPPOSITE[field.data]
            else:
                found[name] = field.data
        if "pregnant_or_postpartum" in found:
            if not self.pregnancy_applies():
                found["pregnant_or_postpartum"] = NOT_ASKED
            if found["pregnant_or_postpartum"] != "yes":
                found["pregnancy_warning_signs"] = NOT_ASKED
            elif self.pregnancy_warning_signs.data and not self.pregnancy_warning_signs.errors:
                found["pregnancy_warning_signs"] = self.pregnancy_warning_signs.data
        return found

    def record(self):
        """The whole contract record (call after a validate() that passed)."""
        return self.answers()

    def partial_record(self):
        """The answers given so far, each valid on its own (contract section 5)."""
        found = self.answers()
        refused = {p.field for p in problems(found)}
        return {name: value for name, value in found.items() if name not in refused}

    def check_answers(self, names):
        """After validate(): put any contract problem of these questions'
        answers beside the question; the names with a problem, in order."""
        for problem in problems(self.answers()):
            name = QUESTION_OF.get(problem.field, problem.field)
            if name in names and name in self and self.is_asked(name) and not self[name].errors:
                message = CONTRACT_MESSAGES.get(problem.field, ANSWER_PLEASE)
                self[name].errors = list(self[name].errors) + [message]
        return [name for name in names if self.is_asked(name) and self[name].errors]

    def raw_answers(self, leave_out=()):
        """The answers as sent, to carry to another step: {name: [text, ...]}.

        A follow-up that the earlier answers, as changed, no longer call for
        is forgotten (contract section 1): asked again later, it starts empty.
        """
        return {
            name: list(self[name].raw_data)
            for name in ANSWER_NAMES
            if name not in leave_out and self[name].raw_data
            and not (name in FOLLOW_UPS and self.follow_up_applies(name) is False)
        }

    def forget_problems(self):
        """Before showing another step: its questions were checked, not yet asked."""
        for field in self:
            field.errors = []
        self._errors = None

    def clear(self, names):
        """Forget these answers (the patient said an answer was a mistake)."""
        for name in names:
            self[name].data = None
            self[name].raw_data = []


CONTRACT_MESSAGES = {"preferred_name": _l("Please type a name with letters or numbers, or leave this empty.")}

for _spec in contract.FIELDS.values():
    if _spec.name in ANSWER_NAMES and _spec.name not in OPTIONAL_TEXT:
        setattr(IntakeForm, _spec.name, _field_for(_spec))


def form_values(record):
    """What the form's fields send for a record: the inverse of answers(),
    for tests and for anything that fills the form from a record."""
    values = {}
    for name in ANSWER_NAMES:
        if name in CHECKLISTS:
            chosen = [item for item in CHECKLISTS[name] if record.get(item) == "yes"]
            if any(item in record for item in CHECKLISTS[name]):
                values[name] = chosen or [NONE_OF_THESE]
        elif name == FOUR_STEPS:
            if "cannot_bear_weight" in record:
                values[name] = OPPOSITE[record["cannot_bear_weight"]]
        elif name in FOLLOW_UPS:
            if record.get(name, contract.NOT_ASKED) != contract.NOT_ASKED:
                values[name] = record[name]
        elif name in record:
            values[name] = record[name]
    if "language" in record:
        values["language"] = record["language"]
    return values
