"""Shared test data: the public vignettes and ways to send them."""
import html
import json
import re
from pathlib import Path

from sqlalchemy import func, select

from screening.intake.forms import form_values
from screening.web.state import state
from screening.store.models import Case

VIGNETTES_PATH = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.json"
VIGNETTES = json.loads(VIGNETTES_PATH.read_text())
VIGNETTE_IDS = [v["name"] for v in VIGNETTES]


def vignette(name):
    return next(v for v in VIGNETTES if v["name"] == name)


def valid_record(**changes):
    """A complete self-care record, with some answers changed."""
    record = dict(vignette("after-first-spin-class")["record"])
    record.update(changes)
    return record


def csrf_token(client, path="/", **request):
    """The form's token, from a GET with the test client's request options (base_url, headers)."""
    page = client.get(path, **request).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


# What most patients answer to a follow-up the form asks and a record leaves
# out (a vignette written before revision 7, or one that needs no such answer).
UNREMARKABLE = {"walking": "normal", "overuse_warning": "no", "known_problem": "no", "foot_wound": "no"}


def as_answered(record):
    """The record with every follow-up the form would ask answered: as given,
    else (left out, or not_asked as an API client may send) the unremarkable
    answer."""
    from screening.triage.asking import asks
    from screening.triage.contract import NOT_ASKED

    full = dict(record)
    for name, answer in UNREMARKABLE.items():
        if record.get(name, NOT_ASKED) == NOT_ASKED and _complete(record) and asks(name, record):
            full[name] = answer
    return full


def _complete(record):
    """Every required answer given and valid: only then does the form ask follow-ups."""
    from screening.triage import contract
    from screening.triage.validation import problems

    return (all(name in record for name, spec in contract.FIELDS.items() if spec.required)
            and not problems(record))


def form_record(record, language="en"):
    """The record the form stores for these answers: as_answered(), with each
    follow-up it does not ask recorded as it records it unasked."""
    from screening.triage.asking import asks, unasked_value
    from screening.triage.contract import FOLLOW_UPS

    stored = dict(as_answered(record))
    stored.setdefault("language", language)
    for name in FOLLOW_UPS:
        if _complete(stored) and not asks(name, stored):
            stored[name] = unasked_value(name, stored)
    return stored


def form_data(record, token):
    """What a browser sends for these answers, all at once (a post with no
    step is checked whole): the form's own questions (four steps, the
    "choose all that fit" lists), lists as repeated keys; a follow-up the
    form asks and the record leaves out gets the unremarkable answer."""
    data = {"csrf_token": token}
    for name, value in form_values(as_answered(record)).items():
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def case_count(app):
    with state(app).sessions() as session:
        return session.scalar(select(func.count()).select_from(Case))


def all_cases(app):
    with state(app).sessions() as session:
        return session.scalars(select(Case).order_by(Case.id)).all()


def contract_record(**changes):
    """valid_record() with only the fields this version of the contract has
    (the public vignettes may already carry newer ones), for the JSON API."""
    from screening.triage import contract

    return {k: v for k, v in valid_record(**changes).items() if k in contract.FIELDS}


def hidden(page, name):
    """The value of a hidden field on a page."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"|<input[^>]*value="([^"]*)"[^>]*name="{name}"', page)
    return html.unescape(match.group(1) or match.group(2) or "") if match else ""


def step_data(page, values, index, go="next"):
    """What a browser without scripting sends from step `index` of the form
    on `page`, answering that step's questions from `values` (form_values)."""
    from screening.intake.forms import STEPS

    data = {"csrf_token": hidden(page, "csrf_token"), "language": hidden(page, "language"),
            "answers": hidden(page, "answers"), "step": str(index), "go": go}
    for name in STEPS[index].names:
        if name in values:
            value = values[name]
            data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def send_in_steps(client, record, path="/", until=None):
    """Answer the form step by step as a browser without scripting does:
    every response on the way, the last one the answer to "Send" (or, with
    `until`, the page of that step)."""
    from screening.intake.forms import STEPS

    values = form_values(as_answered(record))
    page = client.get(path).get_data(as_text=True)
    responses = []
    for index in range(len(STEPS) if until is None else until):
        response = client.post("/", data=step_data(page, values, index))
        responses.append(response)
        page = response.get_data(as_text=True)
        if response.status_code != 200 or 'name="confirm"' in page:
            break
    return responses


def result_page(client):
    """The result page this browser may see (bound to its session)."""
    return client.get("/result")


def open_result_of(client, case):
    """Let this test browser see a case stored some other way, as if it had sent it."""
    with client.session_transaction() as browser:
        browser["screening_result"] = case.token
