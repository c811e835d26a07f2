"""Rate limits on what patients and programs send (the form and the API).

Each app gets its own Limiter, which ignores every request outside the
plugin's blueprint: a host's own Flask-Limiter (and its RATELIMIT_* config,
such as default limits) then neither counts the plugin's requests twice nor
has the plugin counting the host's. Counters live in
SCREENING_RATELIMIT_STORAGE_URI: memory:// is per process, so with several
workers or machines use Redis (redis://...), which all of them share.

While that storage cannot be reached the limits count in each process's
memory instead (Flask-Limiter's in-memory fallback): a patient's answers
are never refused because Redis is down, the limits still hold per worker,
the log says so once per outage and /healthz reports "limits": "degraded".
"""
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .root import NAME
from .state import state

# Seconds: an unreachable Redis host must cost a request at most this, not
# the operating system's TCP timeout (the fallback then skips Redis until
# Flask-Limiter's own back-off finds it answering again).
REDIS_TIMEOUT_SECONDS = 1


def _limit(key):
    return lambda: current_app.config[key]


def _only(endpoint):
    return lambda: request.endpoint != endpoint


CASE_ENDPOINTS = frozenset({f"{NAME}.api.case_fhir", f"{NAME}.api.store_case"})


def _only_any(endpoints):
    return lambda: request.endpoint not in endpoints


def _api_key():
    """Counted per key, whichever address it comes from; calls without a valid key per address."""
    from ..api import keys

    name = keys.caller()
    return f"key:{name}" if name else f"address:{get_remote_address()}"


def _refused(limit):
    """A call past a case route's limit: counted, and audited at the window's 1st, 10th, 100th..."""
    from ..api import refused

    refused.count_and_audit("rate", f"past {limit.limit}")


def init_limiter(app, blueprint):
    """The app's Limiter for the plugin, or None when SCREENING_RATELIMIT_ENABLED is off."""
    if not app.config["SCREENING_RATELIMIT_ENABLED"]:
        # No Limiter at all: a disabled one would write RATELIMIT_ENABLED=False
        # into the config and so switch off the host's limiter too.
        return None
    uri = app.config["SCREENING_RATELIMIT_STORAGE_URI"]
    limiter = Limiter(
        # Behind a proxy this is the client only with ProxyFix (SCREENING_PROXY_FIX).
        get_remote_address,
        storage_uri=uri,
        storage_options=_timeouts(uri),
        strategy="fixed-window",
        key_prefix="screening",
        headers_enabled=True,
        # No fallback limits of its own: the same limits, counted in memory.
        in_memory_fallback_enabled=True,
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
    # The case routes, every method, each limit with its own scope (its own counters).
    cases = _only_any(CASE_ENDPOINTS)
    limiter.limit(_limit("SCREENING_RATELIMIT_API_CASES"), exempt_when=cases, scope="api-cases",
                  on_breach=_refused)(blueprint)
    limiter.limit(_limit("SCREENING_RATELIMIT_API_KEY"), exempt_when=cases, scope="api-key", key_func=_api_key,
                  on_breach=_refused)(blueprint)
    limiter.init_app(app)
    app.after_request(_report_storage(limiter))
    return limiter


def _timeouts(uri):
    if uri.startswith(("redis", "rediss")):
        return {"socket_timeout": REDIS_TIMEOUT_SECONDS, "socket_connect_timeout": REDIS_TIMEOUT_SECONDS}
    return {}


def _falling_back(limiter):
    """Whether Flask-Limiter counts in memory because its storage failed.

    Flask-Limiter keeps this in an attribute of its own (no public one as of
    4.1); tests/test_redis_outage.py fails if that ever changes.
    """
    return bool(getattr(limiter, "_storage_dead", False))


def _report_storage(limiter):
    """An after-request hook: the log line when the limits fall back, and when they are shared again."""

    def report(response):
        plugin = state()
        falling_back = _falling_back(limiter)
        if falling_back != plugin.limits_degraded:
            plugin.limits_degraded = falling_back
            if falling_back:
                current_app.logger.error(
                    "screening: the rate-limit storage (SCREENING_RATELIMIT_STORAGE_URI) is unreachable; "
                    "limits count in each worker's memory until it answers again"
                )
            else:
                current_app.logger.warning("screening: the rate-limit storage answers again; limits are shared")
        return response

    return report


def health(limiter):
    """The limits for the health check: "ok", "degraded" (the storage does not
    answer, so each worker counts alone) or "off" (no limits)."""
    if limiter is None:
        return "off"
    # limits' own check: a ping, within REDIS_TIMEOUT_SECONDS; memory:// is always up.
    return "ok" if limiter.storage.check() else "degraded"
