"""Load and faults, against real gunicorn workers on 127.0.0.1; run from the repository root:

    bash scripts/install-system-packages benchmark   # wrk and PostgreSQL's binaries
    .venv/bin/python benchmarks/load.py [--seconds 8] [--connections 16] [--skip-postgres]

One command, bounded in time (about six minutes) and count, loopback only.
It prints, each against a bare Flask route served the same way in the same
run (gunicorn -w 2, sync workers): the form GET, valid submissions, first
and cached handout prints and the API (req/s, p50, p99, ratio to bare); 1,000
concurrent submissions to SQLite and to a throwaway PostgreSQL cluster
(stored = accepted, nothing half-stored); the database taken away mid-run
(PostgreSQL stopped; SQLite locked, then read-only) and given back; worker
recycling with and without --preload; and a profile of the form GET and POST.
Timing lives here, never in tests. Rate limits are off: they would refuse
the load itself.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.gunicorn_helpers import app_module, free_port, gunicorn  # noqa: E402
from tests.helpers import contract_record, form_data  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
NOT_SAVED = "We could not save your answers"
PRODUCTION_OPTIONS = ["--preload"]

BARE_APP = '''
from flask import Flask
app = Flask(__name__)

@app.get("/")
def hello():
    return "hello"
'''


def config(database_url):
    return {"SECRET_KEY": "benchmark", "SCREENING_DATABASE_URL": database_url, "SCREENING_RATELIMIT_ENABLED": False}


# --- Measuring ---------------------------------------------------------------


def ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, seconds, connections, script=None, tries=3):
    """req/s, p50 and p99 (ms), and the count of non-2xx/3xx answers, from wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    for _ in range(tries):
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        percentile = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
        # Debian's wrk 4.1 now and then records no latency at all against
        # servers that close every connection (gunicorn's sync workers): run again.
        if percentile.get("99", "0.00us") != "0.00us":
            break
    else:
        raise RuntimeError(f"wrk gave no latencies:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": ms(percentile["50"]),
        "p99": ms(percentile["99"]),
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def lua_post(folder, name, body, content_type, cookie=None):
    lines = ['wrk.method = "POST"', f"wrk.body = [==[{body}]==]", f'wrk.headers["Content-Type"] = "{content_type}"']
    if cookie:
        lines.append(f'wrk.headers["Cookie"] = "{cookie}"')
    path = Path(folder) / f"{name}.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


def lua_get(folder, name, cookie):
    path = Path(folder) / f"{name}.lua"
    path.write_text(f'wrk.headers["Cookie"] = "{cookie}"\n')
    return path


def percentiles(latencies):
    ordered = sorted(latencies)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def row(name, figures, bare=None, note=""):
    ratio = f"{100 * figures['rps'] / bare['rps']:.1f}%" if bare else ""
    if figures.get("bad"):
        note = f"{note} {figures['bad']} not 2xx/3xx".strip()
    print(f"| {name} | {figures['rps']:,.0f} | {figures['p50']:.1f} ms | {figures['p99']:.1f} ms | {ratio} | {note} |")
    sys.stdout.flush()


# --- Talking to the app --------------------------------------------------------


def patient(base):
    """A browser session with the form's token, as a patient's tablet holds it."""
    session = requests.Session()
    token = TOKEN.search(session.get(base + "/", timeout=30).text).group(1)
    return session, token


def form_body(token, **changes):
    return urlencode(form_data(contract_record(**changes), token), doseq=True)


def submit(session, base, body):
    """(status, kind, seconds) of one form submission."""
    start = time.perf_counter()
    try:
        response = session.post(base + "/", data=body, allow_redirects=False, timeout=60,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
    except requests.RequestException as error:
        return 0, type(error).__name__, time.perf_counter() - start
    kind = "stored" if response.status_code == 303 else ("not saved page" if NOT_SAVED in response.text else "other")
    return response.status_code, kind, time.perf_counter() - start


def store_report(database_url):
    """(cases, half-stored cases): a case whose fired-rule rows differ from its rule ids."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT c.id, c.rule_ids, (SELECT count(*) FROM screening_fired_rule f WHERE f.case_id = c.id) "
            "FROM screening_case c")).all()
    engine.dispose()
    half = [case for case, rule_ids, fired in rows
            if len(rule_ids if isinstance(rule_ids, list) else json.loads(rule_ids)) != fired]
    return len(rows), len(half)


# --- Throwaway PostgreSQL ---------------------------------------------------------


class Postgres:
    """A cluster of our own in a temporary folder, on a loopback port; stopped and removed after."""

    def __init__(self):
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1])
        self.folder = Path(tempfile.mkdtemp(prefix="screening-bench-pg-"))
        self.port = free_port()
        self.as_owner = []
        if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to postgres
            shutil.chown(self.folder, "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.run("initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "screening", "--no-sync")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "screening", "screening")
        self.url = f"postgresql+psycopg://screening@127.0.0.1:{self.port}/screening"

    def run(self, tool, *args):
        subprocess.run([*self.as_owner, str(self.bin / tool), *args], check=True, capture_output=True)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", str(self.folder / "log"), "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


# --- The parts of the run ------------------------------------------------------------


def throughput(folder, seconds, connections):
    print(f"\n## Throughput: gunicorn -w 2 --preload, wrk -t2 -c{connections}, {seconds} s each, SQLite\n")
    print("| route | req/s | p50 | p99 | of bare | |")
    print("|---|---|---|---|---|---|")
    bare_app = Path(folder) / "bare_wsgi.py"
    bare_app.write_text(BARE_APP)
    with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app="bare_wsgi:app", log_requests=False, ready="/") as (base, _):
        bare = wrk(base + "/", seconds, connections)
    row("bare Flask route", bare)
    database = f"sqlite:///{folder}/throughput.sqlite3"
    app = app_module(folder, config(database), name="throughput_wsgi")
    with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app=app, log_requests=False) as (base, _):
        row("form GET (new session each time)", wrk(base + "/", seconds, connections), bare)
        session, token = patient(base)
        cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
        post = lua_post(folder, "submit", form_body(token), "application/x-www-form-urlencoded", cookie)
        submissions = wrk(base + "/", seconds, connections, post)
        stored, _ = store_report(database)
        row("valid submission (POST, stored)", submissions, bare, note=f"{stored:,} stored; wrk counted {submissions['requests']:,} answers")
        api = lua_post(folder, "api", json.dumps(contract_record()), "application/json")
        row("JSON API triage", wrk(base + "/api/v1/triage", seconds, connections, api), bare)
    # Prints on workers of their own: the submissions above left each worker
    # a full queue of pre-renders (32) that no clinic's morning makes.
    app = app_module(folder, config(f"sqlite:///{folder}/prints.sqlite3"), name="prints_wsgi")
    with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app=app, log_requests=False) as (base, _):
        # First prints: each a different patient's case. As at the front
        # desk, a patient reads the result page for a moment before tapping
        # print, and the handout was rendered meanwhile; and, for the worst
        # case, prints asked for the instant each case is stored.
        for pause, name in ((READING_SECONDS, f"first handout print, {READING_SECONDS:.0f} s after the result page"),
                            (0, "first handout print, at once after storing")):
            start = time.perf_counter()
            with ThreadPoolExecutor(4) as pool:
                outcomes = list(pool.map(first_print, repeat(base), range(40), repeat(pause)))
            latencies = [latency for _, latency in outcomes]
            p50, p99 = percentiles(latencies)
            first = {"rps": len(outcomes) / (time.perf_counter() - start), "p50": p50, "p99": p99}
            rendered = sum(1 for latency in latencies if latency > RENDERED_MS)
            # No ratio: the rate is paced by the patients, not the server.
            row(f"{name} (4 patients at a time, 40)", first,
                note=f"{rendered} of 40 took over {RENDERED_MS} ms (rendered on demand)")
        patients = [outcome[0] for outcome in outcomes]
        cookie = "; ".join(f"{k}={v}" for k, v in patients[0].cookies.items())
        reprint = lua_get(folder, "reprint", cookie)
        row("cached handout reprint", wrk(base + HANDOUT, seconds, connections, reprint), bare)


HANDOUT = "/result/handout.pdf"
READING_SECONDS = 2.0
# A print that took this long was rendered, not found: a cached one takes a few ms.
RENDERED_MS = 60


def first_print(base, n, pause):
    """A new patient stores a case, loads the result page, reads it for
    `pause` seconds, then prints: (their session, the print's ms)."""
    session = stored_case(base, form_body_for(n))
    session.get(base + "/result", timeout=60)
    time.sleep(pause)
    return session, timed_get(session, base + HANDOUT)


def form_body_for(n):
    return lambda token: form_body(token, preferred_name=f"Patient {n}")


def stored_case(base, body_for):
    """A new patient's browser session, after its submission was stored
    (the result belongs to the session that sent it)."""
    session, token = patient(base)
    response = session.post(base + "/", data=body_for(token), allow_redirects=False,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.headers.get("Location", "").endswith("/result"), response.status_code
    return session


def timed_get(session, url):
    start = time.perf_counter()
    response = session.get(url, timeout=60)
    assert response.status_code == 200, response.status_code
    return 1000 * (time.perf_counter() - start)


def many_submissions(folder, name, database_url, count=1000, concurrency=64):
    app = app_module(folder, config(database_url), name=f"many_{name}_wsgi")
    with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app=app, log_requests=False) as (base, _):
        _session, token = patient(base)
        cookies = _session.cookies.get_dict()
        body = form_body(token)
        local = threading.local()

        def one(_):
            if not hasattr(local, "session"):
                local.session = requests.Session()
                local.session.cookies.update(cookies)
            return submit(local.session, base, body)

        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            outcomes = list(pool.map(one, range(count)))
        elapsed = time.perf_counter() - start
    accepted = sum(1 for status, *_ in outcomes if status == 303)
    stored, half = store_report(database_url)
    latencies = [1000 * seconds for *_, seconds in outcomes]
    p50, p99 = percentiles(latencies)
    print(f"| {name} | {count} | {accepted} | {stored} | {half} | {count / elapsed:,.0f}/s | {p50:.0f} ms | {p99:.0f} ms |")
    sys.stdout.flush()


@contextmanager
def steady_submissions(base, token, cookies, concurrency=4):
    """Submissions without pause from `concurrency` patients; yields the log of
    (time, status, kind) that grows until the block ends."""
    log, stop = [], threading.Event()

    def patient_loop():
        session = requests.Session()
        session.cookies.update(cookies)
        body = form_body(token)
        while not stop.is_set():
            status, kind, _ = submit(session, base, body)
            log.append((time.monotonic(), status, kind))

    threads = [threading.Thread(target=patient_loop) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    try:
        yield log
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def fault(name, base, database_url, take_away, give_back, before=3, outage=6, after=8):
    """Take the database away mid-run and give it back; print what patients saw."""
    session, token = patient(base)
    stored_before, _ = store_report(database_url)
    with steady_submissions(base, token, session.cookies.get_dict()) as log:
        time.sleep(before)
        take_away()
        down = time.monotonic()
        time.sleep(outage)
        give_back()
        up = time.monotonic()
        time.sleep(after)
    during = [entry for entry in log if down <= entry[0] < up]
    later = [entry for entry in log if entry[0] >= up]
    first_ok = next((t - up for t, status, _ in later if status == 303), None)
    last_bad = max((t - up for t, status, _ in later if status != 303), default=None)
    tail = [entry for entry in later if entry[0] >= up + after / 2]
    kinds = {}
    for _, status, kind in during:
        kinds[f"{status} {kind}"] = kinds.get(f"{status} {kind}", 0) + 1
    accepted = sum(1 for _, status, _ in log if status == 303)
    stored, half = store_report(database_url)
    stored -= stored_before
    ok_tail = sum(1 for _, status, _ in tail if status == 303)
    healthz = requests.get(base + "/healthz", timeout=10).json()["status"]
    print(f"- **{name}**: while away {kinds or 'no answer'}; after it was back, first stored after "
          f"{'never' if first_ok is None else f'{first_ok:.1f} s'}, last failure at "
          f"{'none' if last_bad is None else f'{last_bad:.1f} s'}, last {after / 2:.0f} s: {ok_tail}/{len(tail)} stored; "
          f"accepted {accepted}, stored {stored}, half-stored {half}; "
          f"/healthz then: {healthz}")
    sys.stdout.flush()


def faults(folder, postgres):
    print("\n## Faults: 4 patients submitting without pause, the database taken away for 6 s\n")
    sqlite_file = Path(folder) / "faults.sqlite3"
    url = f"sqlite:///{sqlite_file}"
    # What a request imports late, loaded before workers that may not read the interpreter's files.
    app = app_module(folder, config(url), name="faults_sqlite_wsgi", preamble="import encodings.idna\n")
    pidfile = Path(folder) / "faults.pid"
    options = [*PRODUCTION_OPTIONS, "--pid", str(pidfile)]
    if os.geteuid() == 0:
        # chmod means nothing to root: the workers run as nobody, on a
        # database made (migrated) beforehand and handed to them.
        from screening.app import create_app

        create_app(config(url), instance_path=str(Path(folder) / "instance"))
        shutil.chown(folder, "nobody", "nogroup")
        for path in Path(folder).glob("faults.sqlite3*"):
            shutil.chown(path, "nobody", "nogroup")
        options += ["--user", "nobody", "--group", "nogroup"]
    with gunicorn({}, folder, options=options, app=app, log_requests=False) as (base, _):
        holder = {}

        def lock():
            import sqlite3

            holder["connection"] = sqlite3.connect(sqlite_file, isolation_level=None)
            holder["connection"].execute("BEGIN EXCLUSIVE")

        def unlock():
            holder["connection"].execute("ROLLBACK")
            holder["connection"].close()

        fault("SQLite locked (another process holds an exclusive lock)", base, url, lock, unlock)
        files = [p for p in (sqlite_file, Path(f"{sqlite_file}-wal"), Path(f"{sqlite_file}-shm")) if p.exists()]
        read_only = lambda: [p.chmod(0o444) for p in files]  # noqa: E731
        writable = lambda: [p.chmod(0o644) for p in files]  # noqa: E731
        fault("SQLite read-only (chmod 444), workers as they were", base, url, read_only, writable)

        def read_only_and_recycle():
            # New workers (as --max-requests makes) open their connections while the file is read-only.
            read_only()
            os.kill(int(pidfile.read_text()), signal.SIGHUP)

        fault("SQLite read-only, workers recycled meanwhile (SIGHUP)", base, url, read_only_and_recycle, writable)
    if postgres:
        app = app_module(folder, config(postgres.url), name="faults_pg_wsgi")
        with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app=app, log_requests=False) as (base, _):
            fault("PostgreSQL stopped (pg_ctl stop -m fast) and started again", base, postgres.url,
                  postgres.stop, postgres.start)


def recycling(folder, seconds, connections):
    print(f"\n## Worker recycling: JSON API under wrk -c{connections}, {seconds} s\n")
    print("| gunicorn options | req/s | p50 | p99 | | |")
    print("|---|---|---|---|---|---|")
    app = app_module(folder, config(f"sqlite:///{folder}/recycle.sqlite3"), name="recycle_wsgi")
    api = lua_post(folder, "api_recycle", json.dumps(contract_record()), "application/json")
    for options in (
        ["--preload"],
        ["--max-requests", "1000", "--max-requests-jitter", "100"],
        ["--preload", "--max-requests", "1000", "--max-requests-jitter", "100"],
        ["--preload", "--max-requests", "100000", "--max-requests-jitter", "10000"],
    ):
        with gunicorn({}, folder, options=options, app=app, log_requests=False) as (base, _):
            row(" ".join(options), wrk(base + "/api/v1/triage", seconds, connections, api))


def profile(folder, count=200):
    """Where the form GET and POST spend their time, in process (pyinstrument)."""
    from pyinstrument import Profiler

    from screening.app import create_app

    print(f"\n## Profile, in process: {count} form GETs, then {count} valid submissions (pyinstrument)\n")
    from screening.store import migrate
    from screening.web.state import state

    app = create_app({**config(f"sqlite:///{folder}/profile.sqlite3"), "TESTING": True},
                     instance_path=str(Path(folder) / "instance"))
    migrate.upgrade(state(app).engine)
    client = app.test_client()
    token = TOKEN.search(client.get("/").get_data(as_text=True)).group(1)
    data = form_data(contract_record(), token)
    step_costs(client, count)
    for name, call in (("GET", lambda: client.get("/")), ("POST", lambda: client.post("/", data=data))):
        call()  # warm: templates compiled, catalogs loaded
        profiler = Profiler(interval=0.0005)
        start = time.perf_counter()
        with profiler:
            for _ in range(count):
                call()
        each = 1000 * (time.perf_counter() - start) / count
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        (Path(folder) / f"profile-{name}.txt").write_text(text)
        print(f"{name} /: {each:.2f} ms each. Top of the call tree:\n")
        print("```")
        print("\n".join(line for line in text.splitlines()[5:40] if line.strip()))
        print("```")


def step_costs(client, count):
    """A patient's real way through, in process: each step's post (the next
    step drawn, or at the last the case stored), without a profiler."""
    from screening.intake.forms import STEPS, form_values
    from tests.helpers import step_data

    values = form_values(contract_record())
    page = client.get("/").get_data(as_text=True)
    costs = []
    for index in range(len(STEPS)):
        data = step_data(page, values, index)
        response = client.post("/", data=data)
        start = time.perf_counter()
        for _ in range(count):
            client.post("/", data=data)
        costs.append(f"step {index + 1}: {1000 * (time.perf_counter() - start) / count:.2f} ms")
        page = response.get_data(as_text=True)
    print("Each step's post, in process (test client): " + ", ".join(costs) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--only", choices=["throughput", "submissions", "faults", "recycling", "profile"])
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: bash scripts/install-system-packages benchmark")
    print(f"# benchmarks/load.py on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}")
    folder = tempfile.mkdtemp(prefix="screening-bench-")
    postgres = None
    try:
        if not args.skip_postgres and args.only in (None, "submissions", "faults"):
            postgres = Postgres()
        if args.only in (None, "throughput"):
            throughput(folder, args.seconds, args.connections)
        if args.only in (None, "submissions"):
            print("\n## 1,000 submissions, 64 at a time, gunicorn -w 2 --preload\n")
            print("| database | sent | accepted (303) | stored | half-stored | rate | p50 | p99 |")
            print("|---|---|---|---|---|---|---|---|")
            many_submissions(folder, "SQLite", f"sqlite:///{folder}/many.sqlite3")
            if postgres:
                many_submissions(folder, "PostgreSQL", postgres.url)
        if args.only in (None, "faults"):
            faults(folder, postgres)
        if args.only in (None, "recycling"):
            recycling(folder, args.seconds, args.connections)
        if args.only in (None, "profile"):
            profile(folder)
    finally:
        if postgres:
            postgres.remove()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
