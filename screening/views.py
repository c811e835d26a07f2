"""The plugin's pages and JSON API (one blueprint, mounted at any prefix)."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from . import db, i18n, security, store
from .contract import LANGUAGES
from .forms import SECTIONS, IntakeForm
from .resources import folder
from .rules import triage
from .validation import RECORD, InvalidRecord, parse_json

bp = Blueprint(
    "screening",
    __name__,
    template_folder=str(folder("templates")),
    static_folder="static",
    static_url_path="/screening-static",
)

API_TRIAGE = "/api/v1/triage"


@bp.context_processor
def template_helpers():
    return i18n.template_helpers()


@bp.before_request
def limit_body():
    request.max_content_length = current_app.config["SCREENING_MAX_BODY_BYTES"]


bp.after_request(security.protect)


def render_in(language, template, **context):
    with force_locale(language):
        return render_template(template, language=language, **context)


@bp.route("/", methods=["GET", "POST"])
def intake():
    if request.method == "GET":
        language = i18n.language_or_default(request.args.get("lang"))
        form = IntakeForm(language=language)
    else:
        form = IntakeForm()
        switch_to = request.form.get("switch_language")
        if switch_to in LANGUAGES:
            # Same answers, other language: nothing is checked or stored yet.
            form.language.data = switch_to
            return render_in(switch_to, "screening/intake.html", form=form, sections=SECTIONS)
        language = i18n.language_or_default(form.language.data)
        if form.validate() and form.add_contract_problems():
            record = form.record()
            token = store.save_case(record, triage(record))
            return redirect(url_for(".result", token=token), code=303)
    status = 400 if form.errors else 200
    return render_in(language, "screening/intake.html", form=form, sections=SECTIONS), status


@bp.get("/result/<token>")
def result(token):
    case = store.find_case(token)
    if case is None:
        abort(404)
    fired = store.fired_rules(case)
    return render_in(case.language, "screening/result.html", case=case, fired=fired)


@bp.post(API_TRIAGE)
def api_triage():
    try:
        record = parse_json(request.get_data(cache=False))
    except InvalidRecord as invalid:
        return {"errors": [p.to_dict() for p in invalid.problems]}, 400
    return triage(record).to_dict()


@bp.get("/healthz")
def healthz():
    """For load balancers and monitoring: no patient data, no login, never rate limited."""
    if db.reachable(current_app.extensions["screening"].engine):
        return {"status": "ok", "database": "ok"}
    return {"status": "error", "database": "unreachable"}, 503


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    if request.path.endswith(API_TRIAGE):
        return {"errors": [{"field": RECORD, "message": "is too large"}]}, 413
    return error


@bp.errorhandler(TooManyRequests)
def too_many(error):
    """Past a rate limit: a calm page for a patient, JSON for a program; never a stack trace."""
    if request.path.endswith(API_TRIAGE):
        return {"errors": [{"field": RECORD, "message": "too many requests; try again in a minute"}]}, 429
    language = i18n.language_or_default(request.form.get("language"))
    return render_in(language, "screening/busy.html"), 429


@bp.errorhandler(CSRFError)
def csrf_refused(error):
    """A host's (or the standalone app's) CSRFProtect refused the form.

    Its default is a bare 400 that loses every answer; show the form again
    with the answers and a fresh token instead. Nothing is stored.
    """
    if request.endpoint != "screening.intake":
        return error
    form = IntakeForm()
    language = i18n.language_or_default(form.language.data)
    return render_in(language, "screening/intake.html", form=form, sections=SECTIONS), 400
