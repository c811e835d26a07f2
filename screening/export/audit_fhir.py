"""The audit trail as FHIR R4 AuditEvents (a collection Bundle). No Flask.

Types are DICOM's audit event IDs, as IHE's Basic Audit Log Patterns use
them; the plugin's own action name goes in `subtype`.
"""
import uuid

from . import bundle_text
from .fhir import fhir_time, reference_system

DICOM = "http://dicom.nema.org/resources/ontology/DCM"
TYPES = {
    "view": ("110110", "Patient Record"), "print": ("110110", "Patient Record"),
    "summary": ("110110", "Patient Record"), "review": ("110110", "Patient Record"),
    "override": ("110110", "Patient Record"), "acknowledge": ("110110", "Patient Record"),
    "purge": ("110110", "Patient Record"), "queue-view": ("110110", "Patient Record"),
    "status": ("110110", "Patient Record"),
    "export": ("110106", "Export"), "import": ("110107", "Import"),
    "sign-in": ("110114", "User Authentication"), "failed-sign-in": ("110114", "User Authentication"),
    "sign-out": ("110114", "User Authentication"), "api-refused": ("110114", "User Authentication"),
    "user-change": ("110136", "Security Roles Changed"), "audit-view": ("110101", "Audit Log Used"),
}
# FHIR's action codes: Create, Read, Update, Delete, Execute.
ACTIONS = {"view": "R", "queue-view": "R", "print": "R", "summary": "R", "export": "R", "audit-view": "R",
           "review": "U", "override": "U", "status": "U", "acknowledge": "U", "user-change": "U",
           "import": "C", "purge": "D"}


def audit_event(base, event):
    code, words = TYPES.get(event.action, ("110100", "Application Activity"))
    agent = {"requestor": True, "who": {"display": event.username or "unknown"}}
    if event.role:
        agent["role"] = [{"text": event.role}]
    if event.address:
        agent["network"] = {"address": event.address, "type": "2"}
    resource = {
        "resourceType": "AuditEvent",
        "id": str(event.id),
        "type": {"system": DICOM, "code": code, "display": words},
        "subtype": [{"system": f"{base}/CodeSystem/audit-action", "code": event.action}],
        "action": ACTIONS.get(event.action, "E"),
        "recorded": fhir_time(event.at),
        "outcome": "4" if event.action in ("failed-sign-in", "api-refused") else "0",
        "agent": [agent],
        "source": {"observer": {"display": "Leg-soreness screening"}},
    }
    if event.detail:
        resource["outcomeDesc"] = event.detail
    if event.case_reference:
        resource["entity"] = [{"what": {"identifier": {"system": reference_system(base),
                                                       "value": event.case_reference}}}]
    return resource


# The Bundle's members before its "entry" list.
BUNDLE = {"resourceType": "Bundle", "type": "collection"}


def audit_entry(base, event):
    return {"fullUrl": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/audit/{event.id}")),
            "resource": audit_event(base, event)}


def audit_bundle(base, events):
    return {**BUNDLE, "entry": [audit_entry(base, e) for e in events]}


def audit_bundle_text(base, batches):
    """The JSON text of audit_bundle() for the events of these batches, a piece per batch."""
    return bundle_text.bundle_text(BUNDLE, ([audit_entry(base, e) for e in batch] for batch in batches))
