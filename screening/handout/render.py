"""Print the patient handout as a PDF with WeasyPrint (contract, section 3).

Framework-free: the web layer, the command line and the benchmark all call
`render_handout`. WeasyPrint's import, the stylesheets and the fonts cost far
more than one render, so they load once per process (`_assets()`), and one
FontConfiguration is shared by the stylesheets and every `write_pdf` call:
a fresh one per render leaks memory (engineering notes).
"""
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from weasyprint import CSS, HTML
from weasyprint.formatting_structure.boxes import LineBox
from weasyprint.text.fonts import FontConfiguration

from .. import resources
from .content import TEXT_VERSION, expect_lines, filler, text
from .fetcher import ReportsFetcher
from .sections import STEPS, choose_sections

PAPERS = ("a4", "letter")
# The paper a print gets when the caller does not choose one; the web app
# and the command line choose from SCREENING_HANDOUT_PAPER themselves.
DEFAULT_PAPER = "a4"
# A tagged PDF, so screen readers can read the handout aloud.
PDF_VARIANT = "pdf/ua-1"
STYLESHEETS = {"base": "handout.css", "a4": "paper-a4.css", "letter": "paper-letter.css",
               "large": "large-print.css", "compact": "compact.css", "compact-more": "compact-more.css", "compact-most": "compact-most.css",
               "large-tight": "large-tight.css", "large-tighter": "large-tighter.css"}
# Tried in turn when a handout runs past two pages (normal size) or its warning signs
# leave page 1 (any size; contract section 3): most handouts never need them.
COMPACT_STEPS = ("compact", "compact-more", "compact-most")
LARGE_PRINT_STEPS = ("large-tight", "large-tighter")
MAX_PAGES = 2
# At most this many lines alone on a second page are worth one more layout at 11 pt.
ORPHAN_LINES = 4


@dataclass(frozen=True)
class ClinicInfo:
    # Empty when not configured: the handout then leaves the masthead line out
    # and its sentences say "call the clinic" (contract: never a blank).
    name: str = ""
    phone: str = ""
    # A file inside reports/ (relative path), or one configured file anywhere.
    logo_path: str | None = None
    # Left out, the handout says "your local emergency number" rather than guess a country's.
    emergency_number: str | None = None


class _Assets:
    """Everything a render shares: template, fonts, parsed stylesheets."""

    def __init__(self):
        self.root = resources.folder("reports")
        self.base_url = self.root.as_uri() + "/"
        self.fetcher = ReportsFetcher(self.root)
        self.fonts = FontConfiguration()
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.root), autoescape=True, undefined=jinja2.StrictUndefined,
        )
        self.template = env.get_template("handout.html")
        self.css = {
            key: CSS(filename=str(self.root / name), url_fetcher=self.fetcher, font_config=self.fonts)
            for key, name in STYLESHEETS.items()
        }
        self._logo_fetchers = {}
        # Decoded icons and drawings, reused by every render (WeasyPrint's image cache).
        self.images = {}

    def fetcher_for(self, logo):
        """The shared fetcher, or one that also allows exactly the configured logo file."""
        if logo is None or logo.is_relative_to(self.root):
            return self.fetcher
        if logo not in self._logo_fetchers:
            self._logo_fetchers[logo] = ReportsFetcher(self.root, extra_files=[logo])
        return self._logo_fetchers[logo]


_lock = threading.Lock()
_shared = None
# One WeasyPrint render at a time per process, for every PDF made with the
# shared FontConfiguration (the handout and the staff summary). It is not
# safe across threads: four threads rendering at once logged GLib's
# "corrupted double-linked list" and took 1.5x as long as rendering in turn.
# A worker's request thread and the pre-render thread (web/prerender.py)
# both print.
RENDERING = threading.Lock()


def _assets():
    global _shared
    with _lock:
        if _shared is None:
            _shared = _Assets()
        return _shared


def preload():
    """Load WeasyPrint's stylesheets and fonts now (e.g. in each worker), not on the first print."""
    _assets()


def logo_file(clinic, root=None):
    """The logo's absolute path: a relative one must stay inside reports/."""
    if not clinic.logo_path:
        return None
    root = root or resources.folder("reports")
    path = Path(clinic.logo_path)
    if path.is_absolute():
        return path.resolve()
    inside = (root / path).resolve()
    if not inside.is_relative_to(root.resolve()):
        raise ValueError(f"a relative logo path must stay inside reports/: {clinic.logo_path!r}")
    return inside


def format_date(day, language):
    words = text(language)
    return words["date_format"].format(day=day.day, month=words["months"][day.month - 1], year=day.year)


DRAWINGS = {key: step.drawing for key, step in STEPS.items() if step.drawing}


def halves(items):
    """Two columns of about equal length, read top to bottom then left to right.

    Floats, not CSS columns: WeasyPrint's multi-column layout tripled the render time.
    """
    total = sum(len(i) for i in items)
    running, cut = 0, len(items)
    for index, item in enumerate(items):
        if running + len(item) / 2 > total / 2:
            cut = index
            break
        running += len(item)
    cut = max(cut, (len(items) + 1) // 2 if len(items) < 3 else 1)
    return [column for column in (items[:cut], items[cut:]) if column]


def build_html(record, result, *, clinic, today, logo_url=None, reference=None, early_stop=False):
    """The handout as an HTML string (what `render_handout` prints)."""
    plan = choose_sections(record, result, early_stop=early_stop)
    words = text(plan.language)
    fill = filler(plan.language, phone=(clinic.phone or "").strip(),
                  emergency_number=(clinic.emergency_number or "").strip())
    return _assets().template.render(
        t=words, plan=plan, expect=expect_lines(plan), drawings=DRAWINGS, clinic=clinic, fill=fill,
        warnings=[(group, fill(words["warning_group_headings"][group]),
                   halves([words["warning_items"][i] for i in items])) for group, items in plan.warnings],
        logo_url=logo_url, name=record.get("preferred_name"), date=format_date(today, plan.language),
        reference=reference, trace=words["trace"].format(text=TEXT_VERSION, rules=result.rules_version),
    )


def render_handout(record, result, *, paper=None, large_print=False, clinic, today=None, reference=None,
                   early_stop=False):
    """The handout PDF (bytes) for a record and the TriageResult the patient follows.

    `reference` is the stored case's reference (printed in the masthead);
    `early_stop` marks a case stored at the early emergency stop, whose
    partial record never gets relief steps (contract section 5).
    """
    paper = paper or DEFAULT_PAPER
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    with RENDERING:
        return _render(record, result, paper, large_print, clinic, today, reference, early_stop)


def _render(record, result, paper, large_print, clinic, today, reference, early_stop):
    assets = _assets()
    logo = logo_file(clinic, assets.root)
    html = build_html(record, result, clinic=clinic, today=today or date.today(),
                      logo_url=logo.as_uri() if logo else None, reference=reference, early_stop=early_stop)
    sheets = [assets.css["base"], assets.css[paper]] + ([assets.css["large"]] if large_print else [])
    document = HTML(string=html, base_url=assets.base_url, url_fetcher=assets.fetcher_for(logo))
    # The package's own icons and drawings are decoded once per process; a logo from
    # outside reports/ is read afresh each time (it may change on disk).
    shared_images = logo is None or logo.is_relative_to(assets.root)
    options = dict(pdf_variant=PDF_VARIANT, cache=assets.images if shared_images else None)
    rendered = document.render(stylesheets=sheets, font_config=assets.fonts, **options)
    for step in LARGE_PRINT_STEPS if large_print else COMPACT_STEPS:
        if fits(rendered, max_pages=None if large_print else MAX_PAGES):
            break
        rendered = document.render(stylesheets=sheets + [assets.css[step]], font_config=assets.fonts, **options)
    if not large_print and len(rendered.pages) == 2 and _lines(rendered.pages[1]) <= ORPHAN_LINES:
        # A second sheet for a line or two: a slightly smaller print may keep it on one.
        tighter = document.render(stylesheets=sheets + [assets.css["compact"]], font_config=assets.fonts, **options)
        if len(tighter.pages) == 1:
            rendered = tighter
    return rendered.write_pdf(**options)


def _lines(page):
    return sum(isinstance(box, LineBox) for box in page._page_box.descendants())


def fits(rendered, max_pages=MAX_PAGES):
    """Not too many pages (large print may run longer), and no part of the warning signs past page 1."""
    if max_pages and len(rendered.pages) > max_pages:
        return False
    return not any(_is_warning_block(box) for page in rendered.pages[1:] for box in page._page_box.descendants())


def _is_warning_block(box):
    element = getattr(box, "element", None)
    return element is not None and element.get("class") in ("warning-signs", "warning-list")
