"""The standalone app under real gunicorn workers on loopback, for tests and benchmarks."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_module(folder, config, name="configured_wsgi", preamble=""):
    """A WSGI module in `folder` that builds the standalone app with this config,
    its database migrated as `flask screening db upgrade` would; its gunicorn name."""
    (Path(folder) / f"{name}.py").write_text(
        preamble + "from screening.app import create_app\n"
        "from screening.store import migrate\n"
        "from screening.web.state import state\n"
        f"app = create_app({config!r})\n"
        "migrate.upgrade(state(app).engine)\n"
        "state(app).engine.dispose()\n"
    )
    return f"{name}:app"


@contextmanager
def gunicorn(environment, log_folder, workers=2, options=(), app="wsgi:app", log_requests=True, ready="/healthz"):
    """Yields the base URL of `gunicorn -w N` on 127.0.0.1 and its access log.

    `log_folder` also holds any module made by app_module()."""
    port = free_port()
    log_folder = Path(log_folder)
    access_log = log_folder / f"access-{port}.log"
    env = {**os.environ, **environment}
    logging = ["--access-logfile", str(access_log), "--access-logformat", "%(p)s %(s)s %(r)s"]
    command = [
        sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
        *(logging if log_requests else []), "--pythonpath", str(log_folder), *options, app,
    ]
    with open(log_folder / f"gunicorn-{port}.log", "wb") as errors:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=errors, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(base + ready, server)
            except RuntimeError as error:
                raise RuntimeError(f"{error}: {errors.name} ends with\n{Path(errors.name).read_text()[-3000:]}") from None
            yield base, access_log if log_requests else None
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_up(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")
