"""The staff side's forms (Flask-WTF: each carries its CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from ..store import users
from ..store.models import ROLES, SEVERITY
from ..web.i18n import lazy_gettext as _l
from ..web.i18n import lazy_pgettext as _lp

LEVEL_WORDS = {
    "emergency": _l("Emergency"),
    "urgent": _l("Urgent"),
    "routine": _l("Routine"),
    "self-care": _l("Self-care"),
}
# A patient's status as the queue shows it, and the one-tap buttons that move them there.
STATUS_WORDS = {
    "waiting": _l("Waiting"),
    "with-clinician": _l("With clinician"),
    "done": _lp("patient status", "Done"),
    "sent-to-emergency": _l("Sent to emergency care"),
    "left-without-being-seen": _l("Left without being seen"),
}
MOVE_WORDS = {
    "waiting": _l("Back to waiting"),
    "with-clinician": _l("With clinician"),
    "done": _lp("patient status", "Done"),
    "sent-to-emergency": _l("To emergency"),
    "left-without-being-seen": _l("Left"),
}
ROLE_WORDS = {"front-desk": _l("Front desk"), "clinician": _l("Clinician"), "admin": _l("Administrator")}
# The audit trail's actions as the admin reads them; the codes stored (and
# exported as FHIR subtypes) stay store/audit.py's ACTIONS.
ACTION_WORDS = {
    "view": _l("Case opened"),
    "queue-view": _l("Queue shown"),
    "print": _l("Handout printed"),
    "summary": _l("Staff summary printed"),
    "review": _l("Marked reviewed"),
    "override": _l("Disposition changed"),
    "acknowledge": _l("Alert acknowledged"),
    "status": _l("Patient's status changed"),
    "export": _l("Exported"),
    "import": _l("Record imported"),
    "purge": _l("Old cases deleted"),
    "sign-in": _l("Signed in"),
    "failed-sign-in": _l("Wrong password"),
    "sign-out": _l("Signed out"),
    "user-change": _l("Account changed"),
    "audit-view": _l("Audit trail read"),
    "api-refused": _l("API calls refused"),
}
REASON_MAX = 1000


class SignInForm(FlaskForm):
    username = StringField(_l("Username"), validators=[InputRequired(_l("Please type your username.")),
                                                       Length(max=120)])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Please type your password.")),
                                                         Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class ReviewForm(FlaskForm):
    """Another disposition than the rules gave, with its reason."""

    level = RadioField(
        _l("The disposition you decide"),
        choices=[SelectChoice(key, LEVEL_WORDS[key]) for key in sorted(SEVERITY, key=SEVERITY.get, reverse=True)],
        validators=[InputRequired(_l("Please choose a disposition."))],
        invalid_choice_message=_l("Please choose a disposition."),
    )
    reason = TextAreaField(
        _l("Your reason (required)"),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[DataRequired(_l("Please give the reason for your decision.")),
                    Length(max=REASON_MAX, message=_l("Please use %(max)d characters or fewer."))],
    )
    confirm_lower = BooleanField(_l("I confirm: this is a lower level than the rules gave."))


def password_rules(form, field):
    """The store's own password rules, said in the admin's language beside the field."""
    username = getattr(getattr(form, "username", None), "data", None)
    try:
        users.check_password_rules(field.data or "", (username or "").strip() or None)
    except users.AccountError as problem:
        if problem.problem == "weak":
            raise ValidationError(_l("This password is too easy to guess. Use three or four words that do not "
                                     "go together, not a common word, a name, a date or keys in a row.")) from None
        raise ValidationError(_l("Please use at least %(min)d characters, not only spaces.",
                                 min=users.PASSWORD_MIN)) from None


class UserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[InputRequired(_l("Please type a username.")), Length(max=80)])
    display_name = StringField(_l("Name shown on reviews"), validators=[Length(max=120)])
    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_WORDS[r]) for r in ROLES])
    password = PasswordField(_l("Password (%(min)d characters or more)", min=users.PASSWORD_MIN),
                             validators=[InputRequired(_l("Please type a password.")), Length(max=200),
                                         password_rules])
