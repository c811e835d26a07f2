"""The patient handout of a stored case, as the patient's page and the staff reprint both print it.

A print is looked up in this worker's memory (handout/cache.py), then in
the database, where every worker (and the pre-render, web/prerender.py)
keeps what it rendered; only then rendered.
"""
from dataclasses import dataclass

from flask import current_app, make_response
from sqlalchemy.exc import SQLAlchemyError

from ..handout import render as handout
from ..store import cases, handouts
from ..store.engine import error_kind
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


@dataclass(frozen=True)
class StoredHandouts:
    """One case's handouts in the database, as the cache's shared store.

    Each look-up and each store has a short session of its own, apart from
    the request's. The store saves renders and nothing more: when the
    database fails here the print is rendered (or not kept) as before, and
    only the failure's kind is logged.
    """

    case_id: int

    def get(self, key):
        try:
            with state().sessions() as session:
                return handouts.find_handout(session, self.case_id, key)
        except SQLAlchemyError as error:
            current_app.logger.warning("could not read a stored handout: %s", error_kind(error))
            return None

    def put(self, key, pdf):
        try:
            with state().sessions() as session:
                handouts.store_handout(session, self.case_id, key, pdf)
        except SQLAlchemyError as error:
            current_app.logger.warning("could not store a handout: %s", error_kind(error))


def paper_or_configured(paper):
    return paper if paper in handout.PAPERS else current_app.config["SCREENING_HANDOUT_PAPER"]


def handout_pdf(case, paper=None, large_print=False):
    """The case's handout (PDF bytes), following the clinician's disposition
    when one was set; paper from configuration unless staff chose one."""
    return state().handouts.render(
        case.record,
        cases.final_result(case),
        paper=paper_or_configured(paper),
        large_print=large_print,
        clinic=clinic_info(),
        # The day of the visit, so a reprint next week is the same handout.
        today=clinic_time(case.created_at).date(),
        reference=case.reference,
        early_stop=case.early_stop,
        tag=case.reference,
        shared=StoredHandouts(case.id),
    )


def handout_response(case, paper=None, large_print=False):
    """The case's handout as an inline PDF response."""
    paper = paper_or_configured(paper)
    response = make_response(handout_pdf(case, paper, large_print))
    response.mimetype = "application/pdf"
    # No name in the file name: downloads folders and print queues are shared.
    response.headers["Content-Disposition"] = f'inline; filename="leg-pain-handout-{paper}.pdf"'
    return response
