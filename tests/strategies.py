"""Hypothesis strategies for valid intake records, built from the contract."""
from hypothesis import strategies as st

from screening.triage import contract


def _value(field):
    if field.kind == "integer":
        return st.integers(field.minimum, field.maximum)
    if field.kind == "choice":
        return st.sampled_from(field.choices)
    if field.kind == "choices":
        if field.name == "triggers":
            others = [c for c in field.choices if c != contract.NONE_KNOWN]
            return st.one_of(st.just([contract.NONE_KNOWN]), st.lists(st.sampled_from(others), min_size=1, unique=True))
        return st.lists(st.sampled_from(field.choices), min_size=1, unique=True)
    if field.name == "preferred_name":
        return st.text(min_size=1, max_size=contract.PREFERRED_NAME_MAX).filter(lambda s: any(c.isalnum() for c in s))
    return st.text(max_size=50)


@st.composite
def records(draw):
    record = {}
    for field in contract.FIELDS.values():
        if field.required or draw(st.booleans()):
            record[field.name] = draw(_value(field))
    # Strings from st.text() may hold NUL or lone surrogates, which the
    # contract check refuses on purpose; keep only what it accepts.
    for name in ("preferred_name", "notes"):
        if name in record and ("\x00" in record[name] or any(0xD800 <= ord(c) <= 0xDFFF for c in record[name])):
            del record[name]
    return record
