"""Times as the clinic reads them: stored in UTC, shown in SCREENING_TIMEZONE."""
from zoneinfo import ZoneInfo

from flask import current_app


def clinic_zone():
    """The clinic's zone; unset, the server's own local zone."""
    name = current_app.config["SCREENING_TIMEZONE"]
    return ZoneInfo(name) if name else None


def clinic_time(moment):
    """A stored (UTC) moment in the clinic's time zone."""
    return moment.astimezone(clinic_zone())
