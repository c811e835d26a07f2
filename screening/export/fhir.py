"""FHIR R4 resources as plain JSON dicts (contract section 6). No Flask.

`base` is SCREENING_FHIR_BASE: canonical URLs and identifier systems hang
off it. Entry fullUrls are urn:uuid: values derived from the case reference
and base, so exporting the same case twice gives the same bundle.
"""
import uuid
from datetime import timezone

from ..triage.contract import DISPOSITIONS, FIELDS, FOLLOW_UPS, NOT_ASKED
from ..triage.rules import RULES
from .codes import display, question_text, rule_display

# The contract revision this questionnaire and its CodeSystems follow (their `version`).
CONTRACT_REVISION = "7"
QUESTIONNAIRE_ID = "leg-soreness-intake"
SURVEY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
          "display": "Survey"}
ITEM_TYPES = {"integer": "integer", "choice": "choice", "choices": "choice", "text": "string"}


def code_system(base):
    return f"{base}/CodeSystem/leg-soreness"


def rule_code_system(base):
    return f"{base}/CodeSystem/leg-soreness-rule"


def questionnaire_url(base):
    return f"{base}/Questionnaire/{QUESTIONNAIRE_ID}"


def reference_system(base):
    return f"{base}/case-reference"


def coding(base, code):
    return {"system": code_system(base), "code": code, "display": display(code)}


def rule_coding(base, rule_id):
    return {"system": rule_code_system(base), "code": rule_id, "display": rule_display(rule_id)}


def answer_values(field):
    """A choice item's answer options: `not_asked` records that there was no
    question, so it is never an answer (revision 7, section 6)."""
    return [value for value in field.choices if value != NOT_ASKED]


def fhir_time(moment):
    """dateTime with its offset, to the second."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def questionnaire(base):
    items = []
    for field in FIELDS.values():
        item = {"linkId": field.name, "text": question_text(field.name), "type": ITEM_TYPES[field.kind],
                "required": field.required}
        if field.kind == "choices":
            item["repeats"] = True
        if field.kind in ("choice", "choices"):
            item["answerOption"] = [{"valueCoding": coding(base, value)} for value in answer_values(field)]
        if field.kind == "text":
            item["maxLength"] = field.maximum
        items.append(item)
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": questionnaire_url(base),
        "version": CONTRACT_REVISION,
        "name": "LegSorenessIntake",
        "title": "Leg-soreness intake",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _code_system_resource(url, name, title, concepts):
    return {
        "resourceType": "CodeSystem",
        "id": url.rsplit("/", 1)[1],
        "url": url,
        "version": CONTRACT_REVISION,
        "name": name,
        "title": title,
        "status": "active",
        "content": "complete",
        "caseSensitive": True,
        "count": len(concepts),
        "concept": concepts,
    }


def answer_codes():
    """Every code of the leg-soreness CodeSystem, in the contract's order, each once."""
    codes = dict.fromkeys(value for field in FIELDS.values() if field.kind in ("choice", "choices")
                          for value in answer_values(field))
    codes.update(dict.fromkeys((*DISPOSITIONS, "emergency", "triage", "clinician-review")))
    return list(codes)


def code_system_resource(base):
    """The answer values, dispositions and observation codes (contract section 6)."""
    return _code_system_resource(code_system(base), "LegSoreness", "Leg-soreness intake and triage codes",
                                 [{"code": code, "display": display(code)} for code in answer_codes()])


def rule_code_system_resource(base):
    """The triage rule ids (revision 7: a CodeSystem of their own)."""
    return _code_system_resource(rule_code_system(base), "LegSorenessRule", "Leg-soreness triage rules",
                                 [{"code": rule.id, "display": rule_display(rule.id)} for rule in RULES])


def definitions_bundle(base):
    """The Questionnaire and its two CodeSystems, each under its canonical URL."""
    resources = (questionnaire(base), code_system_resource(base), rule_code_system_resource(base))
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": r["url"], "resource": r} for r in resources]}


def _answers(base, field, value):
    if field.kind == "choices":
        return [{"valueCoding": coding(base, v)} for v in value]
    if field.kind == "choice":
        return [{"valueCoding": coding(base, value)}]
    if field.kind == "integer":
        return [{"valueInteger": value}]
    return [{"valueString": value}]


def _urn(base, reference, part):
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/case/{reference}/{part}"))


def _answered(record, name):
    """A follow-up recorded not_asked was not asked: left out, as an
    unanswered item is (`needs_help` recorded without asking is an answer)."""
    return name in record and not (name in FOLLOW_UPS and record[name] == NOT_ASKED)


def questionnaire_response(base, case):
    record = case.record
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": reference_system(base), "value": case.reference},
        "questionnaire": f"{questionnaire_url(base)}|{CONTRACT_REVISION}",
        "status": "stopped" if case.early_stop else "completed",
        "authored": fhir_time(case.created_at),
        "item": [
            {"linkId": name, "text": question_text(name), "answer": _answers(base, field, record[name])}
            for name, field in FIELDS.items() if _answered(record, name)
        ],
    }


def _disposition(base, disposition):
    return {"coding": [coding(base, disposition)], "text": display(disposition)}


def _emergency_component(base, emergency):
    return {"code": {"coding": [coding(base, "emergency")]}, "valueBoolean": bool(emergency)}


def triage_observation(base, case, response_url):
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [coding(base, "triage")]},
        "effectiveDateTime": fhir_time(case.created_at),
        "valueCodeableConcept": _disposition(base, case.disposition),
        "method": {"text": f"Leg-soreness triage rules, version {case.rules_version}"},
        "derivedFrom": [{"reference": response_url}],
        "component": [_emergency_component(base, case.emergency)] + [
            {"code": {"coding": [rule_coding(base, rule.rule_id)]}, "valueString": rule.clinician_reason}
            for rule in case.fired
        ],
    }


def review_observation(base, case, response_url, triage_url):
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [coding(base, "clinician-review")]},
        "effectiveDateTime": fhir_time(case.reviewed_at),
        "valueCodeableConcept": _disposition(base, case.final_disposition),
        "component": [_emergency_component(base, case.final_emergency)],
        "derivedFrom": [{"reference": response_url}, {"reference": triage_url}],
        "performer": [{"display": case.reviewed_by or "clinician"}],
    }
    if case.clinician_reason:
        observation["note"] = [{"text": case.clinician_reason}]
    return observation


def case_bundle(base, case):
    """A `collection` Bundle: the QuestionnaireResponse, the rules' Observation,
    and the clinician's when the case was reviewed."""
    response_url = _urn(base, case.reference, "response")
    triage_url = _urn(base, case.reference, "triage")
    entries = [
        {"fullUrl": response_url, "resource": questionnaire_response(base, case)},
        {"fullUrl": triage_url, "resource": triage_observation(base, case, response_url)},
    ]
    if case.reviewed_at is not None:
        entries.append({"fullUrl": _urn(base, case.reference, "review"),
                        "resource": review_observation(base, case, response_url, triage_url)})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def record_from_response(response):
    """The intake record a QuestionnaireResponse carries (for round trips and imports)."""
    record = {}
    for item in response.get("item", []):
        field = FIELDS.get(item["linkId"])
        if field is None:
            continue
        values = []
        for answer in item.get("answer", []):
            if "valueCoding" in answer:
                values.append(answer["valueCoding"]["code"])
            elif "valueInteger" in answer:
                values.append(answer["valueInteger"])
            else:
                values.append(answer["valueString"])
        record[field.name] = values if field.kind == "choices" else values[0]
    return record
