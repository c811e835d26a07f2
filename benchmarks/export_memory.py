"""Memory of a gunicorn worker while it streams the big exports; run from the repository root:

    .venv/bin/python benchmarks/export_memory.py [--sizes 1000,10000,100000] [--skip-postgres]

Issue 21: the case CSV and the audit trail's FHIR export used to be built
whole in memory. For 1,000, then 10,000, then 100,000 stored cases (SQLite,
then a throwaway PostgreSQL cluster), one real gunicorn worker (sync,
--preload) serves an admin's download of the CSV of every case, then of
audit.json (by then the audit holds a row per case each CSV held). Printed
for each: seconds, megabytes sent, the worker's resident memory before and
its peak during the download (VmRSS sampled every 5 ms), and the growth.
The goal: growth flat (under +50 MB) from 1,000 to 100,000 cases.

Cases are inserted straight into the table with SQLAlchemy (with their
triage, as the form would store them, but without fired-rule rows, which
neither export reads). Timing lives here, never in tests.
"""
import argparse
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import Postgres  # noqa: E402
from tests.gunicorn_helpers import app_module, gunicorn  # noqa: E402
from tests.helpers import contract_record  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
PASSWORD = "a long benchmark password"
DAYS = 30
INSERT_CHUNK = 5000
# Long exports are longer than gunicorn's default 30 s worker timeout.
OPTIONS = ["--preload", "--timeout", "900"]


def config(database_url):
    return {"SECRET_KEY": "benchmark", "SCREENING_DATABASE_URL": database_url, "SCREENING_RATELIMIT_ENABLED": False,
            "SCREENING_HANDOUT_PRERENDER": False, "SCREENING_FHIR_BASE": "https://clinic.example.org/fhir",
            "SCREENING_TIMEZONE": "UTC", "SCREENING_CLINIC_NAME": "Benchmark Clinic"}


# --- The stored cases ---------------------------------------------------------------


def reference(n):
    """The n-th reference in the references' own alphabet: never two the same."""
    from screening.store.models import REFERENCE_ALPHABET, REFERENCE_LENGTH

    letters = []
    for _ in range(REFERENCE_LENGTH):
        n, digit = divmod(n, len(REFERENCE_ALPHABET))
        letters.append(REFERENCE_ALPHABET[digit])
    return "".join(letters)


class Store:
    """The app in this process, to make the admin and insert cases in bulk."""

    def __init__(self, database_url, folder):
        from screening.app import create_app
        from screening.store import migrate, users
        from screening.web.state import state

        self.app = create_app(config(database_url), instance_path=str(Path(folder) / "instance"))
        migrate.upgrade(state(self.app).engine)
        self.sessions = state(self.app).sessions
        with self.sessions() as session:
            users.create_user(session, "admin", PASSWORD, role="admin")
        self.count = 0

    def grow_to(self, total):
        from sqlalchemy import insert

        from screening.store.models import Case, severity_of
        from screening.triage.rules import triage
        from screening.triage.validation import validate

        records = [validate(contract_record(notes=f"note {n}: ankle sore after a run")) for n in range(7)]
        results = [triage(record) for record in records]
        now = datetime.now(timezone.utc)
        while self.count < total:
            rows = []
            for n in range(self.count, min(total, self.count + INSERT_CHUNK)):
                record, result = records[n % 7], results[n % 7]
                rows.append(dict(
                    token=secrets.token_urlsafe(32), reference=reference(n),
                    created_at=now - timedelta(seconds=(n * 7919) % (DAYS * 86400)),
                    record=record, language=record.get("language", "en"), disposition=result.disposition,
                    emergency=result.emergency, rule_ids=result.rule_ids, rules_version=result.rules_version,
                    early_stop=False, severity=severity_of(result.disposition, result.emergency)))
            with self.sessions() as session, session.begin():
                session.execute(insert(Case), rows)
            self.count += len(rows)

    def audit_rows(self):
        from sqlalchemy import func, select

        from screening.store.models import AuditEvent

        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent))


# --- The worker's memory -------------------------------------------------------------


def worker_pid(pidfile):
    master = int(Path(pidfile).read_text())
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one gunicorn worker, found {children}")
    return int(children[0])


def rss_mb(pid, field="VmRSS"):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1)) / 1024


def download(session, url, pid):
    """(seconds, MB received, RSS before, peak RSS during) of one streamed download."""
    before = rss_mb(pid)
    peak, done = [before], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    received = 0
    try:
        with session.get(url, stream=True, timeout=900) as response:
            response.raise_for_status()
            if "Content-Length" in response.headers:
                raise RuntimeError(f"{url} was not streamed")
            for chunk in response.iter_content(1 << 16):
                received += len(chunk)
    finally:
        done.set()
        sampler.join()
    return time.perf_counter() - start, received / 1e6, before, peak[0]


def signed_in(base):
    session = requests.Session()
    token = TOKEN.search(session.get(base + "/staff/sign-in", timeout=30).text).group(1)
    answer = session.post(base + "/staff/sign-in", data={"csrf_token": token, "username": "admin",
                                                         "password": PASSWORD}, allow_redirects=False, timeout=30)
    if answer.status_code != 303:
        raise RuntimeError(f"admin sign-in answered {answer.status_code}")
    return session


def run(name, database_url, folder, sizes):
    print(f"\n## {name}: gunicorn -w 1 {' '.join(OPTIONS)}\n")
    print("| cases | export | rows | seconds | MB sent | worker RSS before | peak during | growth |")
    print("|---|---|---|---|---|---|---|---|")
    sys.stdout.flush()
    store = Store(database_url, folder)
    pidfile = Path(folder) / f"{name}.pid"
    app = app_module(folder, config(database_url), name=f"export_{name.lower()}_wsgi")
    today = datetime.now(timezone.utc).date()
    csv_url = f"/staff/admin/export/cases.csv?from={today - timedelta(days=DAYS + 1)}&to={today}&free_text=1"
    with gunicorn({}, folder, workers=1, options=[*OPTIONS, "--pid", str(pidfile)], app=app,
                  log_requests=False) as (base, _):
        pid = worker_pid(pidfile)
        admin = signed_in(base)
        # Warm: every module and template either export needs is loaded before the first figure.
        download(admin, base + f"/staff/admin/export/cases.csv?from={today}&to={today}", pid)
        download(admin, base + "/staff/admin/audit.json?action=sign-in", pid)
        first, first_peak = rss_mb(pid), rss_mb(pid, "VmHWM")
        for size in sizes:
            store.grow_to(size)
            for kind, url in (("CSV", csv_url), ("audit.json", "/staff/admin/audit.json")):
                counted = size if kind == "CSV" else store.audit_rows()
                seconds, mb, before, peak = download(admin, base + url, pid)
                print(f"| {size:,} | {kind} | {counted:,} | {seconds:.1f} | {mb:.1f} | {before:.0f} MB "
                      f"| {peak:.0f} MB | +{peak - before:.1f} MB |")
                sys.stdout.flush()
        print(f"\nWorker RSS after warming {first:.0f} MB (its peak so far, VmHWM, {first_peak:.0f} MB); "
              f"at the end {rss_mb(pid):.0f} MB, VmHWM {rss_mb(pid, 'VmHWM'):.0f} MB.")
    store.app.extensions["screening"].engine.dispose()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="case counts, growing, comma-separated")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"# benchmarks/export_memory.py, {time.strftime('%Y-%m-%d %H:%M')}")
    folder = tempfile.mkdtemp(prefix="screening-export-bench-")
    postgres = None
    try:
        run("SQLite", f"sqlite:///{folder}/export.sqlite3", folder, sizes)
        if not args.skip_postgres:
            postgres = Postgres()
            run("PostgreSQL", postgres.url, folder, sizes)
    finally:
        if postgres:
            postgres.remove()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
