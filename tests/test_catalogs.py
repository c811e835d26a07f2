"""The Spanish catalog is complete and current, and every install compiles it."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

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

def test_a_checkout_compiles_missing_and_stale_catalogs(tmp_path):
    po = tmp_path / "es" / "LC_MESSAGES" / "screening.po"
    po.parent.mkdir(parents=True)
    shutil.copy(SPANISH, po)
    assert catalogs.compile_stale(tmp_path) == [po.with_suffix(".mo")]
    assert catalogs.compile_stale(tmp_path) == []
    os.utime(po, (po.stat().st_mtime + 10,) * 2)
    assert catalogs.compile_stale(tmp_path) == [po.with_suffix(".mo")]

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
