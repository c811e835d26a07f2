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


# What an attacker or a broken client types into a text field.
NASTY_TEXT = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b> &amp; &lt;",
    "{{ 7*7 }}",
    "{% for x in range(99999999) %}x{% endfor %}",
    "${7*7} #{7*7} %s%n%x",
    "'; DROP TABLE screening_case; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM screening_case;--",
    "file:///etc/passwd",
    "http://127.0.0.1:5432/",
    "http://169.254.169.254/latest/meta-data/",
    '<link rel="stylesheet" href="file:///etc/passwd">',
    "<img src='http://127.0.0.1:1/x.png'>",
    "url(http://127.0.0.1/)",
    "../../../../etc/passwd",
    "\u202eevil\u202c",  # right-to-left override
    "a\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\u200b\u200d\ufeff",  # invisible only
    "🙂👩🏽‍⚕️🇲🇽",
    "\x00nul",
    "\ud800",  # a lone surrogate
    "line\r\nbreak\x0b\x0c",
    "٤٢", "4_2", " 42 ", "４２", "1e1", "0x1F",  # numbers int() would take or nearly
)

nasty_text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=200),
    st.text(st.characters(codec="utf-8"), max_size=50),
    st.integers(0, 70_000).map(lambda n: "x" * n),  # over the 64 KB body limit at the top
)

any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | nasty_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(nasty_text, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def malformed_records(draw):
    """A valid record with one to three things wrong: a required key gone, an
    unknown key, a value of the wrong type or shape, or nasty text anywhere."""
    record = draw(records())
    names = sorted(contract.FIELDS)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["drop", "extra", "wrong", "text"]))
        name = draw(st.sampled_from(names))
        if how == "drop":
            record.pop(name, None)
        elif how == "extra":
            record[draw(nasty_text)] = draw(any_json)
        elif how == "wrong":
            record[name] = draw(any_json)
        else:
            record[name] = draw(nasty_text)
    return record


# Valid and malformed records, about half each.
any_records = st.one_of(records(), malformed_records())


# Answers near revision 7's named patterns (known flares, long-standing
# swelling and numbness, overuse, growing pains, settling injuries), where
# the narrowed rules' exceptions sit: plain random records meet them rarely.
@st.composite
def near_patterns(draw):
    pick = lambda values: draw(st.sampled_from(values))  # noqa: E731
    few = lambda values: draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))  # noqa: E731
    record = {
        "age_years": pick([3, 4, 5, 7, 8, 9, 12, 13, 15, 16, 30, 54, 55, 59, 60, 84]),
        "sides": pick(contract.SIDES),
        "locations": few(pick([
            contract.LOCATIONS, ("foot", "ankle_heel"), ("shin", "knee", "foot", "ankle_heel"),
            ("calf", "foot", "thigh_back", "thigh_front"), ("hip_buttock", "knee"), ("calf", "shin", "knee"),
        ])),
        "onset": pick(contract.ONSETS),
        "duration": pick(contract.DURATIONS),
        "pain_score": draw(st.integers(0, 10)),
        "trend": pick(contract.TRENDS),
        "triggers": pick([["none_known"], ["new_or_intense_exercise"], ["injury"], ["long_standing"],
                          ["sudden_pain_during_activity"], ["new_or_intense_exercise", "long_standing"],
                          ["injury", "hot_weather_or_little_fluid"]]),
    }
    rare = st.sampled_from(["no"] * 6 + ["yes", "unsure"])
    for name in contract.RED_FLAGS:
        record[name] = draw(rare)
    for name in contract.CLOT_RISK_FACTORS:
        record[name] = draw(st.sampled_from(["no"] * 5 + ["yes"]))
    for name in contract.PATTERNS:
        record[name] = pick(contract.YES_NO)
    for name in contract.FOLLOW_UPS:
        record[name] = pick(contract.FIELDS[name].choices)
    return record


# Both kinds, for the safety properties.
triage_records = st.one_of(records(), near_patterns())
