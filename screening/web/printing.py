"""The patient handout of a stored case, as the patient's page and the staff reprint both print it."""
from flask import current_app, make_response

from ..handout import render as handout
from ..store import cases
from .clinic_time import clinic_time
from .state import state


def clinic_info():
    config = current_app.config
    return handout.ClinicInfo(
        config["SCREENING_CLINIC_NAME"],
        config["SCREENING_CLINIC_PHONE"],
        logo_path=config["SCREENING_CLINIC_LOGO"] or None,
        emergency_number=config["SCREENING_EMERGENCY_NUMBER"] or None,
    )


def handout_printable(case):
    """An early stop's record is partial: its handout can only be one with no
    relief steps (emergency or urgent), whatever a clinician decided later."""
    return not case.early_stop or cases.final_result(case).disposition == "urgent"


def handout_pdf(case, paper=None, large_print=False):
    """The case's handout (PDF bytes), following the clinician's disposition
    when one was set; paper from configuration unless staff chose one."""
    if paper not in handout.PAPERS:
        paper = current_app.config["SCREENING_HANDOUT_PAPER"]
    return state().handouts.render(
        case.record,
        cases.final_result(case),
        paper=paper,
        large_print=large_print,
        clinic=clinic_info(),
        # The day of the visit, so a reprint next week is the same handout.
        today=clinic_time(case.created_at).date(),
        reference=case.reference,
        early_stop=case.early_stop,
        tag=case.reference,
    )


def handout_response(case, paper=None, large_print=False):
    """The case's handout as an inline PDF response."""
    if paper not in handout.PAPERS:
        paper = current_app.config["SCREENING_HANDOUT_PAPER"]
    response = make_response(handout_pdf(case, paper, large_print))
    response.mimetype = "application/pdf"
    # No name in the file name: downloads folders and print queues are shared.
    response.headers["Content-Disposition"] = f'inline; filename="leg-pain-handout-{paper}.pdf"'
    return response
