"""The manager's view: a day or a range of days in figures (staff/figures.py)."""
from datetime import timedelta

from flask import current_app, request

from ..settings import escalation_minutes
from ..store.models import utcnow
from ..web.i18n import lazy_gettext as _l
from ..web.state import db_session
from . import figures
from .auth import requires
from .common import clinic_today, day_bounds, parse_day, render_staff
from .views import bp

# A year at most: the figures load every case of the range.
MAX_DAYS = 366


def chosen_range():
    """(first, last, problem): today when nothing is asked; a problem in words, else None."""
    today = clinic_today()
    given_first, given_last = request.args.get("from"), request.args.get("to")
    first = parse_day(given_first) if given_first else today
    last = parse_day(given_last) if given_last else first
    if first is None or last is None:
        return today, today, _l("Please give the dates as YYYY-MM-DD.")
    if last < first:
        return first, last, _l("The last day is before the first day.")
    if (last - first).days >= MAX_DAYS:
        return first, last, _l("Please choose at most %(days)s days.", days=MAX_DAYS)
    return first, last, None


@bp.get("/manager")
@requires("manager")
def manager():
    first, last, problem = chosen_range()
    found = None
    if problem is None:
        start, end = day_bounds(first)[0], day_bounds(last)[1]
        escalate = escalation_minutes(current_app.config["SCREENING_ESCALATE_MINUTES"])
        found = figures.load(db_session(), start, end, escalate=escalate, now=utcnow())
    return render_staff("screening/staff/manager.html", 400 if problem else 200, figures=found, first=first,
                        last=last, problem=problem, args=request.args, week_ago=clinic_today() - timedelta(days=6),
                        today=clinic_today())
