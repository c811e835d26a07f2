"""The one-page staff summary PDF of a case (WeasyPrint, through the handout's safe fetcher).

The caller passes everything already worded in the staff member's language;
this module only lays it out, so it needs no Flask.
"""
import jinja2
from weasyprint import CSS, HTML

from ..handout.render import DEFAULT_PAPER, PAPERS, PDF_VARIANT, RENDERING, _assets

TEMPLATE = "staff-summary.html"
STYLESHEET = "staff-summary.css"

_parsed = {}


def _template_and_css():
    assets = _assets()
    if not _parsed:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(assets.root), autoescape=True,
                                 undefined=jinja2.StrictUndefined)
        _parsed["template"] = env.get_template(TEMPLATE)
        _parsed["css"] = CSS(filename=str(assets.root / STYLESHEET), url_fetcher=assets.fetcher,
                             font_config=assets.fonts)
    return assets, _parsed["template"], _parsed["css"]


def build_html(summary):
    return _template_and_css()[1].render(**summary)


def render_summary(summary, paper=None):
    """PDF bytes for a summary dict (see templates' names in reports/staff-summary.html),
    on `paper` ("a4" or "letter"; the clinic's, like its handouts)."""
    paper = paper or DEFAULT_PAPER
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    with RENDERING:  # shares the handout's fonts: one render at a time
        assets, template, css = _template_and_css()
        document = HTML(string=template.render(**summary), base_url=assets.base_url, url_fetcher=assets.fetcher)
        # The handout's own paper sheet: staff-summary.css sets no page size.
        return document.write_pdf(stylesheets=[css, assets.css[paper]], font_config=assets.fonts,
                                  pdf_variant=PDF_VARIANT)
