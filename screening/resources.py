"""Where the top-level folders that ship with the package live.

A wheel carries templates/ and reports/ inside the package; an editable
install or a plain checkout has them beside it.
"""
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def folder(name):
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is not installed with the screening package")
