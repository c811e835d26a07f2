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
from weasyprint.text.fonts import FontConfiguration

from .. import resources
from .content import text, warning_groups
from .fetcher import ReportsFetcher
from .sections import choose_sections

PAPERS = ("a4", "letter")
# The paper a print gets when the caller does not choose one; the web app
# and the command line choose from SCREENING_HANDOUT_PAPER themselves.
DEFAULT_PAPER = "a4"
# A tagged PDF, so screen readers can read the handout aloud.
PDF_VARIANT = "pdf/ua-1"
STYLESHEETS = {"base": "handout.css", "a4": "paper-a4.css", "letter": "paper-letter.css",
               "large": "large-print.css"}


@dataclass(frozen=True)
class ClinicInfo:
    name: str
    phone: str
    # A file inside reports/ (relative path), or one configured file anywhere.
    logo_path: str | None = None
    # Left out, the handout says "the emergency number" rather than guess a country's.
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

    def fetcher_for(self, logo):
        """The shared fetcher, or one that also allows exactly the configured logo file."""
        if logo is None or logo.is_relative_to(self.root):
            return self.fetcher
        if logo not in self._logo_fetchers:
            self._logo_fetchers[logo] = ReportsFetcher(self.root, extra_files=[logo])
        return self._logo_fetchers[logo]


_lock = threading.Lock()
_shared = None


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


def build_html(record, result, *, clinic, today, logo_url=None):
    """The handout as an HTML string (what `render_handout` prints)."""
    plan = choose_sections(record, result)
    words = text(plan.language)
    emergency = clinic.emergency_number or words["emergency_number_default"]

    def fill(line):
        return line.format(emergency=emergency, phone=clinic.phone)

    return _assets().template.render(
        t=words, plan=plan, warning_groups=warning_groups(plan), clinic=clinic, fill=fill, logo_url=logo_url,
        name=record.get("preferred_name"), date=format_date(today, plan.language),
    )


def render_handout(record, result, *, paper=None, large_print=False, clinic, today=None):
    """The handout PDF (bytes) for a validated record and its TriageResult."""
    paper = paper or DEFAULT_PAPER
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    assets = _assets()
    logo = logo_file(clinic, assets.root)
    html = build_html(record, result, clinic=clinic, today=today or date.today(),
                      logo_url=logo.as_uri() if logo else None)
    sheets = [assets.css["base"], assets.css[paper]] + ([assets.css["large"]] if large_print else [])
    document = HTML(string=html, base_url=assets.base_url, url_fetcher=assets.fetcher_for(logo))
    return document.write_pdf(stylesheets=sheets, font_config=assets.fonts, pdf_variant=PDF_VARIANT)
