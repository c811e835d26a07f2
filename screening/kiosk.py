"""Kiosk mode: one shared tablet, a new patient every few minutes.

The browser side (static/kiosk.js) sends an idle tablet back to the start
screen; this module holds the server side: the settings the script reads and
how long a result page stays reachable.
"""
from datetime import datetime, timedelta, timezone

from flask import current_app, url_for


def enabled():
    return bool(current_app.config["SCREENING_KIOSK"])


def _minutes(key):
    return timedelta(minutes=float(current_app.config[key]))


def start_url(language):
    # The start screen opens in the last patient's language: a tablet the
    # clinic keeps for Spanish speakers stays Spanish between patients.
    return url_for("screening.start", lang=language)


def timer_attributes(language):
    """What kiosk.js needs, as data attributes on <body> (the CSP allows no
    inline script); None outside kiosk mode."""
    if not enabled():
        return None
    idle = _minutes("SCREENING_KIOSK_IDLE_MINUTES")
    warning = min(_minutes("SCREENING_KIOSK_WARNING_MINUTES"), idle)
    return {
        "data-kiosk-home": start_url(language),
        "data-kiosk-idle-ms": int(idle.total_seconds() * 1000),
        "data-kiosk-warning-ms": int(warning.total_seconds() * 1000),
    }


def result_expired(case, now=None):
    if not enabled():
        return False
    created = case.created_at
    if created.tzinfo is None:  # SQLite gives back naive UTC
        created = created.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return now - created > _minutes("SCREENING_RESULT_MINUTES")
