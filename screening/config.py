"""Configuration defaults. A host app overrides any of them in its own config;
the standalone app also reads SCREENING_SECRET_KEY and SCREENING_DATABASE_URL
from the environment."""


class Defaults:
    # Empty means a SQLite file in the app's instance folder.
    SCREENING_DATABASE_URL = ""
    SCREENING_URL_PREFIX = ""
    SCREENING_CLINIC_NAME = "Your clinic"
    SCREENING_CLINIC_PHONE = ""
    SCREENING_CLINIC_LOGO = ""
    # "a4" or "letter": the handout's paper unless a print asks for the other.
    SCREENING_HANDOUT_PAPER = "a4"
    # Empty: pages and handouts say "your local emergency number" rather than
    # guess the country (911, 112, 999 ...). Set it for each clinic.
    SCREENING_EMERGENCY_NUMBER = ""
    # Reprints of unchanged cases served from memory, per worker.
    SCREENING_HANDOUT_CACHE_SIZE = 128
    # Intake records are tiny; anything bigger is a mistake or an attack.
    SCREENING_MAX_BODY_BYTES = 64 * 1024
    # Front-desk tablet: a start screen with the language choice, and each
    # patient's answers wiped after sending or after sitting idle. Minutes may
    # be fractions (tests use seconds).
    SCREENING_KIOSK = False
    SCREENING_KIOSK_IDLE_MINUTES = 3
    SCREENING_KIOSK_WARNING_MINUTES = 1
    # In kiosk mode the result page answers 410 Gone after this long; staff
    # reach the case from the clinician side.
    SCREENING_RESULT_MINUTES = 10


def defaults():
    return {k: v for k, v in vars(Defaults).items() if k.isupper()}
