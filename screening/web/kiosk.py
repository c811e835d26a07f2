"""Kiosk mode: one shared tablet, a new patient every few minutes.

The browser side (static/kiosk.js) sends an idle tablet back to the start
screen; this module holds the server side: the settings the script reads,
how long a result page stays reachable (in every mode), and the staff PIN
that closes an emergency or urgent result.
"""
import hmac
from datetime import datetime, timedelta, timezone

from flask import current_app, g, session, url_for
from itsdangerous import BadData, URLSafeTimedSerializer


def enabled():
    return bool(current_app.config["SCREENING_KIOSK"])


def _minutes(key):
    return timedelta(minutes=float(current_app.config[key]))


def start_url(language):
    # The start screen opens in the last patient's language: a tablet the
    # clinic keeps for Spanish speakers stays Spanish between patients.
    return url_for("screening.intake.start", lang=language)


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
    """Whether a result page has closed: SCREENING_RESULT_MINUTES after the
    case was stored, in every mode (the patient's browser holds the way to it)."""
    created = case.created_at
    if created.tzinfo is None:  # SQLite gives back naive UTC
        created = created.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return now - created > _minutes("SCREENING_RESULT_MINUTES")


def _staff_pin():
    return str(current_app.config["SCREENING_KIOSK_STAFF_PIN"] or "")


def staff_pin_set():
    return bool(_staff_pin())


def staff_pin_matches(typed):
    """The staff PIN, compared in constant time (the rate limit caps guesses)."""
    configured = _staff_pin()
    if not configured:
        return True  # no PIN set: the close button is for staff by its words only
    return hmac.compare_digest((typed or "").strip().encode(), configured.encode())


def _csrf_field():
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def forget_form_token():
    """Once a case is stored, its form's token must not pass again: on a
    shared tablet, Back and "resend" would otherwise store the last patient's
    answers a second time and show their result to the next patient."""
    session.pop(_csrf_field(), None)
    g.pop(_csrf_field(), None)


def issued_to_this_session(token):
    """Whether a refused form token was this session's current one (it only
    timed out), rather than an old page sent again after its case was stored."""
    current = session.get(_csrf_field())
    if not token or not current:
        return False
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    try:
        raw = URLSafeTimedSerializer(secret, salt="wtf-csrf-token").loads(token)
    except BadData:
        return False
    return hmac.compare_digest(str(raw), str(current))
