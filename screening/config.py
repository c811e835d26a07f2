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
    SCREENING_PAPER = "a4"
    SCREENING_EMERGENCY_NUMBER = "911"
    # Intake records are tiny; anything bigger is a mistake or an attack.
    SCREENING_MAX_BODY_BYTES = 64 * 1024


def defaults():
    return {k: v for k, v in vars(Defaults).items() if k.isupper()}
