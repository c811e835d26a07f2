"""The JSON API for other programs, and the health check."""
from flask import Blueprint, request, url_for

from ..store import engine
from ..triage.rules import triage
from ..triage.validation import InvalidRecord, parse_json
from ..web.state import state
from . import openapi

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
    """For load balancers and monitoring: no patient data, no login, never rate limited."""
    if engine.reachable(state().engine):
        return {"status": "ok", "database": "ok"}
    return {"status": "error", "database": "unreachable"}, 503


@bp.get("/api/openapi.json", endpoint="openapi")
def openapi_document():
    """The API's OpenAPI 3.1 description, with the paths as this app mounts them."""
    return openapi.document(url_for)
