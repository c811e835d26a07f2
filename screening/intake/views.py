"""The patient's pages: the form, the result and the handout."""
from flask import Blueprint, abort, current_app, make_response, redirect, request, url_for
from flask_babel import force_locale
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError

from ..handout import render as handout
from ..store import cases
from ..triage.contract import LANGUAGES
from ..triage.rules import triage
from ..web import i18n, kiosk
from ..web.clinic_time import clinic_time
from ..web.root import error_page, render_in
from ..web.state import db_session, state
from .forms import SECTIONS, IntakeForm

bp = Blueprint("intake", __name__)

FORM = "screening.intake.form"


def render_form(form, language, status=200, resend=False, not_saved=False):
    page = render_in(
        language,
        "screening/intake.html",
        form=form,
        sections=SECTIONS,
        resend=resend,
        not_saved=not_saved,
        kiosk_timer=kiosk.timer_attributes(language),
    )
    return page, status


@bp.get("/start")
def start():
    """The kiosk's start screen: the language choice, and nobody's answers."""
    language = i18n.language_or_default(request.args.get("lang"))
    return render_in(language, "screening/start.html")


@bp.route("/", methods=["GET", "POST"])
def form():
    if request.method == "GET":
        chosen = request.args.get("lang")
        if kiosk.enabled() and chosen not in LANGUAGES:
            return redirect(url_for(".start"), code=303)
        language = i18n.language_or_default(chosen)
        return render_form(IntakeForm(language=language), language)

    form = IntakeForm()
    switch_to = request.form.get("switch_language")
    if switch_to in LANGUAGES:
        # Same answers, other language: nothing is checked or stored yet.
        form.language.data = switch_to
        return render_form(form, switch_to)
    language = i18n.language_or_default(form.language.data)
    # Validate in the patient's language: some messages are made right here.
    with force_locale(language):
        valid = form.validate() and form.add_contract_problems()
    if valid:
        record = form.record()
        try:
            token = cases.save_case(db_session(), record, triage(record)).token
        except SQLAlchemyError as error:
            # Keep the answers on screen and send the patient to a person;
            # log the failure's kind only, never the record.
            current_app.logger.error("could not store a case: %s", type(error).__name__)
            return render_form(form, language, status=503, not_saved=True)
        if kiosk.enabled():
            kiosk.forget_form_token()
        return redirect(url_for(".result", token=token), code=303)
    if form.csrf_token.errors and not answers_may_return(form.csrf_token.data):
        return redirect(kiosk.start_url(language), code=303)
    # A token that expired while the tablet sat idle (or a lost session) is
    # not the patient's fault: give the answers back with a fresh token (the
    # re-rendered form makes one) and ask them to send again.
    resend = bool(form.csrf_token.errors)
    form.csrf_token.errors = []
    return render_form(form, language, status=400, resend=resend)


def reachable_case(token):
    """The case behind a patient's result address, or the page that says why not."""
    case = cases.find_case(db_session(), token)
    if case is None:
        abort(404)
    if kiosk.result_expired(case):
        abort(make_response(error_page(410, case.language)))
    return case


@bp.get("/result/<token>")
def result(token):
    case = reachable_case(token)
    return render_in(
        case.language,
        "screening/result.html",
        case=case,
        fired=cases.fired_rules(case),
        papers=handout.PAPERS,
        kiosk_timer=kiosk.timer_attributes(case.language),
    )


@bp.get("/result/<token>/handout.pdf")
def result_handout(token):
    case = reachable_case(token)
    config = current_app.config
    paper = request.args.get("paper")
    if paper not in handout.PAPERS:
        paper = config["SCREENING_HANDOUT_PAPER"]
    clinic = handout.ClinicInfo(
        config["SCREENING_CLINIC_NAME"],
        config["SCREENING_CLINIC_PHONE"],
        logo_path=config["SCREENING_CLINIC_LOGO"] or None,
        emergency_number=config["SCREENING_EMERGENCY_NUMBER"] or None,
    )
    pdf = state().handouts.render(
        case.record,
        cases.final_result(case),
        paper=paper,
        large_print=request.args.get("size") == "large",
        clinic=clinic,
        # The day of the visit, so a reprint next week is the same handout.
        today=clinic_time(case.created_at).date(),
        reference=case.reference, early_stop=case.early_stop,
    )
    response = make_response(pdf)
    response.mimetype = "application/pdf"
    # No name in the file name: downloads folders and print queues are shared.
    response.headers["Content-Disposition"] = f'inline; filename="leg-pain-handout-{paper}.pdf"'
    return response


@bp.errorhandler(CSRFError)
def csrf_refused(error):
    # A host app's global CSRFProtect checks before the form does: the patient
    # still gets their answers back with a fresh token, never an error page.
    if request.endpoint != FORM:
        return error
    form = IntakeForm()
    language = i18n.language_or_default(form.language.data)
    if not answers_may_return(form.csrf_token.data):
        return redirect(kiosk.start_url(language), code=303)
    return render_form(form, language, status=400, resend=True)


def answers_may_return(token):
    """On a shared tablet, only to the session whose form timed out."""
    return not kiosk.enabled() or kiosk.issued_to_this_session(token)
