"""What the staff exports and the API share: the FHIR base URL, and JSON for FHIR."""
import json

from flask import current_app, make_response, url_for

FHIR_JSON = "application/fhir+json"


def fhir_base():
    """SCREENING_FHIR_BASE, else this server's own <prefix>/fhir as the request reached it."""
    configured = current_app.config["SCREENING_FHIR_BASE"]
    if configured:
        return configured.rstrip("/")
    return url_for("screening.api.questionnaire", _external=True).rsplit("/Questionnaire/", 1)[0]


def fhir_response(resource, status=200, filename=None):
    response = make_response(json.dumps(resource, ensure_ascii=False, indent=1), status)
    response.mimetype = FHIR_JSON
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
