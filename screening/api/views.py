"""The JSON API for other programs, and the health check."""
from flask import Blueprint, request

from ..store import engine
from ..triage.rules import triage
from ..triage.validation import InvalidRecord, parse_json
from ..web.state import state

bp = Blueprint("api", __name__)


@bp.post("/api/v1/triage", endpoint="triage")
def triage_record():
    try:
        record = parse_json(request.get_data(cache=False))
    except InvalidRecord as invalid:
        return {"errors": [p.to_dict() for p in invalid.problems]}, 400
    return triage(record).to_dict()


@bp.get("/healthz")
def healthz():
    """For load balancers and monitoring: no patient data, no login, never rate limited.

    Healthy means the plugin can take a patient's answers: its settings are
    valid, and its database is migrated and can be written to.
    """
    database = engine.health(state().engine)
    settings = "invalid" if state().invalid_settings else "ok"
    healthy = database == "ok" and settings == "ok"
    return {"status": "ok" if healthy else "error", "database": database, "settings": settings}, 200 if healthy else 503
