"""The patient's pages: the form in steps, the early stop, the result and the handout.

Between steps nothing is stored: the other steps' answers ride along in a
signed hidden field (carry.py), and a case is stored only when the last step
is sent with every answer valid, or when the patient confirms an early-stop
answer (contract section 5). The stored case's result is bound to the
browser that sent it: its token sits in the session, never in a URL, so no
access log or browser history holds a way to it, and it closes
SCREENING_RESULT_MINUTES after it was stored.
"""
from flask import Blueprint, abort, current_app, make_response, redirect, request, session, url_for
from flask_babel import force_locale
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import MultiDict
from wtforms import PasswordField

from ..handout.onscreen import result_words
from ..store import cases
from ..store.engine import error_kind
from ..triage.contract import LANGUAGES
from ..triage.rules import EARLY_STOP_FLAGS, may_not_walk, stops_early, triage, triage_early_stop
from ..web import i18n, kiosk
from ..web.printing import clinic_info, handout_pdf, handout_response
from ..web.prerender import after_stored as prerender_handout
from ..web.root import error_page, render_in
from ..web.state import db_session
from . import blank, carry, devices, printing
from .forms import ANSWER_NAMES, ONLY_IF, STEPS, IntakeForm

bp = Blueprint("intake", __name__)

FORM = "screening.intake.form"
# The session key holding the token of the case this browser may see.
RESULT = "screening_result"
LAST = len(STEPS) - 1
RESULT_FORMS = ("screening.intake.print_handout", "screening.intake.close_result", "screening.intake.give_name")


# --- the form ----------------------------------------------------------------


def render_step(form, language, index, status=200, resend=False, not_saved=False, confirm=None):
    """One step of the form, or (confirm: the early-stop answers) the "is this right?" page.

    Every answer not asked on this page rides along in the carried field.
    """
    on_page = () if confirm else STEPS[index].names
    page = render_in(
        language,
        "screening/intake.html",
        form=form,
        steps=STEPS,
        index=index,
        step=STEPS[index],
        errors=[name for name in on_page if form.is_asked(name) and form[name].errors],
        carried=carry.dumps(form.raw_answers(leave_out=on_page)),
        confirm=confirm,
        early_stop_flags=EARLY_STOP_FLAGS,
        only_if=ONLY_IF,
        resend=resend,
        not_saved=not_saved,
        kiosk_timer=kiosk.timer_attributes(language),
    )
    return page, status


def step_sent():
    """The step a post came from (its questions are on the page), or None for
    a post of the whole form at once (an older page, a test): then every
    answer is read from the post and checked."""
    try:
        index = int(request.form.get("step", ""))
    except ValueError:
        return None
    return index if 0 <= index <= LAST else None


def posted_form(index):
    """The form from this post: the page's own questions as sent, the rest as carried."""
    on_page = set(ANSWER_NAMES if index is None else STEPS[index].names)
    if request.form.get("confirm"):
        on_page = set()  # the "is this right?" page asks nothing itself
    carried = carry.loads(request.form.get(carry.FIELD))
    data = MultiDict()
    for key in ("csrf_token", "language"):
        data.setlist(key, request.form.getlist(key))
    for name in ANSWER_NAMES:
        values = request.form.getlist(name) if name in on_page else carried.get(name, [])
        if values:
            data.setlist(name, values)
    return IntakeForm(formdata=data)


@bp.get("/start")
def start():
    """The kiosk's start screen: the language choice, and nobody's answers."""
    session.pop(RESULT, None)
    language = i18n.language_or_default(request.args.get("lang"))
    return render_in(language, "screening/start.html")


@bp.route("/", methods=["GET", "POST"])
def form():
    if request.method == "GET":
        chosen = request.args.get("lang")
        if kiosk.enabled() and chosen not in LANGUAGES:
            return redirect(url_for(".start"), code=303)
        # A new form: the last result is not reachable from here with Back.
        session.pop(RESULT, None)
        language = i18n.language_or_default(chosen)

        def draw():
            return render_step(IntakeForm(formdata=None, language=language), language, 0)[0]

        return blank.first_step(language, draw)

    index = step_sent()
    form = posted_form(index)
    # A whole-form post is answered as if sent from the last step (its Send).
    here = LAST if index is None else index
    confirming = bool(request.form.get("confirm"))
    switch_to = request.form.get("switch_language")
    if switch_to in LANGUAGES:
        # Same answers, other language: nothing is checked or stored yet.
        form.language.data = switch_to
        return render_step(form, switch_to, here, confirm=early_stop_answers(form) if confirming else None)
    language = i18n.language_or_default(form.language.data)
    go = request.form.get("go", "next")
    if go == "back":
        return render_step(form, language, max(here - 1, 0))
    if go == "change":
        # "No, change my answer" on the no-script check: ask those questions again.
        form.clear(early_stop_answers(form))
        return render_step(form, language, 0)

    # Validate in the patient's language: some messages are made right here.
    # A step before the last checks its own questions; the last (or the whole
    # form at once) checks every answer again.
    checked = STEPS[index].names if index is not None and index < LAST else ANSWER_NAMES
    with force_locale(language):
        form.validate()
        wrong = form.check_answers(checked)
    if form.csrf_token.errors:
        return token_refused(form, language, here, confirming)
    if go == "emergency":
        return early_stop(form, language)
    if index is not None and index < LAST:
        if wrong:
            return render_step(form, language, index, status=400)
        if index == 0 and stops_early(form.answers()):
            # Without scripting, the "is this right?" check comes as its own page.
            return render_step(form, language, 0, confirm=early_stop_answers(form))
        form.forget_problems()
        return render_step(form, language, index + 1)
    if wrong:
        return render_step(form, language, first_step_asking(wrong), status=400)
    record = form.record()
    return store(form, record, triage(record), language, here)


def first_step_asking(names):
    """The number of the first step that asks any of these questions."""
    return next(number for number, step in enumerate(STEPS) if set(names).intersection(step.names))


def early_stop_answers(form):
    """The early-stop questions answered `yes`, for the "is this right?" check."""
    return [name for name in EARLY_STOP_FLAGS if form[name].data == "yes" and not form[name].errors]


def early_stop(form, language):
    """The patient confirmed an early-stop `yes`: store what they gave, show the emergency page."""
    partial = form.partial_record()
    if not stops_early(partial):
        # Nothing to stop for (the answer was changed meanwhile): go on with the form.
        return render_step(form, language, 0)
    return store(form, partial, triage_early_stop(partial), language, 0, early=True)


def store(form, record, result, language, index, early=False):
    try:
        case = cases.save_case(db_session(), record, result, early_stop=early, device_label=devices.label())
    except SQLAlchemyError as error:
        # Log the failure's kind only, never the record.
        current_app.logger.error("could not store a case: %s", error_kind(error))
        if result.emergency:
            # Telling the patient to get help comes before saving their answers.
            page = render_in(language, "screening/result.html", **result_page(None, result, record, language))
            return page, 503
        # Keep the answers on screen and send the patient to a person.
        return render_step(form, language, index, status=503, not_saved=True)
    prerender_handout(case)
    if kiosk.enabled():
        kiosk.forget_form_token()
    session[RESULT] = case.token
    return redirect(url_for(".result"), code=303)


def token_refused(form, language, index, confirming):
    if not answers_may_return(form.csrf_token.data):
        return redirect(kiosk.start_url(language), code=303)
    # A token that expired while the tablet sat idle (or a lost session) is
    # not the patient's fault: give the answers back with a fresh token (the
    # re-rendered page makes one) and ask them to send again.
    form.csrf_token.errors = []
    confirm = early_stop_answers(form) if confirming or request.form.get("go") == "emergency" else None
    return render_step(form, language, index, status=400, resend=True, confirm=confirm)


@bp.errorhandler(CSRFError)
def csrf_refused(error):
    # A global CSRFProtect (the standalone app's, or a host's) checks before
    # the views do: the patient still gets their answers back with a fresh
    # token, or their result page again, never an error page.
    if request.endpoint in RESULT_FORMS:
        return redirect(url_for(".result"), code=303)
    if request.endpoint != FORM:
        return error
    index = step_sent()
    form = posted_form(index)
    language = i18n.language_or_default(form.language.data)
    return token_refused(form, language, LAST if index is None else index, bool(request.form.get("confirm")))


def answers_may_return(token):
    """Only to the session whose own form token timed out, in every mode: a
    post with no token, a forged one or another session's may come from a
    cross-site page that pre-filled the form (every red flag "no") for the
    patient to send; on a shared tablet, from the last patient's page."""
    return kiosk.issued_to_this_session(token)


# --- the result ----------------------------------------------------------------


class StaffCloseForm(FlaskForm):
    pin = PasswordField()


class PrintForm(FlaskForm):
    pass


class NameForm(FlaskForm):
    # The form's own question, limits and cleaning.
    preferred_name = IntakeForm.preferred_name


def this_browsers_case():
    """The case this browser stored, while its result is open; else the page that says why not."""
    token = session.get(RESULT)
    case = cases.find_case(db_session(), token) if token else None
    if case is None:
        abort(404)
    if kiosk.result_expired(case):
        session.pop(RESULT, None)
        abort(make_response(error_page(410, case.language)))
    return case


def result_page(case, result, record, language, **extra):
    """What result.html needs: the tier's look, the answers that change the words."""
    kind = "emergency" if result.emergency else result.disposition
    stays = kind in ("emergency", "urgent")
    clinic = clinic_info()
    return {
        "case": case,
        "kind": kind,
        # The reasons, "how long" and "book a visit if" words are the handout's own.
        **result_words(record, result, early_stop=bool(case and case.early_stop),
                       phone=(clinic.phone or "").strip(), emergency_number=(clinic.emergency_number or "").strip()),
        "stay_seated": result.emergency or may_not_walk(record),
        "early_stop": bool(case and case.early_stop),
        "printer": bool(current_app.config["SCREENING_PRINTER"]),
        "print_form": PrintForm(),
        # An early stop asked nothing past the emergency answer: the name, after the message, optional.
        "name_form": NameForm() if case and case.early_stop and not record.get("preferred_name") else None,
        "close_form": StaffCloseForm() if kiosk.enabled() and stays else None,
        "staff_pin": kiosk.staff_pin_set(),
        # Kiosk: emergency and urgent results stay until staff close them.
        "kiosk_timer": None if stays else kiosk.timer_attributes(language),
        **extra,
    }


def render_result(case, **extra):
    context = result_page(case, cases.final_result(case), case.record, case.language, **extra)
    return render_in(case.language, "screening/result.html", **context)


@bp.get("/result")
def result():
    return render_result(this_browsers_case())


@bp.post("/result/name")
def give_name():
    """An early stop's patient says what to call them; the emergency page stays as it was."""
    case = this_browsers_case()
    form = NameForm()
    if not case.early_stop or case.record.get("preferred_name"):
        return redirect(url_for(".result"), code=303)
    if not form.validate_on_submit():
        return render_result(case, name_form=form), 400
    if form.preferred_name.data:
        cases.add_preferred_name(db_session(), case, form.preferred_name.data)
        return render_result(case, name_saved=form.preferred_name.data, name_form=None)
    return redirect(url_for(".result"), code=303)


@bp.post("/result/close")
def close_result():
    """Kiosk: staff close an emergency or urgent result with the PIN."""
    case = this_browsers_case()
    close = StaffCloseForm()
    if not close.validate_on_submit() or not kiosk.staff_pin_matches(close.pin.data):
        return render_result(case, wrong_pin=True), 403
    session.pop(RESULT, None)
    kiosk.forget_form_token()
    return redirect(kiosk.start_url(case.language), code=303)


def staff_page(case):
    """The emergency result's "page for the staff": the staff summary, not the handout."""
    from ..staff.summary import summary_pdf

    return summary_pdf(case, case.language)


@bp.get("/result/handout")
def handout_page():
    """The handout on screen, inside a page with Done (and the kiosk's idle reset);
    for an emergency, the page for the staff in its place."""
    case = this_browsers_case()
    large = request.args.get("size") == "large"
    return render_in(
        case.language,
        "screening/handout.html",
        case=case,
        large=large,
        for_staff=case.emergency,
        kiosk_timer=kiosk.timer_attributes(case.language),
    )


@bp.get("/result/handout.pdf")
def result_handout():
    # Paper is the clinic's setting, never the patient's choice.
    return handout_response(this_browsers_case(), large_print=request.args.get("size") == "large")


@bp.post("/result/print")
def print_handout():
    """Print the handout at the front desk's printer; the tablet shows where to collect it."""
    case = this_browsers_case()
    config = current_app.config
    if not config["SCREENING_PRINTER"] or not PrintForm().validate_on_submit():
        return redirect(url_for(".result"), code=303)
    if case.emergency:
        pdf, title = staff_page(case), f"staff-summary-{case.reference}"
    else:
        pdf = handout_pdf(case, large_print=request.form.get("size") == "large")
        title = f"leg-pain-handout-{case.reference}"
    printed = printing.send_to_printer(
        pdf,
        config["SCREENING_PRINTER"],
        title,
        float(config["SCREENING_PRINTER_TIMEOUT_SECONDS"]),
    )
    if not printed.ok:
        current_app.logger.error("could not print a handout: %s", printed.problem)
    status = 200 if printed.ok else 503
    return render_result(case, printed=printed.ok, print_failed=not printed.ok), status
