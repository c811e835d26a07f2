"""Load and outages, against real gunicorn workers on 127.0.0.1; run from the repository root:

    bash scripts/install-system-packages benchmark   # wrk and PostgreSQL's binaries (redis-server: "test")
    .venv/bin/python benchmarks/load.py [--seconds 8] [--connections 16] [--skip-postgres] [--only PART]

One command, bounded in time (about eight minutes; `--only outages`, about
two) and count, loopback only.
It prints, each against a bare Flask route served the same way in the same
run (gunicorn -w 2, sync workers): the form GET, valid submissions, first
and cached handout prints and the API (req/s, p50, p99, ratio to bare); 1,000
concurrent submissions to SQLite and to a throwaway PostgreSQL cluster
(stored = accepted, nothing half-stored); the outages (issue 21), each with
its 5xx counts, where 0 is the goal: Redis down (rate limits on, counted in
a throwaway Redis, stopped mid-run under patient submissions and API posts,
then started again: requests, 5xx, p50 and p99 before, during and after, and
what /healthz said, "limits": "degraded" then "ok"), and the database down
(PostgreSQL stopped; SQLite locked, then read-only) and given back, while a
signed-in clinician's queue page, its poll and a case page, and an API key's
GET /api/v1/cases/<reference>, are read meanwhile (their 503s counted apart
from any other 5xx, and whether they answer 200 again after); worker
recycling with and without --preload; and a profile of the form GET and POST.
Any exception the workers log in an outage is printed with its traceback.
Timing lives here, never in tests. Rate limits are off but in the Redis
phase (and set far above its load there): they would refuse the load itself.
"""
import argparse
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, namedtuple
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


# An integrator's key for GET /api/v1/cases/<reference>, which also needs a FHIR base.
API_KEY = "benchmark-key-that-is-long-enough-0123456789"


def config(database_url, **changes):
    return {"SECRET_KEY": "benchmark", "SCREENING_DATABASE_URL": database_url, "SCREENING_RATELIMIT_ENABLED": False,
            "SCREENING_API_KEYS": {"benchmark": API_KEY}, "SCREENING_FHIR_BASE": "https://clinic.example/fhir",
            **changes}


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


# --- Outages: Redis, then the database, taken away under load --------------------------

# One answer in an outage run: `kind` names what came back ("stored", "not
# saved page", "unavailable page", "limits ok", ...).
Hit = namedtuple("Hit", "at route status kind ms")
# The answers an outage is meant to give: a 503 that says so, never a bare 500.
EXPECTED_503 = {"not saved page", "unavailable page", "unavailable JSON"}
STAFF_DOWN = "The system cannot reach its database"


@contextmanager
def running(loops):
    """Each loop (a callable answering one Hit's route, status, kind and ms)
    called again and again in a thread of its own until the block ends;
    yields the log of Hits, which grows meanwhile."""
    log, stop = [], threading.Event()

    def run(loop):
        while not stop.is_set():
            log.append(Hit(time.monotonic(), *loop()))

    threads = [threading.Thread(target=run, args=(loop,)) for loop in loops]
    for thread in threads:
        thread.start()
    try:
        yield log
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def submitter(base, token, cookies):
    """A loop: one patient sending the form, without pause."""
    session = requests.Session()
    session.cookies.update(cookies)
    body = form_body(token)

    def one():
        status, kind, seconds = submit(session, base, body)
        return "patient form POST", status, kind, 1000 * seconds

    return one


def caller(route, method, url, cookies=None, pause=0.0, **request):
    """A loop: one request (as `route` in the figures), then `pause` seconds."""
    session = requests.Session()
    session.cookies.update(cookies or {})

    def one():
        start = time.perf_counter()
        try:
            response = session.request(method, url, allow_redirects=False, timeout=60, **request)
        except requests.RequestException as error:
            return route, 0, type(error).__name__, 1000 * (time.perf_counter() - start)
        took = 1000 * (time.perf_counter() - start)
        time.sleep(pause)
        return route, response.status_code, answer_kind(response), took

    return one


def answer_kind(response):
    if response.status_code == 503:
        if STAFF_DOWN in response.text:
            return "unavailable page"
        if response.headers.get("Content-Type", "").startswith("application/json") and \
                response.json().get("errors", [{}])[0].get("field") == "_record":
            return "unavailable JSON"
    if response.request.path_url == "/healthz":
        return f"limits {response.json()['limits']}"
    return "other" if response.status_code >= 500 else "answer"


def summary(hits):
    """requests, 5xx, expected 503s, other 5xx, p50 and p99 (ms), and the statuses seen."""
    statuses = Counter(hit.status for hit in hits)
    p50, p99 = percentiles([hit.ms for hit in hits]) if hits else (0, 0)
    return {
        "requests": len(hits),
        "5xx": sum(1 for hit in hits if hit.status >= 500),
        "503 expected": sum(1 for hit in hits if hit.kind in EXPECTED_503),
        "other 5xx": sum(1 for hit in hits if hit.status >= 500 and hit.kind not in EXPECTED_503),
        "p50": p50, "p99": p99,
        "statuses": ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(statuses.items())),
    }


def windows(log, route, down, up):
    hits = [hit for hit in log if hit.route == route]
    return {"before": [h for h in hits if h.at < down], "during": [h for h in hits if down <= h.at < up],
            "after": [h for h in hits if h.at >= up]}


def server_log(base, folder):
    """The gunicorn log (its errors and the app's log lines) of the server at `base`."""
    return (Path(folder) / f"gunicorn-{base.rsplit(':', 1)[1]}.log").read_text(errors="replace")


def report_errors(base, folder):
    """Every 500 the app logged, by its log lines: an outage must not make any."""
    lines = server_log(base, folder).splitlines()
    # Flask's "Exception on <url>" (a 500 page), or gunicorn's "Error handling
    # request <url>" (an exception out of the app: gunicorn's own bare 500).
    starts = [i for i, line in enumerate(lines) if "Exception on " in line or "Error handling request" in line]
    if starts:
        print(f"\n**{len(starts)} exceptions logged** (each a 500):\n")
        for start in starts:
            end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
            print(f"- `{lines[start]}` ... `{lines[end - 1].strip()}`")
        end = next((i for i in range(starts[0] + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        print("\nThe first, whole:\n\n```")
        print("\n".join(lines[starts[0]:end]))
        print("```")
    return len(starts)


class Redis:
    """A throwaway redis-server as scripts/start-redis makes one (a Unix socket
    in a folder of its own, nothing saved), but one that can be stopped and
    started again at the same socket: the workers' storage URL stays right."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="screening-bench-redis-"))
        self.socket = self.folder / "redis.sock"
        self.url = f"redis+unix://{self.socket}"
        self.pid = None
        self.start()

    def start(self):
        subprocess.run(["redis-server", "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700",
                        "--save", "", "--appendonly", "no", "--dir", str(self.folder),
                        "--logfile", str(self.folder / "redis.log"), "--pidfile", str(self.folder / "redis.pid"),
                        "--daemonize", "yes"], check=True)
        for _ in range(50):
            ping = subprocess.run(["redis-cli", "-s", str(self.socket), "ping"], capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                self.pid = int((self.folder / "redis.pid").read_text())
                return
            time.sleep(0.1)
        raise RuntimeError(f"redis-server did not start: {(self.folder / 'redis.log').read_text()[-2000:]}")

    def stop(self):
        """Returns once the server has exited (until then it still answers the connections it has)."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and running_process(self.pid):
            time.sleep(0.05)
        self.pid = None

    def remove(self):
        try:
            self.stop()
        except ProcessLookupError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def running_process(pid):
    """Whether `pid` is alive (a daemon's exit leaves a zombie where nobody reaps)."""
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except FileNotFoundError:
        return False


def redis_down(folder, before=4, outage=6, after=10):
    """Redis stopped mid-run under patient submissions and API posts, and started again."""
    print(f"\n## Redis down: rate limits on, counted in a throwaway Redis; 4 patients submitting and 2 programs "
          f"posting /api/v1/triage without pause; Redis stopped after {before} s for {outage} s, then {after} s more\n")
    redis = Redis()
    try:
        # Limits on, but far above this load: a refusal (429) would be the limits working, not the outage.
        settings = config(f"sqlite:///{folder}/redis_down.sqlite3", SCREENING_RATELIMIT_ENABLED=True,
                          SCREENING_RATELIMIT_STORAGE_URI=redis.url,
                          SCREENING_RATELIMIT_FORM="1000000 per minute", SCREENING_RATELIMIT_API="1000000 per minute")
        app = app_module(folder, settings, name="redis_down_wsgi")
        with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app=app, log_requests=False) as (base, _):
            session, token = patient(base)
            cookies = session.cookies.get_dict()
            api = json.dumps(contract_record())
            loops = [submitter(base, token, cookies) for _ in range(4)]
            loops += [caller("API POST /api/v1/triage", "POST", base + "/api/v1/triage", data=api,
                             headers={"Content-Type": "application/json"}) for _ in range(2)]
            loops.append(caller("/healthz", "GET", base + "/healthz", pause=0.25))
            with running(loops) as log:
                time.sleep(before)
                down = time.monotonic()  # from the moment it is told to stop: it refuses new connections at once
                redis.stop()
                time.sleep(outage)
                redis.start()
                up = time.monotonic()
                time.sleep(after)
            print("| route | when | requests | 5xx | p50 | p99 | statuses |")
            print("|---|---|---|---|---|---|---|")
            for route in ("patient form POST", "API POST /api/v1/triage"):
                for when, hits in windows(log, route, down, up).items():
                    figures = summary(hits)
                    print(f"| {route} | {when} | {figures['requests']} | {figures['5xx']} | {figures['p50']:.0f} ms "
                          f"| {figures['p99']:.0f} ms | {figures['statuses']} |")
            health = windows(log, "/healthz", down, up)
            said = {when: dict(Counter(hit.kind for hit in hits)) for when, hits in health.items()}
            first_ok = next((h.at - up for h in health["after"] if h.kind == "limits ok"), None)
            last_bad = max((h.at - up for h in health["after"] if h.kind != "limits ok"), default=None)
            print(f"\n/healthz said before: {said['before']}; during: {said['during']}; after: {said['after']} "
                  f"(first ok {'never' if first_ok is None else f'{first_ok:.1f} s'} after Redis was back, "
                  f"last not ok {'none' if last_bad is None else f'at {last_bad:.1f} s'})")
            text = server_log(base, folder)
            print(f"Log: {text.count('storage (SCREENING_RATELIMIT_STORAGE_URI) is unreachable')} 'unreachable' "
                  f"lines, {text.count('storage answers again')} 'answers again' lines (one each per worker)")
            report_errors(base, folder)
    finally:
        redis.remove()
    sys.stdout.flush()


def fault(name, base, database_url, take_away, give_back, reads=(), before=3, outage=6, after=8):
    """Take the database away mid-run and give it back; print what patients
    saw, and what the `reads` (staff pages, the API) answered meanwhile."""
    session, token = patient(base)
    stored_before, _ = store_report(database_url)
    with running([submitter(base, token, session.cookies.get_dict()) for _ in range(4)] + list(reads)) as log:
        time.sleep(before)
        # Away from the moment it is being taken away (pg_ctl's fast stop ends
        # sessions before it returns), back once it has been given back.
        down = time.monotonic()
        take_away()
        time.sleep(outage)
        give_back()
        up = time.monotonic()
        time.sleep(after)
    submissions = windows(log, "patient form POST", down, up)
    during, later = submissions["during"], submissions["after"]
    first_ok = next((hit.at - up for hit in later if hit.status == 303), None)
    last_bad = max((hit.at - up for hit in later if hit.status != 303), default=None)
    tail = [hit for hit in later if hit.at >= up + after / 2]
    kinds = dict(Counter(f"{hit.status} {hit.kind}" for hit in during))
    accepted = sum(1 for hit in log if hit.route == "patient form POST" and hit.status == 303)
    other_5xx = summary([hit for hit in log if hit.route == "patient form POST"])["other 5xx"]
    stored, half = store_report(database_url)
    stored -= stored_before
    ok_tail = sum(1 for hit in tail if hit.status == 303)
    healthz = requests.get(base + "/healthz", timeout=10).json()["status"]
    print(f"- **{name}**: while away {kinds or 'no answer'}; after it was back, first stored after "
          f"{'never' if first_ok is None else f'{first_ok:.1f} s'}, last failure at "
          f"{'none' if last_bad is None else f'{last_bad:.1f} s'}, last {after / 2:.0f} s: {ok_tail}/{len(tail)} stored; "
          f"accepted {accepted}, stored {stored}, half-stored {half}; 5xx other than the not-saved 503: {other_5xx}; "
          f"/healthz then: {healthz}")
    routes = sorted({hit.route for hit in log} - {"patient form POST"})
    for route in routes:
        parts = windows(log, route, down, up)
        while_down, back = summary(parts["during"]), summary(parts["after"])
        # Over the whole run: a 500 just before or after the outage counts too.
        whole = summary([hit for hit in log if hit.route == route])
        back_ok = next((hit.at - up for hit in parts["after"] if hit.status == 200), None)
        tail_ok = [hit.status == 200 for hit in parts["after"] if hit.at >= up + after / 2]
        print(f"  - {route}: while away {while_down['requests']} ({while_down['statuses']}), "
              f"503 {while_down['503 expected']}; after: {back['statuses']}, first 200 after "
              f"{'never' if back_ok is None else f'{back_ok:.1f} s'}, last {after / 2:.0f} s: "
              f"{sum(tail_ok)}/{len(tail_ok)} answered 200; **other 5xx in the whole run: {whole['other 5xx']}**")
    sys.stdout.flush()


def seed_staff(database_url, folder):
    """A clinician's account and one stored case in this (migrated) database; the case's reference."""
    from screening.app import create_app
    from screening.store import migrate
    from screening.web.state import state
    from tests.staff_helpers import base_record, make_user, store

    logging.disable(logging.WARNING)  # the settings' warnings, which the workers' log has already
    try:
        app = create_app(config(database_url), instance_path=str(Path(folder) / "instance"))
    finally:
        logging.disable(logging.NOTSET)
    migrate.upgrade(state(app).engine)
    make_user(app, "clinician", "clinician", display_name="Clinician Person")
    reference = store(app, base_record()).reference
    state(app).engine.dispose()
    return reference


def staff_reads(base, reference):
    """Loops: a signed-in clinician's queue page, its poll and a case page, and
    an integrator's GET of that case from the API; each a few times a second."""
    from tests.staff_helpers import PASSWORD, token_from

    session = requests.Session()
    page = session.get(base + "/staff/sign-in", timeout=30).text
    signed_in = session.post(base + "/staff/sign-in", allow_redirects=False, timeout=30,
                             data={"csrf_token": token_from(page), "username": "clinician", "password": PASSWORD})
    assert signed_in.status_code == 303, signed_in.status_code
    cookies = session.cookies.get_dict()
    loops = [caller(f"staff GET {path.replace(reference, '<ref>')}", "GET", base + path, cookies, pause=0.2)
             for path in ("/staff/", "/staff/queue", f"/staff/case/{reference}")]
    loops.append(caller("API GET /api/v1/cases/<ref>", "GET", f"{base}/api/v1/cases/{reference}", pause=0.2,
                        headers={"Authorization": f"Bearer {API_KEY}"}))
    return loops


def faults(folder, postgres):
    print("\n## Database down: 4 patients submitting without pause, a clinician's pages and an integrator's API "
          "reads polled meanwhile (each every 0.2 s), the database taken away for 6 s\n")
    sqlite_file = Path(folder) / "faults.sqlite3"
    url = f"sqlite:///{sqlite_file}"
    # What a request imports late (the staff pages' date parsing too), loaded
    # before workers that, running as nobody, may not read the interpreter's files.
    app = app_module(folder, config(url), name="faults_sqlite_wsgi", preamble="import encodings.idna\nimport _strptime\n")
    pidfile = Path(folder) / "faults.pid"
    options = [*PRODUCTION_OPTIONS, "--pid", str(pidfile)]
    reference = seed_staff(url, folder)
    if os.geteuid() == 0:
        # chmod means nothing to root: the workers run as nobody, on a
        # database made (migrated) beforehand and handed to them.
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

        fault("SQLite locked (another process holds an exclusive lock)", base, url, lock, unlock,
              staff_reads(base, reference))
        files = [p for p in (sqlite_file, Path(f"{sqlite_file}-wal"), Path(f"{sqlite_file}-shm")) if p.exists()]
        read_only = lambda: [p.chmod(0o444) for p in files]  # noqa: E731
        writable = lambda: [p.chmod(0o644) for p in files]  # noqa: E731
        fault("SQLite read-only (chmod 444), workers as they were", base, url, read_only, writable,
              staff_reads(base, reference))

        def read_only_and_recycle():
            # New workers (as --max-requests makes) open their connections while the file is read-only.
            read_only()
            os.kill(int(pidfile.read_text()), signal.SIGHUP)

        fault("SQLite read-only, workers recycled meanwhile (SIGHUP)", base, url, read_only_and_recycle, writable,
              staff_reads(base, reference))
        report_errors(base, folder)
    if postgres:
        reference = seed_staff(postgres.url, folder)
        app = app_module(folder, config(postgres.url), name="faults_pg_wsgi")
        with gunicorn({}, folder, options=PRODUCTION_OPTIONS, app=app, log_requests=False) as (base, _):
            fault("PostgreSQL stopped (pg_ctl stop -m fast) and started again", base, postgres.url,
                  postgres.stop, postgres.start, staff_reads(base, reference))
            report_errors(base, folder)


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
    parser.add_argument("--only", choices=["throughput", "submissions", "outages", "redis", "faults", "recycling",
                                           "profile"],
                        help="one part of the run; outages: Redis down, then the database down (faults)")
    args = parser.parse_args()
    if args.only in (None, "throughput", "recycling") and not shutil.which("wrk"):
        sys.exit("wrk is missing: bash scripts/install-system-packages benchmark")
    if args.only in (None, "outages", "redis") and not shutil.which("redis-server"):
        sys.exit("redis-server is missing: bash scripts/install-system-packages test")
    print(f"# benchmarks/load.py on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}")
    folder = tempfile.mkdtemp(prefix="screening-bench-")
    postgres = None
    try:
        if not args.skip_postgres and args.only in (None, "submissions", "outages", "faults"):
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
        if args.only in (None, "outages", "redis"):
            redis_down(folder)
        if args.only in (None, "outages", "faults"):
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
