"""Response headers that keep patient data out of caches and frames."""
from flask import request
from flask.sessions import SecureCookieSessionInterface

from .framing import NO_FRAMING
from .state import state

FRAMED_BY_OWN_PAGES = {"screening.intake.result_handout"}
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors {ancestors}"
)

# Nothing here needs a camera, a microphone or the patient's whereabouts:
# not even a script injected past the CSP may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera", "microphone", "geolocation", "display-capture", "payment", "usb",
        "serial", "bluetooth", "hid", "midi", "accelerometer", "gyroscope", "magnetometer",
    )
)
# One year, the clinic's own host only: its other names may not all have TLS.
HSTS = "max-age=31536000"


def protect(response):
    # Every page here can hold patient data: never cache it anywhere.
    if request.endpoint != "screening.static":
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Same-origin, not no-referrer: Flask-WTF's HTTPS check needs the Referer,
    # also from inside a frame (the form posts to its own origin).
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
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


def strict_transport(response):
    """HSTS on every response that came over TLS (behind a proxy: with ProxyFix).

    The standalone app only: a host decides its own domain's HSTS policy."""
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


class TLSSessionInterface(SecureCookieSessionInterface):
    """The session cookie (which carries the CSRF token) is Secure whenever
    the request came over TLS, or always with SESSION_COOKIE_SECURE: no
    setting to forget behind a TLS proxy, and plain-HTTP development works."""

    def get_cookie_secure(self, app):
        return super().get_cookie_secure(app) or request.is_secure
