"""Shared test data: the public vignettes and ways to send them."""
import json
import re
from pathlib import Path

from sqlalchemy import func, select

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


def form_data(record, token):
    """What a browser sends for these answers: lists become repeated keys."""
    data = {"csrf_token": token}
    for name, value in record.items():
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
