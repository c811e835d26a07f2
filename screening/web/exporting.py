"""What the staff exports and the API share: the FHIR base URL, and JSON for FHIR."""
import json
from functools import wraps

from flask import current_app, make_response

from ..export.bundle_text import JSON_OPTIONS

FHIR_JSON = "application/fhir+json"
NOT_CONFIGURED = ("FHIR exports are off: set SCREENING_FHIR_BASE to the clinic's FHIR base URL "
                  "(canonical URLs never come from the request)")


def fhir_base():
    """SCREENING_FHIR_BASE without its trailing slash, or None when unset.

    Canonical URLs and identifier systems name the same resource for ever:
    taken from the request's Host header they would change with whoever
    asked (an integrator, a proxy, a forged header), so there is no fallback.
    """
    configured = current_app.config["SCREENING_FHIR_BASE"]
    return configured.rstrip("/") if isinstance(configured, str) and configured.strip() else None


def operation_outcome(code, diagnostics, expression=None):
    issue = {"severity": "error", "code": code, "diagnostics": diagnostics}
    if expression:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def fhir_not_configured():
    """503 with an OperationOutcome that says which setting to make."""
    current_app.logger.warning("a FHIR export was asked for, but %s", NOT_CONFIGURED)
    return fhir_response(operation_outcome("not-supported", NOT_CONFIGURED), 503)


def needs_fhir_base(view):
    """The view gets `base`; without SCREENING_FHIR_BASE it is never called."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        base = fhir_base()
        if base is None:
            return fhir_not_configured()
        return view(*args, base=base, **kwargs)
    return wrapped


def fhir_response(resource, status=200, filename=None):
    response = make_response(json.dumps(resource, **JSON_OPTIONS), status)
    response.mimetype = FHIR_JSON
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
