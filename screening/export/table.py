"""Cases as CSV rows for a spreadsheet (contract section 6). No Flask.

Free text (preferred_name, notes) is left out unless asked for; any cell a
spreadsheet could run as a formula is written with a leading apostrophe.
"""
import csv
import io

from ..triage.contract import FIELDS, FOLLOW_UPS, NOT_ASKED

FREE_TEXT = ("preferred_name", "notes")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def columns(free_text=False):
    fields = [name for name in FIELDS if free_text or name not in FREE_TEXT]
    return (["reference", "created"] + fields
            + ["disposition", "emergency", "rule_ids", "rules_version", "early_stop", "reviewed",
               "clinician_disposition", "clinician_emergency", "override_reason"])


def _value(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def row(case, zone, free_text=False):
    record = case.record
    if not case.early_stop:
        # A whole record stored before revision 7 has no follow-ups: absent is not_asked.
        record = {**{name: NOT_ASKED for name in FOLLOW_UPS}, **record}
    values = [case.reference, case.created_at.astimezone(zone).isoformat(timespec="seconds")]
    values += [_value(record.get(name)) for name in FIELDS if free_text or name not in FREE_TEXT]
    values += [
        case.disposition, str(bool(case.emergency)).lower(), ";".join(case.rule_ids), case.rules_version,
        str(bool(case.early_stop)).lower(), str(case.reviewed_at is not None).lower(),
        case.clinician_disposition or "",
        "" if case.clinician_disposition is None else str(bool(case.clinician_emergency)).lower(),
        case.clinician_reason or "",
    ]
    return [safe_cell(v) for v in values]


def write_csv(cases, zone, free_text=False):
    """The CSV text for these cases (zone: the clinic's, for the created times)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(free_text))
    for case in cases:
        writer.writerow(row(case, zone, free_text))
    return out.getvalue()
