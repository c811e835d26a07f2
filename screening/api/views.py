"""The JSON API for other programs, the FHIR Questionnaire, the API's OpenAPI description, and the health check."""
from flask import Blueprint, current_app, request, url_for
from sqlalchemy.exc import SQLAlchemyError

from ..export import fhir
from ..store import audit, cases, engine
from ..triage.rules import triage
from ..triage.validation import InvalidRecord, parse_json
from ..web import ratelimit
from ..web.exporting import fhir_base, fhir_not_configured, fhir_response, needs_fhir_base
from ..web.state import db_session, state
from . import keys
from . import openapi, refused

bp = Blueprint("api", __name__)


@bp.errorhandler(SQLAlchemyError)
def database_unavailable(error):
    """Any API route while the database cannot be reached: a 503 to retry, never a bare 500."""
    current_app.logger.error("API: database unavailable (%s)", engine.error_kind(error))
    body = {"errors": [{"field": "_record", "message": "the database is unavailable; try again"}]}
    return body, 503, {"Retry-After": "10"}


def parse_record():
    """The validated record in the body, or the contract's 400 answer."""
    try:
        return parse_json(request.get_data(cache=False)), None
    except InvalidRecord as invalid:
        return None, ({"errors": [p.to_dict() for p in invalid.problems]}, 400)


@bp.post("/api/v1/triage", endpoint="triage")
def triage_record():
    record, refused = parse_record()
    if refused:
        return refused
    return triage(record).to_dict()


# The definitions other systems read, each at its canonical URL: no patient
# data, no key. (endpoint, path under <prefix>, the resource for a base URL)
DEFINITIONS = (
    ("questionnaire", "/fhir/Questionnaire/leg-soreness-intake", fhir.questionnaire),
    # The codes the Questionnaire's options and the Observations use.
    ("code_system", "/fhir/CodeSystem/leg-soreness", fhir.code_system_resource),
    # The triage rule ids the Observations' components carry.
    ("rule_code_system", "/fhir/CodeSystem/leg-soreness-rule", fhir.rule_code_system_resource),
    # All three in one Bundle, for a consumer that loads definitions in one go.
    ("definitions", "/fhir/definitions", fhir.definitions_bundle),
)


def _definition_view(resource):
    @needs_fhir_base
    def view(base):
        return fhir_response(resource(base))
    return view


for _endpoint, _path, _resource in DEFINITIONS:
    bp.add_url_rule(_path, _endpoint, _definition_view(_resource), methods=["GET"])


def _key_or_401():
    name = keys.caller()
    if name is None:
        refused.count_and_audit("key", "no valid API key")
        return None, ({"errors": [{"field": "_record", "message": "a valid API key is required"}]}, 401,
                      {"WWW-Authenticate": 'Bearer realm="screening"'})
    return f"api:{name}", None


def _audit(who, action, reference=None, detail=None):
    audit.record(db_session(), action, username=who, role="api", address=request.remote_addr,
                 reference=reference, detail=detail)


@bp.get("/api/v1/cases/<reference>", endpoint="case_fhir")
def case_fhir(reference):
    who, refused = _key_or_401()
    if refused:
        return refused
    base = fhir_base()
    if base is None:
        return fhir_not_configured()
    case = cases.find_by_reference(db_session(), reference)
    if case is None:
        return {"errors": [{"field": "reference", "message": "no case has this reference"}]}, 404
    bundle = fhir.case_bundle(base, case)
    _audit(who, "export", case.reference, "FHIR bundle")
    return fhir_response(bundle)


@bp.post("/api/v1/cases", endpoint="store_case")
def store_case():
    """Store a whole record from another system: its reference and result (same checks as /triage)."""
    who, refused = _key_or_401()
    if refused:
        return refused
    record, refused = parse_record()
    if refused:
        return refused
    result = triage(record)
    try:
        case = cases.save_case(db_session(), record, result)
    except SQLAlchemyError as error:
        current_app.logger.error("could not store a case from the API: %s", engine.error_kind(error))
        return {"errors": [{"field": "_record", "message": "could not be stored; try again"}]}, 503
    _audit(who, "import", case.reference)
    return {"reference": case.reference, "result": result.to_dict()}, 201


@bp.get("/healthz")
def healthz():
    """For load balancers and monitoring: no patient data, no login, never rate limited.

    Healthy means the plugin can take a patient's answers: its settings are
    valid, and its database is migrated and can be written to. "limits" says
    whether the rate limits are shared ("ok"), per worker while their storage
    is unreachable ("degraded"), or "off".
    """
    database = engine.health(state().engine)
    settings = "invalid" if state().invalid_settings else "ok"
    healthy = database == "ok" and settings == "ok"
    # Degraded limits still take every patient's answers: reported, not a 503
    # that would take every worker out of the load balancer at once.
    limits = ratelimit.health(state().limiter)
    return ({"status": "ok" if healthy else "error", "database": database, "settings": settings, "limits": limits},
            200 if healthy else 503)


@bp.get("/api/openapi.json", endpoint="openapi")
def openapi_document():
    """The API's OpenAPI 3.1 description, with the paths as this app mounts them."""
    return openapi.document(url_for)
