"""Cases as CSV rows for a spreadsheet (contract section 6). No Flask.

Free text (preferred_name, notes) is left out unless asked for; any cell a
spreadsheet could run as a formula is written with a leading apostrophe.
Columns added later go at the end, so a spreadsheet reading the older ones by
position keeps working.
"""
import csv
import io
import unicodedata

from ..triage.contract import FIELDS, with_follow_ups

FREE_TEXT = ("preferred_name", "notes")
# OWASP's list (CSV injection): = + - @, tab and carriage return, with the
# full-width and small forms a spreadsheet may read as the same signs.
FORMULA_STARTS = frozenset("=+-@\t\r" "\uff1d\uff0b\uff0d\uff20" "\ufe66\ufe62\ufe63\ufe6b")
# What a spreadsheet passes over before it reads a formula: white space
# (spaces, line breaks, no-break space) and invisible format characters
# (zero-width space, byte-order mark, direction marks).
SKIPPED_CATEGORIES = {"Zs", "Zl", "Zp", "Cf", "Cc"}


def starts_a_formula(text):
    """Whether the first character after leading white space and format characters starts a formula."""
    for ch in text:
        if ch in FORMULA_STARTS:
            return True
        if not (ch.isspace() or unicodedata.category(ch) in SKIPPED_CATEGORIES):
            return False
    return False


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if starts_a_formula(text) else text


def columns(free_text=False):
    fields = [name for name in FIELDS if free_text or name not in FREE_TEXT]
    return (["reference", "created"] + fields
            + ["disposition", "emergency", "rule_ids", "rules_version", "early_stop", "reviewed",
               "clinician_disposition", "clinician_emergency", "override_reason",
               # Issue 20: who reviewed it and when, when the desk acknowledged its
               # alert, and where the patient is in the clinic's day since when.
               "reviewed_at", "reviewed_by", "acknowledged_at", "status", "status_at"])


def _value(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def _time(moment, zone):
    return "" if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def row(case, zone, free_text=False, acknowledged_at=None):
    """One case's cells; acknowledged_at is its Acknowledgement's time, if any
    (the caller reads a batch's at once: see rows())."""
    record = case.record
    if not case.early_stop:
        # A whole record stored before revision 7 has no follow-ups: absent is not_asked.
        record = with_follow_ups(record)
    values = [case.reference, _time(case.created_at, zone)]
    values += [_value(record.get(name)) for name in FIELDS if free_text or name not in FREE_TEXT]
    values += [
        case.disposition, str(bool(case.emergency)).lower(), ";".join(case.rule_ids), case.rules_version,
        str(bool(case.early_stop)).lower(), str(case.reviewed_at is not None).lower(),
        case.clinician_disposition or "",
        "" if case.clinician_disposition is None else str(bool(case.clinician_emergency)).lower(),
        case.clinician_reason or "",
        _time(case.reviewed_at, zone), case.reviewed_by or "", _time(acknowledged_at, zone),
        case.status, _time(case.status_at, zone),
    ]
    return [safe_cell(v) for v in values]


def _lines(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def header(free_text=False):
    """The CSV's first line: the column names."""
    return _lines([columns(free_text)])


def rows(cases, zone, free_text=False, acknowledged=None):
    """The CSV lines of these cases, to follow header() (a streamed export
    writes one batch of cases at a time, so a long range never sits in memory).
    acknowledged: case id -> when its alert was acknowledged, for those that were."""
    acknowledged = acknowledged or {}
    return _lines(row(case, zone, free_text, acknowledged.get(case.id)) for case in cases)


def write_csv(cases, zone, free_text=False, acknowledged=None):
    """The CSV text for these cases (zone: the clinic's, for the times)."""
    return header(free_text) + rows(cases, zone, free_text, acknowledged)
