"""An installed copy works outside the checkout, as a wheel and as an
editable install (hatchling maps templates/, reports/ and migrations/ into
the wheel only)."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SMOKE = """
import screening, sys
from screening.app import create_app
app = create_app({"SCREENING_DATABASE_URL": "sqlite:///" + sys.argv[1] + "/smoke.db"}, instance_path=sys.argv[1])
from screening.store import migrate
from screening.web.state import state
migrate.upgrade(state(app).engine)
page = app.test_client().get("/")
spanish = app.test_client().get("/?lang=es")
css = app.test_client().get("/screening-static/screening.css")
assert page.status_code == 200 and b"Leg pain check" in page.data, page.status_code
assert spanish.status_code == 200 and "Revisión del dolor de pierna".encode() in spanish.data, spanish.status_code
assert css.status_code == 200
print(screening.__file__)
"""


def run_outside_checkout(tmp_path, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | (extra_env or {})
    done = subprocess.run(
        [sys.executable, "-c", SMOKE, str(tmp_path)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
    )
    [built] = out.glob("leg_screening-*.whl")
    return built


def test_wheel_carries_templates_reports_migrations_and_static_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "screening/templates/screening/intake.html" in names
    assert "screening/static/screening.css" in names
    assert any(name.startswith("screening/reports/") for name in names)
    assert {"screening/migrations/env.py", "screening/migrations/versions/0001_case_table.py"} <= names
    assert not any(name.startswith("tests/") for name in names)


def files_under(folder):
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*") if "__pycache__" not in path.parts}


def test_installed_wheel_serves_the_form_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)], check=True)
    installed = files_under(site / "screening")
    module = run_outside_checkout(tmp_path, {"PYTHONPATH": str(site)})
    assert site in module.parents
    # Serving English and Spanish wrote nothing into the installed package
    # (the wheel carries its compiled catalogs).
    assert files_under(site / "screening") == installed


def test_editable_install_serves_the_form_outside_the_checkout(tmp_path):
    # scripts/test installs the project editable into its virtual environment.
    module = run_outside_checkout(tmp_path)
    assert ROOT in module.parents
