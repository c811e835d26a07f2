"""The JSON API's OpenAPI 3.1 description, built from the contract.

The record's schema comes from contract.FIELDS, as the form and the
validation do, so the description cannot drift from what the API accepts.
JSON Schema cannot say everything validation.py checks (a name needs a
visible character, no NUL in text, "none_known" alone among triggers is
said; the rest is in the descriptions): it is never stricter than the
validation, so anything it calls invalid is refused.
"""
from ..triage import contract
from ..triage.rules import TIERS

OPENAPI = "3.1.0"
JSON = "application/json"

# One entry per operation: (Flask endpoint, method, operation builder). Cases
# endpoints (export, review) add theirs here.
OPERATIONS = []


def operation(endpoint, method):
    def register(build):
        OPERATIONS.append((endpoint, method, build))
        return build

    return register


def field_schema(spec):
    if spec.kind == "integer":
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if spec.kind == "choice":
        return {"type": "string", "enum": list(spec.choices)}
    if spec.kind == "choices":
        schema = {
            "type": "array",
            "items": {"type": "string", "enum": list(spec.choices)},
            "minItems": 1,
            "uniqueItems": True,
        }
        if contract.NONE_KNOWN in spec.choices:
            schema["description"] = f'"{contract.NONE_KNOWN}" must be the only value when given.'
            schema["anyOf"] = [{"maxItems": 1}, {"not": {"contains": {"const": contract.NONE_KNOWN}}}]
        return schema
    schema = {"type": "string", "maxLength": spec.maximum, "pattern": "^[^\\u0000]*$"}
    if spec.minimum:
        schema["minLength"] = spec.minimum
        schema["description"] = "Must hold at least one visible character (not only spaces or invisible marks)."
    return schema


def record_schema():
    return {
        "type": "object",
        "description": "The intake record (intake contract, section 1). Unknown keys are refused.",
        "properties": {name: field_schema(spec) for name, spec in contract.FIELDS.items()},
        "required": [name for name, spec in contract.FIELDS.items() if spec.required],
        "additionalProperties": False,
    }


def components():
    return {
        "schemas": {
            "IntakeRecord": record_schema(),
            "FiredRule": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "tier": {"type": "string", "enum": list(TIERS)},
                    "clinician_reason": {"type": "string"},
                    "patient_reason": {"type": "string"},
                },
                "required": ["id", "tier", "clinician_reason", "patient_reason"],
                "additionalProperties": False,
            },
            "TriageResult": {
                "type": "object",
                "properties": {
                    "disposition": {"type": "string", "enum": list(contract.DISPOSITIONS)},
                    "emergency": {"type": "boolean"},
                    "rules": {"type": "array", "items": {"$ref": "#/components/schemas/FiredRule"}},
                    "rules_version": {"type": "string"},
                },
                "required": ["disposition", "emergency", "rules", "rules_version"],
                "additionalProperties": False,
            },
            "Errors": {
                "type": "object",
                "description": 'Every problem at once; "_record" names the request as a whole.',
                "properties": {
                    "errors": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                            "required": ["field", "message"],
                        },
                    }
                },
                "required": ["errors"],
            },
        }
    }


def _errors(description):
    return {"description": description, "content": {JSON: {"schema": {"$ref": "#/components/schemas/Errors"}}}}


@operation("screening.api.triage", "post")
def triage_operation():
    return {
        "operationId": "triage",
        "summary": "Triage an intake record (decides; stores nothing).",
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/IntakeRecord"}}},
        },
        "responses": {
            "200": {
                "description": "The triage result.",
                "content": {JSON: {"schema": {"$ref": "#/components/schemas/TriageResult"}}},
            },
            "400": _errors("Not valid JSON, or a record with problems (one per field)."),
            "413": _errors("A body over the size limit (64 KB by default), refused unread."),
            "429": _errors("Past the rate limit; see Retry-After."),
        },
    }


@operation("screening.api.healthz", "get")
def healthz_operation():
    status = {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["ok", "error"]},
            "database": {"type": "string", "enum": ["ok", "unreachable", "not migrated", "not writable"]},
            "settings": {"type": "string", "enum": ["ok", "invalid"]},
            # "degraded": the limits' shared storage does not answer; each worker counts alone.
            "limits": {"type": "string", "enum": ["ok", "degraded", "off"]},
        },
        "required": ["status", "database", "settings", "limits"],
    }
    return {
        "operationId": "healthz",
        "summary": "Whether the app and its database answer. No patient data.",
        "responses": {
            "200": {"description": "Up.", "content": {JSON: {"schema": status}}},
            "503": {"description": "The database is not usable, or a setting is invalid.",
                    "content": {JSON: {"schema": status}}},
        },
    }


def document(url_for):
    """The description, with each path as this app mounts it (url_for gives the prefix)."""
    paths = {}
    for endpoint, method, build in OPERATIONS:
        paths.setdefault(url_for(endpoint), {})[method] = build()
    return {
        "openapi": OPENAPI,
        "info": {
            "title": "Leg-soreness screening API",
            "version": "1",
            "description": "Triage of an intake record by the clinic's red-flag rules (intake contract).",
        },
        "paths": paths,
        "components": components(),
    }
