"""The staff summary's words, in the staff member's language, for screening.export.summary."""
from datetime import datetime, timezone

from flask import abort, current_app, make_response, request
from flask_babel import force_locale

from ..export.summary import render_summary
from ..intake.views import bp as intake_bp, this_browsers_case
from ..store import audit as audit_store
from ..web.state import db_session
from ..web.clinic_time import clinic_time
from ..web.i18n import gettext as _
from ..store.models import severity_of
from . import answers, queue
from .forms import LEVEL_WORDS

LANGUAGE_NAMES = {"en": "English", "es": "Español"}
TIME = "%Y-%m-%d %H:%M"


def words():
    return {
        "title": _("Staff summary"),
        "not_for_patient": _("For staff, not for the patient"),
        "case": _("Case"),
        "arrived": _("Arrived"),
        "form_language": _("Form language"),
        "early_stop": _("Early stop: the form stopped at an emergency answer"),
        "rules_result": _("The rules' result"),
        "clinician_decision": _("Clinician's decision"),
        "reason": _("Reason"),
        "not_reviewed": _("Not reviewed yet"),
        "reasons": _("Why the rules decided this"),
        "no_rules": _("No rule fired."),
        "notes": _("Patient's notes"),
        "no_notes": _("None"),
        "answers": _("Answers"),
        "not_asked": str(answers.NOT_ASKED),
        "left_empty": str(answers.LEFT_EMPTY),
        "rules_version": _("Rules version"),
        "printed": _("Printed"),
    }


def summary_context(case, language):
    rules_level = queue.LEVELS[severity_of(case.disposition, case.emergency)]
    final_level = queue.LEVELS[case.severity]
    reviewed = None
    if case.reviewed_at:
        reviewed = _("Reviewed by %(name)s, %(time)s", name=case.reviewed_by,
                     time=clinic_time(case.reviewed_at).strftime(TIME))
    return {
        "t": words(),
        "language": language,
        "clinic": current_app.config["SCREENING_CLINIC_NAME"],
        "reference": case.reference,
        "arrived": clinic_time(case.created_at).strftime(TIME),
        "form_language": LANGUAGE_NAMES.get(case.language, case.language),
        "early_stop": case.early_stop,
        "rules_level": rules_level,
        "rules_level_words": str(LEVEL_WORDS[rules_level]),
        "final_level": final_level,
        "final_level_words": str(LEVEL_WORDS[final_level]),
        "reviewed": reviewed,
        "clinician_reason": case.clinician_reason,
        "rules": case.fired,
        "notes": case.record.get("notes"),
        "groups": answers.grouped(case.record, case.early_stop),
        "rules_version": case.rules_version,
        "printed": clinic_time(datetime.now(timezone.utc)).strftime(TIME),
    }


def summary_pdf(case, language):
    # The clinic's paper, as its handouts are printed on (staff choose no other here).
    paper = current_app.config["SCREENING_HANDOUT_PAPER"]
    with force_locale(language):
        return render_summary(summary_context(case, language), paper=paper)


@intake_bp.get("/result/staff-summary.pdf")
def result_staff_summary():
    """The emergency result page's "Print a page for the staff": this summary,
    not the patient handout. Only for the browser that stored the case, for
    emergency cases only, while their result page is open."""
    case = this_browsers_case()
    if not case.emergency:
        abort(404)
    response = make_response(summary_pdf(case, case.language))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="staff-summary.pdf"'
    audit_store.record(db_session(), "summary", username="patient page", address=request.remote_addr,
                       reference=case.reference, detail="printed from the emergency result page")
    return response
