"""Response headers that keep patient data out of caches and frames."""
from flask import request

from .framing import NO_FRAMING
from .state import state

FRAMED_BY_OWN_PAGES = {"screening.intake.result_handout"}
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors {ancestors}"
)


def protect(response):
    # Every page here can hold patient data: never cache it anywhere.
    if request.endpoint != "screening.static":
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Same-origin, not no-referrer: Flask-WTF's HTTPS check needs the Referer,
    # also from inside a frame (the form posts to its own origin).
    response.headers.setdefault("Referrer-Policy", "same-origin")
    ancestors = state().frame_ancestors
    if request.endpoint in FRAMED_BY_OWN_PAGES:
        # The handout PDF shows inside the plugin's own handout page.
        ancestors = "'self'" if ancestors == NO_FRAMING else f"'self' {ancestors}"
    response.headers.setdefault("Content-Security-Policy", CSP.format(ancestors=ancestors))
    if ancestors == NO_FRAMING:
        # For browsers too old for frame-ancestors; there is no header form of an allow-list.
        response.headers.setdefault("X-Frame-Options", "DENY")
    elif ancestors == "'self'":
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    return response
