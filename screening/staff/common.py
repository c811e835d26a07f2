"""What every staff page shares: the staff member's language, page rendering, auditing."""
from datetime import datetime, time as clock_time, timedelta

from flask import request, session

from ..store import audit as audit_store
from ..triage.contract import LANGUAGES
from ..web import i18n
from ..web.clinic_time import clinic_zone
from ..web.root import render_in
from ..web.state import db_session
from .auth import current_staff

LANGUAGE = "screening_staff_language"


def staff_language():
    """?lang= switches and is remembered in the session; else the browser's choice."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session[LANGUAGE] = chosen
    return session.get(LANGUAGE) or i18n.browser_language()


def render_staff(template, status=200, **context):
    return render_in(staff_language(), template, staff=current_staff(), **context), status


def audit(action, *, reference=None, detail=None, staff=None, username=None, commit=True):
    """One audit row for this request, from this person and address (commit=False: in the caller's transaction)."""
    staff = staff or current_staff()
    audit_store.record(
        db_session(), action,
        username=username or (staff.username if staff else None),
        role=staff.role if staff else None,
        address=request.remote_addr,
        reference=reference,
        detail=detail,
        commit=commit,
    )


def audit_many(action, references, *, detail=None):
    """One audit row per case for this request (in the caller's transaction), chained in one go."""
    staff = current_staff()
    audit_store.record_many(db_session(), action, references, username=staff.username if staff else None,
                            role=staff.role if staff else None, address=request.remote_addr, detail=detail)


def day_bounds(day):
    """The UTC moments a clinic day (in SCREENING_TIMEZONE) starts and ends."""
    zone = clinic_zone()
    start = datetime.combine(day, clock_time(0), tzinfo=zone) if zone else datetime.combine(day, clock_time(0)).astimezone()
    following = day + timedelta(days=1)
    end = datetime.combine(following, clock_time(0), tzinfo=zone) if zone else datetime.combine(following, clock_time(0)).astimezone()
    return start, end


def clinic_today():
    return datetime.now(clinic_zone()).date()


def parse_day(text):
    try:
        return datetime.strptime(text or "", "%Y-%m-%d").date()
    except ValueError:
        return None
