"""Every setting's default: the one list of them (docs/configuration.md
explains each; tests/test_settings.py checks it names them all).

A host app overrides any of them in its own config; the standalone app reads
them from the instance folder's config.toml and the environment
(screening/settings.py, which also checks them)."""


class Defaults:
    # Empty means a SQLite file in the app's instance folder.
    SCREENING_DATABASE_URL = ""
    SCREENING_URL_PREFIX = ""
    # Empty: no clinic name on the pages or the handout (a placeholder
    # would be English on a Spanish page).
    SCREENING_CLINIC_NAME = ""
    SCREENING_CLINIC_PHONE = ""
    SCREENING_CLINIC_LOGO = ""
    # An IANA zone name such as "America/Chicago": visit dates and times are
    # shown and printed in it (cases are stored in UTC). Empty: the server's zone.
    SCREENING_TIMEZONE = ""
    # "a4" or "letter": the handout's paper (patients are not asked), and the staff summary's.
    SCREENING_HANDOUT_PAPER = "a4"
    # Empty: pages and handouts say "your local emergency number" rather than
    # guess the country (911, 112, 999 ...). Set it for each clinic.
    SCREENING_EMERGENCY_NUMBER = ""
    # Reprints of unchanged cases served from memory, per worker.
    SCREENING_HANDOUT_CACHE_SIZE = 128
    # Render a stored case's handout in the background just after the patient
    # sends the form, and keep it in the database beside the case, so the
    # first print is no wait on any worker.
    SCREENING_HANDOUT_PRERENDER = True
    # Intake records are tiny; anything bigger is a mistake or an attack,
    # refused (413) before any of it is read. In a host app it holds on the
    # plugin's routes; the standalone app makes it MAX_CONTENT_LENGTH too.
    SCREENING_MAX_BODY_BYTES = 64 * 1024
    # Front-desk tablet: a start screen with the language choice, and each
    # patient's answers wiped after sending or after sitting idle, with a
    # warning shown this long before. Minutes may be fractions (0.5).
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
    # The API's case routes (read or store a case, all methods): per address,
    # and per API key across addresses. A stolen key cannot read 347 cases a
    # second; a records system pulling a day's cases gets a 429 with
    # Retry-After and carries on.
    SCREENING_RATELIMIT_API_CASES = "120 per minute"
    SCREENING_RATELIMIT_API_KEY = "120 per minute"
    # memory:// counts per process; redis://host:6379/0 shares across workers
    # (and while Redis is down, each process counts in memory: web/ratelimit.py).
    SCREENING_RATELIMIT_STORAGE_URI = "memory://"

    # --- Staff side (<prefix>/staff/) ---
    # A signed-in staff session ends after this long without a click or a
    # key (the queue's own refreshes do not count, so an unattended screen
    # signs out); pages warn a minute before and say so once it happened.
    SCREENING_STAFF_IDLE_MINUTES = 30
    # And after this many hours from sign-in, however busy (hours may be
    # fractions). Signing out ends the session on the server too.
    SCREENING_STAFF_SESSION_HOURS = 12
    # A host intranet that signs its staff in itself: a callable (or its
    # "module:name" import path) taking no arguments and returning
    # (username, display name, role) for the person signed in on the
    # intranet, or None. Roles: "front-desk", "clinician", "admin". When it
    # answers None, the plugin's own sign-in page is offered. See docs/embedding.md.
    SCREENING_STAFF_USER_LOADER = None
    # An emergency or urgent case still "waiting" and not reviewed this many
    # minutes after it arrived alerts again, louder, and its row is marked
    # overdue, until someone changes its status or reviews it (a dict, or
    # "urgent=30 emergency=5" from the environment).
    SCREENING_ESCALATE_MINUTES = {"urgent": 30, "emergency": 5}
    # Wrong passwords before each next sign-in try waits longer (staff/throttle.py).
    SCREENING_STAFF_SIGNIN_WINDOW_MINUTES = 15
    SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT = 5
    SCREENING_STAFF_SIGNIN_MAX_PER_ADDRESS = 20
    # How often an open queue asks for changes; while its tab is hidden,
    # every 5 s if this is shorter (it never stops).
    SCREENING_STAFF_POLL_SECONDS = 5
    # An emergency or urgent case alerts until acknowledged, if it arrived
    # within this many hours.
    SCREENING_STAFF_ALERT_HOURS = 24
    # Audit rows older than this many days go with `flask screening purge`;
    # 0 keeps them forever.
    SCREENING_AUDIT_RETENTION_DAYS = 0

    # --- Exports ---
    # The FHIR base URL for canonical URLs and identifier systems, e.g.
    # "https://clinic.example.org/screening/fhir": they must never change, so
    # they never come from a request. Empty: the FHIR exports answer 503.
    SCREENING_FHIR_BASE = ""
    # Keys for other systems: {"name": "key", ...}, or a string
    # "name=key name2=key2" (the standalone app reads it from the
    # environment). Every key is named, at least 32 characters (everything
    # after the entry's first "="), or given as "sha256:<hex>" of the key;
    # anything else is an invalid setting. Sent as "Authorization: Bearer
    # <key>"; each use is audited under "api:<name>" (api/keys.py).
    SCREENING_API_KEYS = {}


def defaults():
    return {k: v for k, v in vars(Defaults).items() if k.isupper()}
