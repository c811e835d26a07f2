"""Printing at the front desk through a real CUPS server and its virtual PDF
printer (cups-pdf), which scripts/test starts for the suite and stops after
(scripts/start-cups): "Print my handout" sends the PDF from the server, and
the patient's screen shows where to collect it, never the PDF."""
import io
import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import all_cases, csrf_token, form_data, valid_record, vignette
from tests.test_result_pages import close

NAME = "Perpetua Onslow"


@pytest.fixture(scope="session")
def printer():
    """(queue, folder where its PDFs land) of the throwaway CUPS server."""
    queue, out = os.environ.get("SCREENING_TEST_PRINTER"), os.environ.get("SCREENING_TEST_PRINTER_OUT")
    if not (queue and out and os.environ.get("CUPS_SERVER")):
        pytest.fail("no test printer: run the suite with scripts/test, which starts a CUPS server (scripts/start-cups)")
    return queue, Path(out)


def printed_pdfs(out, before, timeout=30):
    """The PDFs that appear in the printer's folder, waiting for CUPS to finish."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = sorted(set(out.glob("*.pdf")) - before)
        # cups-pdf writes a while (longer on a loaded machine): a PDF is
        # whole once it ends with its end-of-file marker.
        if new and all(p.read_bytes().rstrip().endswith(b"%%EOF") for p in new):
            return new
        time.sleep(0.2)
    return []


def send(client, record):
    assert client.post("/", data=form_data(record, csrf_token(client, "/?lang=en"))).status_code == 303
    return client.get("/result").get_data(as_text=True)


def print_handout(client, **extra):
    page = client.get("/result").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    return client.post("/result/print", data={"csrf_token": token, **extra})


def test_print_sends_the_handout_to_the_front_desk_printer(make_app, printer):
    queue, out = printer
    app = make_app(SCREENING_PRINTER=queue, SCREENING_PRINTER_PLACE="the desk by the door")
    client = app.test_client()
    page = send(client, valid_record(preferred_name=NAME))
    # The result offers printing as a button that posts; no link to a PDF.
    assert 'action="/result/print"' in page and "handout.pdf" not in page and "/result/handout" not in page
    before = set(out.glob("*.pdf"))
    response = print_handout(client)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "Your handout is printing." in text and "Please collect it from: the desk by the door." in text
    [pdf] = printed_pdfs(out, before)
    # cups-pdf prints through PostScript, so the text is not kept: the pages
    # and the paper are the handout's.
    printed = PdfReader(io.BytesIO(pdf.read_bytes()))
    handout = PdfReader(io.BytesIO(client.get("/result/handout.pdf").data))
    assert len(printed.pages) == len(handout.pages)
    assert round(float(printed.pages[0].mediabox.width)) == round(float(handout.pages[0].mediabox.width)) == 595
    [case] = all_cases(app)
    # The job's title (shown in print queues) carries the reference, never the name.
    assert case.reference in pdf.name and "Perpetua" not in pdf.name


def test_large_print_goes_to_the_printer_too(make_app, printer):
    queue, out = printer
    client = make_app(SCREENING_PRINTER=queue).test_client()
    send(client, valid_record(language="es"))
    before = set(out.glob("*.pdf"))
    response = print_handout(client, size="large")
    assert "Su hoja se está imprimiendo." in response.get_data(as_text=True)
    assert "Por favor, recójala en la recepción." in response.get_data(as_text=True)
    assert printed_pdfs(out, before)


def test_a_failed_print_says_so_and_keeps_the_case(make_app, printer, caplog):
    app = make_app(SCREENING_PRINTER="no-such-queue")
    client = app.test_client()
    send(client, valid_record(preferred_name=NAME))
    response = print_handout(client)
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "We could not print your handout" in text and "give them your case number" in text
    [case] = all_cases(app)
    assert case.reference in text
    assert client.get("/result").status_code == 200
    assert "could not print a handout" in caplog.text and NAME not in caplog.text


def test_an_emergency_prints_a_page_for_the_staff_quietly(make_app, printer):
    queue, out = printer
    client = make_app(SCREENING_PRINTER=queue).test_client()
    page = send(client, vignette("breathless-with-leg-pain")["record"])
    assert '<button type="submit" class="link">Print a page for the staff</button>' in page
    before = set(out.glob("*.pdf"))
    assert print_handout(client).status_code == 200
    assert printed_pdfs(out, before)


def test_printing_needs_the_form_token_and_the_patients_own_result(make_app, printer):
    queue, _ = printer
    app = make_app(SCREENING_PRINTER=queue)
    client = app.test_client()
    # Without the page's token: back to the result page, which is this browser's only.
    response = client.post("/result/print")
    assert response.status_code == 303 and response.headers["Location"] == "/result"
    assert client.get("/result").status_code == 404
    send(client, valid_record())
    response = client.post("/result/print", data={"csrf_token": "forged"})
    assert response.status_code == 303 and response.headers["Location"] == "/result"
    assert "Your handout is printing." not in client.get("/result").get_data(as_text=True)


def test_kiosk_staff_close_still_works_after_printing(make_app, printer):
    queue, _ = printer
    client = make_app(SCREENING_PRINTER=queue, SCREENING_KIOSK=True, SCREENING_KIOSK_STAFF_PIN="9").test_client()
    send(client, vignette("tingling-foot")["record"])
    print_handout(client)
    assert close(client, "9").status_code == 303
