"""Configuration defaults. A host app overrides any of them in its own config;
the standalone app also reads SCREENING_SECRET_KEY and the settings named in
screening.app.ENVIRONMENT from the environment."""


class Defaults:
    # Empty means a SQLite file in the app's instance folder.
    SCREENING_DATABASE_URL = ""
    SCREENING_URL_PREFIX = ""
    SCREENING_CLINIC_NAME = "Your clinic"
    SCREENING_CLINIC_PHONE = ""
    SCREENING_CLINIC_LOGO = ""
    # An IANA zone name such as "America/Chicago": visit dates and times are
    # shown and printed in it (cases are stored in UTC). Empty: the server's zone.
    SCREENING_TIMEZONE = ""
    # "a4" or "letter": the handout's paper (patients are not asked).
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
    # The result page (and its handout) answers 410 Gone this long after the
    # case was stored, in every mode (the page says to ask the front desk).
    SCREENING_RESULT_MINUTES = 10
    # Kiosk: an emergency or urgent result stays on screen, with no countdown
    # and no idle reset, until staff close it with this PIN (digits or text).
    # Set one: when empty, the close button is marked "for staff" but anyone
    # could tap it.
    SCREENING_KIOSK_STAFF_PIN = ""
    # Wrong PIN guesses allowed per client address.
    SCREENING_RATELIMIT_STAFF_PIN = "5 per minute"
    # A CUPS queue name: "Print my handout" then prints at the front desk
    # (`lp -d QUEUE`, with CUPS_SERVER or the system's client.conf) and the
    # tablet never shows the PDF. Empty: the handout opens on screen inside a
    # page with a Done button.
    SCREENING_PRINTER = ""
    # Where patients collect the printout, in the clinic's words; empty says
    # "the front desk" in the patient's language.
    SCREENING_PRINTER_PLACE = ""
    SCREENING_PRINTER_TIMEOUT_SECONDS = 15
    # Intranet origins that may show the pages in an iframe (a list, or one
    # string separated by spaces or commas); empty means no framing at all.
    SCREENING_FRAME_ANCESTORS = ()
    # Standalone app only: how many proxies to trust for X-Forwarded-For,
    # -Proto and -Host (a count), or werkzeug ProxyFix's keyword arguments
    # (a dict, or its JSON). 0 means the app is not behind a proxy.
    SCREENING_PROXY_FIX = 0
    # Per client address, on POSTs only. Generous: a busy front-desk tablet
    # (or a whole clinic behind one NAT address) must never be turned away.
    SCREENING_RATELIMIT_ENABLED = True
    SCREENING_RATELIMIT_FORM = "60 per minute"
    SCREENING_RATELIMIT_API = "300 per minute"
    # memory:// counts per process; redis://host:6379/0 shares across workers.
    SCREENING_RATELIMIT_STORAGE_URI = "memory://"


def defaults():
    return {k: v for k, v in vars(Defaults).items() if k.isupper()}
