"""Screens and taps a new patient needs on a 768x1024 touch tablet; run from
the repository root:

    python benchmarks/patient_path.py [--language en|es]

A self-care case answered step by step (every tap counted: each answer, the
age box and its two digits, Next and Send), and an emergency answer's taps to
the emergency page. Screens: each page's height over the 1024 px screen, and
how many pages needed scrolling. Before the steps (one page of 33
questions, measured the same way on commit 84675cf with the same answers):
6,348 px, 6.2 screens, 36 taps; an emergency answer needed the whole form
(36 taps) to reach the emergency page. With the steps: 6 pages of 1,024 px
(6.0 screens, none scrolls in English), 31 taps; an emergency answer, 2.
"""
import argparse
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

from screening.app import create_app  # noqa: E402
from screening.store import migrate  # noqa: E402
from screening.web.state import state  # noqa: E402
from screening.intake.forms import STEPS, form_values  # noqa: E402
from tests.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.helpers import valid_record  # noqa: E402

SCREEN = 1024


def serve():
    WSGIRequestHandler.log_request = lambda *args, **kwargs: None
    folder = tempfile.mkdtemp()
    app = create_app({"SCREENING_DATABASE_URL": f"sqlite:///{folder}/cases.sqlite3"}, instance_path=folder)
    migrate.upgrade(state(app).engine)  # as `flask screening db upgrade` would: pages answer 503 before it
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


class Patient:
    def __init__(self, page):
        self.page, self.taps, self.heights = page, 0, []

    def look(self):
        self.heights.append(self.page.evaluate("document.documentElement.scrollHeight"))

    def tap(self, selector):
        self.page.locator(selector).tap()
        self.taps += 1

    def choose(self, name, value):
        self.tap(f"label:has(> input[name={name}][value='{value}'])")

    def type(self, selector, text):
        self.tap(selector)
        self.page.keyboard.type(text)
        self.taps += len(text)

    def go(self, selector=".step-nav .primary"):
        with self.page.expect_navigation():
            self.tap(selector)


def self_care(page, base, language):
    patient = Patient(page)
    values = form_values(valid_record(age_years=34))
    page.goto(f"{base}/?lang={language}")
    for step in STEPS:
        patient.look()
        for name in step.names:
            if name not in values or not page.locator(f"#q-{name}").is_visible():
                continue
            if name == "age_years":
                patient.type("#age_years", str(values[name]))
            elif name not in ("preferred_name", "notes"):
                for value in values[name] if isinstance(values[name], list) else [values[name]]:
                    patient.choose(name, value)
        patient.go()
    assert page.url.endswith("/result")
    return patient


def emergency(page, base, language):
    patient = Patient(page)
    page.goto(f"{base}/?lang={language}")
    patient.choose("chest_pain", "yes")
    patient.go("#early-stop-yes")
    assert page.locator(".outcome-emergency").is_visible()
    return patient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=["en", "es"])
    language = parser.parse_args().language
    base = serve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 768, "height": SCREEN}, has_touch=True)
        patient = self_care(context.new_page(), base, language)
        total = sum(patient.heights)
        scrolled = sum(h > SCREEN for h in patient.heights)
        print(f"self-care ({language}): {len(patient.heights)} steps, heights {patient.heights} px")
        print(f"  {total} px = {total / SCREEN:.2f} screens; steps needing a scroll: {scrolled}; taps: {patient.taps}")
        patient = emergency(context.new_page(), base, language)
        print(f"emergency ({language}): taps to the emergency page: {patient.taps}")
        browser.close()


if __name__ == "__main__":
    main()
