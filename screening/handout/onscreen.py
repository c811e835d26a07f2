"""The handout's words that the result page shows too, in the same words (contract section 3).

The result page's reasons follow the handout's rule (emergency reasons only on an
emergency; after a clinician's downgrade, none of a higher tier), and its words
about how long the pain lasts and when to book a visit are the handout's "what to
expect" lines and its "book a visit" group, word for word: both come from here.
"""
from .content import expect_lines, filler, text
from .sections import choose_sections


def result_words(record, result, *, early_stop=False, phone="", emergency_number=""):
    """What the result page prints from the handout, for the result the patient follows."""
    plan = choose_sections(record, result, early_stop=early_stop)
    words = text(plan.language)
    fill = filler(plan.language, phone=phone, emergency_number=emergency_number)
    soon = dict(plan.warnings).get("soon", ())
    return {
        "reasons": plan.reasons,
        "checked": words["checked"] if plan.checked else "",
        "expect_heading": words["expect_heading"],
        "expect": expect_lines(plan),
        "soon_heading": fill(words["warning_group_headings"]["soon"]),
        "soon": tuple(words["warning_items"][item] for item in soon),
    }
