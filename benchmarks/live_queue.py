"""The live queue's cost and how fast an alert arrives; run from the repository root:

    .venv/bin/python benchmarks/live_queue.py [--old 100000] [--skip-browser]
    scripts/with-postgres .venv/bin/python benchmarks/live_queue.py    # PostgreSQL as well

Issue 20. Part one, in this process (Flask's test client, no HTTP): the
app's own CPU time (time.process_time, so other work on the machine counts
little; PostgreSQL's own work is in its server, not counted), with 100 and
then 1,000 cases today and
`--old` cases stored on earlier days (most of them acknowledged), the time
of an unchanged poll (answered 304), of a poll after one case changed
(the rows changed and the places of the others, the largest size seen),
of a poll of every row (the page asks for one once a minute), and of the
same number of requests to a bare Flask route in the same run; each as a share of the bare route ("of bare": higher is
cheaper). Part two, Debian's Chromium: 20 emergencies stored one after
another while a queue is open, visible and then hidden (as a background
tab reports), and how long each took to show in the banner: median and
worst. Timing lives here, never in tests.
"""
import argparse
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.export_memory import reference  # noqa: E402
from tests.helpers import contract_record  # noqa: E402

PASSWORD = "correct horse battery"
REQUESTS = 200
CHUNK = 5000


def make_app(database_url, folder):
    from screening.app import create_app
    from screening.store import migrate, users
    from screening.web.state import state

    app = create_app({"SECRET_KEY": "benchmark", "SCREENING_DATABASE_URL": database_url,
                      "SCREENING_RATELIMIT_ENABLED": False, "SCREENING_HANDOUT_PRERENDER": False,
                      "SCREENING_TIMEZONE": "UTC", "SCREENING_CLINIC_NAME": "Benchmark Clinic",
                      "SCREENING_STAFF_POLL_SECONDS": 1},
                     instance_path=str(Path(folder) / "instance"))
    migrate.upgrade(state(app).engine)
    with state(app).sessions() as session:
        users.create_user(session, "desk", PASSWORD, role="front-desk", display_name="Ana Ruiz")
    return app


def insert_cases(app, first, count, when, acknowledged):
    """`count` cases at moments given by when(n), a tenth urgent or emergency, from number `first`."""
    from sqlalchemy import insert, select

    from screening.store.models import Acknowledgement, Case, severity_of
    from screening.triage.rules import triage
    from screening.triage.validation import validate
    from screening.web.state import state

    kinds = [contract_record(), contract_record(one_leg_swollen="yes"), contract_record(chest_pain="yes")]
    records = [validate(r) for r in kinds]
    results = [triage(r) for r in records]
    done = 0
    while done < count:
        rows = []
        for n in range(first + done, first + min(count, done + CHUNK)):
            kind = 0 if n % 10 else (1 if n % 20 else 2)
            record, result = records[kind], results[kind]
            # Last changed when it arrived, as a day's cases are by the time it is busy.
            rows.append(dict(token=secrets.token_urlsafe(32), reference=reference(n), created_at=when(n),
                             changed_at=when(n),
                             record=record, language="en", disposition=result.disposition,
                             emergency=result.emergency, rule_ids=result.rule_ids,
                             rules_version=result.rules_version, early_stop=False, status="waiting",
                             severity=severity_of(result.disposition, result.emergency),
                             # A serious case is reviewed within minutes, so not overdue.
                             reviewed_at=when(n) + timedelta(minutes=5) if acknowledged and kind else None,
                             reviewed_by="Dr Benchmark" if acknowledged and kind else None))
        with state(app).sessions() as session, session.begin():
            session.execute(insert(Case), rows)
            if acknowledged:
                serious = session.scalars(select(Case.id).where(
                    Case.reference.in_([r["reference"] for r in rows]), Case.severity >= 2)).all()
                if serious:
                    session.execute(insert(Acknowledgement), [dict(case_id=i, by="Ana Ruiz") for i in serious])
        done += len(rows)


def signed_in(app):
    import re

    client = app.test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    assert client.post("/staff/sign-in", data={"csrf_token": token, "username": "desk",
                                               "password": PASSWORD}).status_code == 303
    return client


def timed(call, n=REQUESTS):
    call()  # warm
    start = time.process_time()
    for _ in range(n):
        call()
    return (time.process_time() - start) / n


def bare_route():
    from flask import Flask

    bare = Flask("bare")
    bare.add_url_rule("/", "hello", lambda: "Hello")
    client = bare.test_client()
    return lambda: client.get("/")


def poll_costs(name, database_url, old, sizes=(100, 1000)):
    folder = tempfile.mkdtemp(prefix="screening-queue-bench-")
    app = make_app(database_url.format(folder=folder), folder)
    now = datetime.now(timezone.utc)
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    span = max(1, int((now - start_of_day).total_seconds()) - 60)
    insert_cases(app, 10_000_000, old, lambda n: start_of_day - timedelta(seconds=60 + (n * 7919) % (200 * 86400)),
                 acknowledged=True)
    client = signed_in(app)
    bare = timed(bare_route())
    print(f"\n## {name}: {old:,} cases on earlier days\n")
    print("| cases today | poll | ms per request | of bare | size |")
    print("|---|---|---|---|---|")
    print(f"| | bare Flask route | {bare * 1000:.3f} | 100% | |")
    stored = 0
    for today in sizes:
        insert_cases(app, stored, today - stored, lambda n: start_of_day + timedelta(seconds=(n * 37) % span),
                     acknowledged=True)
        stored = today
        first = client.get("/staff/queue")
        tag, mark, whole_size = first.headers["ETag"], first.headers["X-Queue-Since"], len(first.get_data())
        unchanged = timed(lambda tag=tag: client.get("/staff/queue", headers={"If-None-Match": tag}))
        assert client.get("/staff/queue", headers={"If-None-Match": tag}).status_code == 304
        one, one_size = one_change_polls(app, client, mark)
        whole = timed(lambda: client.get("/staff/queue"), n=max(20, REQUESTS // (today // 100)))
        print(f"| {today:,} | unchanged (304) | {unchanged * 1000:.2f} | {bare / unchanged:.1%} | |")
        print(f"| {today:,} | one case changed (200) | {one * 1000:.2f} | {bare / one:.1%} | {one_size / 1024:.1f} KB |")
        print(f"| {today:,} | every row (200, once a minute) | {whole * 1000:.2f} | {bare / whole:.1%} "
              f"| {whole_size / 1024:.0f} KB |")
    return app


def one_change_polls(app, client, mark, n=50, every=5):
    """Refreshes `every` seconds apart (the page's pace), one case moved on
    before each (a very busy desk), each sent what the page showed: their
    time and the largest size."""
    import time_machine
    from sqlalchemy import select

    from screening.store import flow
    from screening.store.models import Case
    from screening.web.state import state

    spent, size = 0.0, 0
    with state(app).sessions() as session:
        ids = session.scalars(select(Case.id).where(Case.status == "waiting").order_by(Case.id.desc()).limit(n)).all()
    # Ending before the real now: a change stamped in the clock's future would
    # count as new at every refresh of the next measurement.
    with time_machine.travel(datetime.now(timezone.utc) - timedelta(seconds=every * (len(ids) + 2)),
                             tick=True) as clock:
        for case_id in ids:
            clock.shift(every)
            with state(app).sessions() as session:
                flow.set_status(session, session.get(Case, case_id), "with-clinician", by="Benchmark")
                session.commit()
            start = time.process_time()
            answer = client.get("/staff/queue", headers={"X-Queue-Since": mark})
            spent += time.process_time() - start
            size = max(size, len(answer.get_data()))
            mark = answer.headers["X-Queue-Since"]
    return spent / len(ids), size


HIDE = """() => {
  Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "hidden"});
  Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def alert_latency(app, submissions=20):
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from tests.staff_helpers import base_record, store

    app.config["SCREENING_STAFF_POLL_SECONDS"] = 5  # the default
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    print("\n## Alert latency: an emergency stored, until its line shows in an open queue (poll every 5 s)\n")
    print("| queue tab | submissions | median | worst |")
    print("|---|---|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.goto(url + "/staff/")
        page.fill("#username", "desk")
        page.fill("#password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url(url + "/staff/")
        for label, hidden in (("visible", False), ("hidden", True)):
            if hidden:
                page.context.new_page().bring_to_front()
                page.evaluate(HIDE)
            waits = []
            for _ in range(submissions):
                case = store(app, base_record(chest_pain="yes"))
                sent = time.monotonic()
                page.wait_for_selector(f'.alert-item[data-reference="{case.reference}"]', timeout=60_000,
                                       state="attached")
                waits.append(time.monotonic() - sent)
                time.sleep((secrets.randbelow(1000)) / 1000)  # arrivals at any moment of the poll's cycle
            print(f"| {label} | {submissions} | {statistics.median(waits):.1f} s | {max(waits):.1f} s |")
        browser.close()
    server.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=int, default=100_000, help="cases stored on earlier days")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    poll_costs("SQLite", "sqlite:///{folder}/queue.sqlite3", args.old)
    postgres = os.environ.get("SCREENING_TEST_POSTGRES_URL")
    if postgres:
        poll_costs("PostgreSQL", postgres, args.old)
    if not args.skip_browser:
        # A clinic's busy day (100 cases today) for the browser: at 1,000 a
        # changed refresh is a 2 MB page, which the figures above show.
        alert_latency(poll_costs("SQLite, for the browser", "sqlite:///{folder}/queue.sqlite3", args.old,
                                 sizes=(100,)))


if __name__ == "__main__":
    main()
