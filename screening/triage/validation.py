"""Checks an intake record against the contract, reporting every problem.

The API and the command line hand this module the decoded JSON; the form hands
it the record it built from its own fields. Either way nothing reaches the
rules or the database unless this module accepted it.
"""
import json
import unicodedata
from dataclasses import dataclass

from .contract import DEFAULT_LANGUAGE, FIELDS, NONE_KNOWN, with_follow_ups

RECORD = "_record"


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def to_dict(self):
        return {"field": self.field, "message": self.message}


class InvalidRecord(ValueError):
    def __init__(self, problems):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = list(problems)


def _one_of(choices):
    return "must be one of: " + ", ".join(choices)


def _text_problem(value):
    # A lone surrogate cannot be stored or printed, and PostgreSQL refuses NUL
    # in text: refuse both here rather than fail later with a server error.
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        return "must be valid Unicode text"
    if "\x00" in value:
        return "must not contain a NUL character"
    return None


def _visible(ch):
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _check(field, value):
    """The problem with one present value, or None."""
    if value is None:
        return "must not be null (leave an optional field out instead)"
    if field.kind == "integer":
        # bool is an int in Python but not a JSON integer.
        if type(value) is not int:
            return "must be a whole number"
        if not field.minimum <= value <= field.maximum:
            return f"must be from {field.minimum} to {field.maximum}"
        return None
    if field.kind == "choice":
        if not isinstance(value, str) or value not in field.choices:
            return _one_of(field.choices)
        return None
    if field.kind == "choices":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of strings"
        if not value:
            return "must list at least one value"
        for item in value:
            if item not in field.choices:
                return f"has {item!r}, which is not allowed; each value " + _one_of(field.choices)
        if len(set(value)) != len(value):
            return "must not list the same value twice"
        if NONE_KNOWN in value and len(value) > 1:
            return f"{NONE_KNOWN!r} must be the only value when given"
        return None
    # text
    if not isinstance(value, str):
        return "must be a string"
    problem = _text_problem(value)
    if problem:
        return problem
    if len(value) > field.maximum:
        return f"must be at most {field.maximum} characters"
    if field.minimum and not any(_visible(ch) for ch in value):
        return "must have at least one visible character"
    return None


def problems(data):
    """Every problem with a decoded record, at most one per field, in field order."""
    if not isinstance(data, dict):
        return [Problem(RECORD, "must be a JSON object")]
    found = []
    for name, field in FIELDS.items():
        if name not in data:
            if field.required:
                found.append(Problem(name, "is required"))
            continue
        message = _check(field, data[name])
        if message:
            found.append(Problem(name, message))
    for name in data:
        if name not in FIELDS:
            found.append(Problem(str(name), "is not a field of the intake record"))
    return found


def validate(data):
    """The accepted record, or InvalidRecord.

    The defaults are filled in: the language, and not_asked for each follow-up
    left out (revision 7: an older client's record stays valid and reads the
    same), so that everything after this sees one shape of record.
    """
    found = problems(data)
    if found:
        raise InvalidRecord(found)
    record = dict(data)
    record.setdefault("language", DEFAULT_LANGUAGE)
    return with_follow_ups(record)


def parse_json(text):
    """Decode and validate a JSON document (str or bytes)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        # ValueError covers bad JSON, bad UTF-8 and integers too long to read.
        raise InvalidRecord([Problem(RECORD, "is not valid JSON")]) from None
    return validate(data)
