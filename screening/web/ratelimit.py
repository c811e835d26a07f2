"""Rate limits on what patients and programs send (the form and the API).

Each app gets its own Limiter, which ignores every request outside the
plugin's blueprint: a host's own Flask-Limiter (and its RATELIMIT_* config,
such as default limits) then neither counts the plugin's requests twice nor
has the plugin counting the host's. Counters live in
SCREENING_RATELIMIT_STORAGE_URI: memory:// is per process, so with several
workers or machines use Redis (redis://...), which all of them share.
"""
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .root import NAME


def _limit(key):
    return lambda: current_app.config[key]


def _only(endpoint):
    return lambda: request.endpoint != endpoint


def init_limiter(app, blueprint):
    """The app's Limiter for the plugin, or None when SCREENING_RATELIMIT_ENABLED is off."""
    if not app.config["SCREENING_RATELIMIT_ENABLED"]:
        # No Limiter at all: a disabled one would write RATELIMIT_ENABLED=False
        # into the config and so switch off the host's limiter too.
        return None
    limiter = Limiter(
        # Behind a proxy this is the client only with ProxyFix (SCREENING_PROXY_FIX).
        get_remote_address,
        storage_uri=app.config["SCREENING_RATELIMIT_STORAGE_URI"],
        strategy="fixed-window",
        key_prefix="screening",
        headers_enabled=True,
    )
    limiter.request_filter(lambda: NAME not in request.blueprints)
    # Blueprint limits, not decorators on the views: the views are shared by
    # every app in the process, the limits belong to this app's Limiter.
    for setting, endpoint in (
        ("SCREENING_RATELIMIT_FORM", f"{NAME}.intake.form"),
        ("SCREENING_RATELIMIT_API", f"{NAME}.api.triage"),
        ("SCREENING_RATELIMIT_STAFF_PIN", f"{NAME}.intake.close_result"),
    ):
        limiter.limit(_limit(setting), methods=["POST"], exempt_when=_only(endpoint))(blueprint)
    limiter.init_app(app)
    return limiter
