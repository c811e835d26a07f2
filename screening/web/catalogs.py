"""Message catalogs: extract, update and compile (Babel only, no Flask).

The compiled .mo files are build output, not source: the wheel's build hook
(hatch_build.py, which loads this file by path because the build environment
has no Flask) compiles them into the wheel and, for an editable install, next
to the .po files; scripts/test and scripts/run compile them again before
they start, so an edited .po is never served stale. The app itself never
writes them (an installed package may be read-only, and is not the app's
to change): it refuses to start without them (`require_compiled`).
"""
import os
import sys
import tempfile
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

DOMAIN = "screening"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
ROOT = TRANSLATIONS.parents[1]
TEMPLATE = TRANSLATIONS / f"{DOMAIN}.pot"
# Besides Babel's defaults (_, gettext, ngettext, ...): forms.py marks its
# module-level strings with _l so they are looked up per request.
# _lp(context, text): the same English words meaning something else here
# ("Done" as a patient's status, not a patient's button).
KEYWORDS = {"_l": None, "lazy_gettext": None, "_lp": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}


def po_files(directory=TRANSLATIONS):
    return sorted(Path(directory).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_po(po_path, mo_path):
    """Compile one catalog, written atomically: several workers may start together."""
    with open(po_path, "rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog)
        os.replace(tmp, mo_path)
    except BaseException:
        os.unlink(tmp)
        raise


class CatalogsNotCompiled(RuntimeError):
    pass


def require_compiled(directory=TRANSLATIONS):
    """Refuse to go on when a language's .mo is missing: its pages would
    silently come out in English."""
    missing = [po.with_suffix(".mo") for po in po_files(directory) if not po.with_suffix(".mo").is_file()]
    if missing:
        raise CatalogsNotCompiled(
            "the screening translations are not compiled (missing: "
            + ", ".join(str(mo) for mo in missing)
            + "): run `python -m screening.web.catalogs compile` in a checkout, or reinstall the package"
        )


def extract(root=ROOT):
    """A fresh template catalog from the source, as `pybabel extract` would make it."""
    with open(root / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="leg-screening", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords={**DEFAULT_KEYWORDS, **KEYWORDS}, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_template(catalog, path=TEMPLATE):
    with open(path, "wb") as out:
        write_po(out, catalog, width=100, omit_header=False)


def update(template_path=TEMPLATE):
    """Merge the template into every language's catalog (new strings come in empty)."""
    with open(template_path, "rb") as source:
        template = read_po(source)
    for po in po_files():
        with open(po, "rb") as source:
            catalog = read_po(source, locale=po.parents[1].name, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        with open(po, "wb") as out:
            write_po(out, catalog, width=100, ignore_obsolete=True)


def main(argv=None):
    command = (argv or sys.argv[1:] or ["compile"])[0]
    if command == "extract":
        write_template(extract())
    elif command == "update":
        update()
    elif command == "compile":
        for po in po_files():
            compile_po(po, po.with_suffix(".mo"))
    else:
        raise SystemExit("usage: python -m screening.web.catalogs extract|update|compile")


if __name__ == "__main__":
    main()
