"""Who may show the plugin inside an iframe, and what that costs the cookies.

Framing is off unless SCREENING_FRAME_ANCESTORS lists the intranet origins
allowed to frame the pages. A cross-origin frame only gets its session (and
so its CSRF token) back if the cookie is SameSite=None, which browsers accept
only with Secure; Partitioned keeps it working where third-party cookies are
blocked.
"""
import re
from urllib.parse import urlsplit

SETTING = "SCREENING_FRAME_ANCESTORS"
NO_FRAMING = "'none'"
# Plain HTTP is tolerated only where a browser treats it as secure anyway.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
FRAMEABLE_COOKIES = {
    "SESSION_COOKIE_SAMESITE": "None",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_PARTITIONED": True,
}


class FramingSettingError(ValueError):
    pass


def _origin(entry):
    if entry == "'self'":
        return entry
    if "*" in entry:
        raise FramingSettingError(f"{SETTING}: {entry!r} has a wildcard; list each intranet origin instead")
    try:
        parts = urlsplit(entry)
        port = parts.port
    except ValueError:
        raise FramingSettingError(f"{SETTING}: {entry!r} is not an origin like https://intranet.example.org") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise FramingSettingError(f"{SETTING}: {entry!r} is not an origin like https://intranet.example.org")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise FramingSettingError(f"{SETTING}: {entry!r} must be an origin only (scheme, host, port), with no path")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise FramingSettingError(f"{SETTING}: {entry!r} must use https (plain http only for localhost)")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def allowed_origins(value):
    """The validated origins from the setting: a list, or one string split on spaces or commas."""
    if not value:
        return ()
    if isinstance(value, str):
        value = re.split(r"[\s,]+", value.strip())
    return tuple(_origin(str(entry).strip()) for entry in value if str(entry).strip())


def frame_ancestors(origins):
    """The CSP frame-ancestors source list for these origins."""
    return " ".join(origins) if origins else NO_FRAMING
