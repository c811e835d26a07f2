"""Every kind of contract violation, as (name, record or raw body, field named)."""
from screening.triage import contract
from tests.helpers import valid_record


def _without(name):
    record = valid_record()
    del record[name]
    return record


# Contract revision 7's follow-ups: optional, but exact strings when present.
REVISION_7_BAD = [
    ("walking-unknown", valid_record(walking="fine"), "walking"),
    ("walking-wrong-case", valid_record(walking="Normal"), "walking"),
    ("walking-list", valid_record(walking=["normal"]), "walking"),
    ("overuse-warning-unsure", valid_record(overuse_warning="unsure"), "overuse_warning"),
    ("overuse-warning-bool", valid_record(overuse_warning=True), "overuse_warning"),
    ("known-problem-yes", valid_record(known_problem="yes"), "known_problem"),
    ("known-problem-untrimmed", valid_record(known_problem="joint "), "known_problem"),
    ("foot-wound-unsure", valid_record(foot_wound="unsure"), "foot_wound"),
    ("foot-wound-number", valid_record(foot_wound=1), "foot_wound"),
    ("foot-wound-empty", valid_record(foot_wound=""), "foot_wound"),
]

BAD = [
    *((f"missing-{name}", _without(name), name) for name, f in contract.FIELDS.items() if f.required),
    *((f"null-{name}", valid_record(**{name: None}), name) for name in contract.FIELDS),
    ("age-as-string", valid_record(age_years="7"), "age_years"),
    ("age-as-float", valid_record(age_years=7.0), "age_years"),
    ("age-as-bool", valid_record(age_years=True), "age_years"),
    ("age-below-0", valid_record(age_years=-1), "age_years"),
    ("age-above-120", valid_record(age_years=121), "age_years"),
    ("pain-above-10", valid_record(pain_score=11), "pain_score"),
    ("pain-below-0", valid_record(pain_score=-1), "pain_score"),
    ("pain-as-string", valid_record(pain_score="5"), "pain_score"),
    ("side-wrong-case", valid_record(sides="Left"), "sides"),
    ("side-untrimmed", valid_record(sides=" left"), "sides"),
    ("side-unknown", valid_record(sides="up"), "sides"),
    ("onset-unknown", valid_record(onset="slow"), "onset"),
    ("duration-unknown", valid_record(duration="2_days"), "duration"),
    ("trend-unknown", valid_record(trend="Worse"), "trend"),
    ("locations-empty", valid_record(locations=[]), "locations"),
    ("locations-not-list", valid_record(locations="knee"), "locations"),
    ("locations-repeat", valid_record(locations=["knee", "knee"]), "locations"),
    ("locations-unknown", valid_record(locations=["knee", "elbow"]), "locations"),
    ("locations-not-strings", valid_record(locations=[1]), "locations"),
    ("triggers-none-known-with-others", valid_record(triggers=["none_known", "injury"]), "triggers"),
    ("triggers-empty", valid_record(triggers=[]), "triggers"),
    ("red-flag-wrong-case", valid_record(chest_pain="Yes"), "chest_pain"),
    ("red-flag-bool", valid_record(dark_urine=False), "dark_urine"),
    ("clot-risk-unsure", valid_record(previous_clot="unsure"), "previous_clot"),
    ("pattern-unsure", valid_record(varicose_veins="unsure"), "varicose_veins"),
    ("name-empty", valid_record(preferred_name=""), "preferred_name"),
    ("name-spaces", valid_record(preferred_name="   "), "preferred_name"),
    ("name-invisible", valid_record(preferred_name="\u200b\u200d"), "preferred_name"),
    ("name-control", valid_record(preferred_name="\x07\t"), "preferred_name"),
    ("name-too-long", valid_record(preferred_name="a" * 81), "preferred_name"),
    ("name-not-string", valid_record(preferred_name=42), "preferred_name"),
    ("name-nul", valid_record(preferred_name="Ann\x00"), "preferred_name"),
    ("language-unknown", valid_record(language="fr"), "language"),
    ("notes-too-long", valid_record(notes="x" * 1001), "notes"),
    ("notes-lone-surrogate", valid_record(notes="\ud800"), "notes"),
    ("unknown-key", valid_record(age=30), "age"),
    *REVISION_7_BAD,
]

# Contract revision 5's red flags are required everywhere (also listed in BAD).
REVISION_5_REFUSED = [
    ("missing-fainted", _without("fainted"), "fainted"),
    ("missing-pregnancy_warning_signs", _without("pregnancy_warning_signs"), "pregnancy_warning_signs"),
    ("null-fainted", valid_record(fainted=None), "fainted"),
    ("null-pregnancy_warning_signs", valid_record(pregnancy_warning_signs=None), "pregnancy_warning_signs"),
]

NOT_OBJECTS = [("list", "[]"), ("string", '"hello"'), ("number", "5"), ("null", "null"), ("not-json", "{age_years: 5"), ("empty", "")]

GOOD_EDGES = [
    ("name-80-with-emoji", valid_record(preferred_name="🙂" + "a" * 79)),
    ("name-with-spaces-around", valid_record(preferred_name="  Ana María  ")),
    ("notes-1000", valid_record(notes="x" * 1000)),
    ("notes-empty", valid_record(notes="")),
    ("no-language", valid_record()),
    ("spanish", valid_record(language="es")),
]
