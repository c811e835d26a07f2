"""The handout of a case is rendered just after the patient stores it, on a
background thread, so the patient's first print is a cache hit on every
worker: web/printing.py keeps the PDF in this worker's memory and in the
database, where the other workers find it.

It never touches the patient's request: a full queue drops the job (the
print then renders on demand, as without pre-rendering) and a failure is
logged by its kind only.
"""
from flask import current_app, g

from ..store.models import Case
from .background import BackgroundWorker
from .printing import handout_pdf, handout_printable
from .state import state

SETTING = "SCREENING_HANDOUT_PRERENDER"
# A clinic stores a case every minute or so; this many waiting renders
# (about 0.1-0.5 s each) is a burst no front desk makes.
QUEUE_SIZE = 32
# A render waits until its worker has served no request for this long (see
# background.py): after the patient's result page has loaded, and seconds
# before they tap "print".
QUIET_SECONDS = 0.2


def new_worker():
    return BackgroundWorker("pre-render a handout", QUEUE_SIZE, QUIET_SECONDS)


def init_app(app, worker):
    """Count the app's requests (the host's own too), so renders wait for a quiet moment."""

    def started():
        worker.serving()
        g.screening_serving = True

    def ended(_error=None):
        # Only for a request whose start was counted: an earlier hook may have answered it.
        if g.pop("screening_serving", False):
            worker.served()

    app.before_request(started)
    app.teardown_request(ended)


def prints_handout(case):
    # An emergency's page prints the staff summary instead of the handout.
    return not case.final_emergency and handout_printable(case)


def after_stored(case):
    """Queue the handout of a case the patient has just stored, when their page prints one."""
    if not current_app.config[SETTING]:
        return
    try:
        if prints_handout(case):
            state().prerender.submit(render_stored, current_app._get_current_object(), case.id)
    except Exception as error:  # the case is stored: nothing here may fail the patient's page
        current_app.logger.warning("could not queue a handout pre-render: %s", type(error).__name__)


def render_stored(app, case_id):
    """The default print (the clinic's paper, normal size), as the patient's page asks for it."""
    with app.app_context(), state(app).sessions() as session:
        case = session.get(Case, case_id)
        if case is not None and prints_handout(case):
            handout_pdf(case)
