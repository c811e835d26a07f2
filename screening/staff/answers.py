"""A case's answers as the patient gave them: grouped as on the form, with the
form's question and the chosen answer's words, in the staff member's language.

Works for any field of the contract: a field the form does not group (yet)
goes under "Other answers", and a field the patient was never asked (an
early stop, or a case stored before the question existed) reads "not asked".
"""
from dataclasses import dataclass

from ..intake.forms import CHOICE_LABELS, QUESTIONS, RECORD_FIELDS, STEPS
from ..triage.asking import was_answered
from ..triage.contract import FIELDS, FOLLOW_UPS
from ..web.i18n import lazy_gettext as _l

NOT_ASKED = _l("Not asked")
LEFT_EMPTY = _l("Left empty")
OTHER = _l("Other answers")
# The form asks "Can you take four steps?" and records the opposite; staff
# read the record's own meaning.
CANNOT_BEAR_WEIGHT = _l("Cannot take four steps on the leg")
# Shown in the page header instead (the form's language).
SKIPPED = ("language",)


@dataclass(frozen=True)
class Answer:
    name: str
    question: str
    answer: str | None  # None: never asked
    # Optional questions the patient saw and left empty read "left empty".
    empty: bool = False
    # Red-flag answers other than "no" stand out on the page.
    notable: bool = False


def _words(field, value):
    if field.kind == "choices":
        return ", ".join(str(CHOICE_LABELS.get(v, v)) for v in value)
    if field.kind == "choice":
        return str(CHOICE_LABELS.get(value, value))
    return str(value)


def fields_of(form_name):
    """The record fields one of the form's questions answers: a "choose all
    that fit" list answers one yes/no field per item."""
    return RECORD_FIELDS.get(form_name, (form_name,))


def question_of(name):
    if name == "cannot_bear_weight":
        return CANNOT_BEAR_WEIGHT
    # A checklist item reads as the item's words on the form.
    return QUESTIONS.get(name) or CHOICE_LABELS.get(name, name)


def answer(record, name, early_stop=False):
    field = FIELDS[name]
    question = str(question_of(name))
    if not was_answered(name, record):
        # Only the optional free text can be seen and left empty; a follow-up
        # or a pregnancy question the form did not ask reads "not asked",
        # never "No" (a 62-year-old man was never asked about pregnancy).
        left_empty = name not in record and name not in FOLLOW_UPS and not field.required and not early_stop
        return Answer(name, question, None, empty=left_empty)
    value = record[name]
    raised = value in ("yes", "unsure") and ("unsure" in field.choices or name in FOLLOW_UPS)
    return Answer(name, question, _words(field, value), notable=bool(field.choices) and raised)


def grouped(record, early_stop=False):
    """[(section title, [Answer, ...]), ...] in the form's order (translate inside force_locale)."""
    groups, placed = [], set(SKIPPED)
    for step in STEPS:
        title = step.title
        names = [field for name in step.names for field in fields_of(name) if field in FIELDS]
        placed.update(names)
        groups.append((str(title), [answer(record, n, early_stop) for n in names]))
    rest = [n for n in FIELDS if n not in placed]
    if rest:
        groups.append((str(OTHER), [answer(record, n, early_stop) for n in rest]))
    return groups
