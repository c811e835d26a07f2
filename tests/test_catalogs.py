"""The Spanish catalog is complete and current; builds compile it, the app never does."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from screening.web import catalogs

ROOT = Path(__file__).resolve().parents[1]
SPANISH = catalogs.TRANSLATIONS / "es" / "LC_MESSAGES" / "screening.po"
SPANISH_MO = "screening/translations/es/LC_MESSAGES/screening.mo"

def read(path):
    with open(path, "rb") as source:
        return read_po(source)

def ids(catalog):
    return {message.id for message in catalog if message.id}

def test_every_spanish_message_is_translated():
    for message in read(SPANISH):
        if not message.id:
            continue
        assert message.string, f"untranslated: {message.id!r}"
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        for placeholder in ("%(min)s", "%(max)s", "%(max)d", "%(number)s", "%(time)s"):
            assert (placeholder in message.id) == (placeholder in message.string), message.id

def test_catalogs_are_up_to_date_with_the_source():
    fresh = ids(catalogs.extract())
    assert ids(read(catalogs.TEMPLATE)) == fresh, "run: python -m screening.web.catalogs extract"
    assert ids(read(SPANISH)) == fresh, "run: python -m screening.web.catalogs update, then translate"

def project_copy(tmp_path):
    """The tracked files only, as a fresh clone would have them (no .mo)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    copy = tmp_path / "project"
    for name in filter(None, listed.decode().split("\0")):
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    # pyproject.toml names a README and force-includes reports/; this branch
    # may predate both, and neither is what this test is about.
    (copy / "README.md").touch()
    (copy / "reports").mkdir(exist_ok=True)
    assert not list(copy.rglob("*.mo"))
    return copy

def spanish_in(mo_bytes_path):
    with open(mo_bytes_path, "rb") as source:
        return read_mo(source).get("Yes").string

def test_the_wheel_carries_compiled_catalogs(tmp_path):
    copy = project_copy(tmp_path)
    out = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(copy)],
        check=True,
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert SPANISH_MO in archive.namelist()
        (tmp_path / "screening.mo").write_bytes(archive.read(SPANISH_MO))
    assert spanish_in(tmp_path / "screening.mo") == "Sí"
    # A regular build leaves the source tree as it was.
    assert not list(copy.rglob("*.mo"))

def test_an_editable_install_compiles_catalogs_beside_their_sources(tmp_path):
    copy = project_copy(tmp_path)
    subprocess.run(
        [sys.executable, "-c", f"from hatchling.build import build_editable; build_editable({str(tmp_path)!r})"],
        cwd=copy,
        check=True,
    )
    assert spanish_in(copy / SPANISH_MO) == "Sí"


def test_an_app_without_compiled_catalogs_refuses_to_start_and_writes_none(tmp_path):
    """A fresh clone has only the .po files: the app says how to compile
    them instead of compiling into its own package (or serving English)."""
    copy = project_copy(tmp_path)
    start = f"from screening.app import create_app; create_app({{'SECRET_KEY': 'x'}}, instance_path={str(tmp_path / 'instance')!r})"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", start], cwd=copy, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "CatalogsNotCompiled" in done.stderr
    assert "python -m screening.web.catalogs compile" in done.stderr
    assert not list(copy.rglob("*.mo"))
    # The command it names makes the app start.
    subprocess.run([sys.executable, "-m", "screening.web.catalogs", "compile"], cwd=copy, env=env, check=True)
    assert spanish_in(copy / SPANISH_MO) == "Sí"
    subprocess.run([sys.executable, "-c", start], cwd=copy, env=env, check=True, capture_output=True)


def test_the_missing_catalogs_are_named(tmp_path):
    po = tmp_path / "es" / "LC_MESSAGES" / "screening.po"
    po.parent.mkdir(parents=True)
    shutil.copy(SPANISH, po)
    with pytest.raises(catalogs.CatalogsNotCompiled, match=str(po.with_suffix(".mo"))):
        catalogs.require_compiled(tmp_path)
    catalogs.compile_po(po, po.with_suffix(".mo"))
    catalogs.require_compiled(tmp_path)
