"""Records and results for the handout tests (no pytest fixtures: conftest is not ours)."""
import io
from datetime import date

from pypdf import PdfReader

from screening.triage.contract import CLOT_RISK_FACTORS, PATTERNS, RED_FLAGS
from screening.triage.rules import triage
from screening.triage.validation import validate
from tests.helpers import VIGNETTES

TODAY = date(2026, 11, 25)


def with_language(record, language):
    return validate(dict(record, language=language))


def all_vignette_records():
    """(id, record) for every public vignette in both languages."""
    for v in VIGNETTES:
        for language in ("en", "es"):
            yield f"{v['name']}-{language}", with_language(v["record"], language)


def calm_record(**changes):
    """A valid adult record with no red flags, no risks and no patterns, then `changes`."""
    record = {
        "age_years": 35,
        "sides": "both",
        "locations": ["calf"],
        "onset": "gradual",
        "duration": "1_3_days",
        "pain_score": 3,
        "trend": "better",
        "triggers": ["none_known"],
        **{f: "no" for f in RED_FLAGS + CLOT_RISK_FACTORS + PATTERNS},
    }
    record.update(changes)
    return validate(record)


def pdf_pages_and_text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def squash(text):
    """Text with all runs of white space made one space (PDF extraction breaks lines),
    and a word broken at its own hyphen ("anti-" / "inflammatory") whole again."""
    return " ".join(text.replace("-\n", "-").split())


def plan_for(record):
    from screening.handout.sections import choose_sections

    return choose_sections(record, triage(record))
