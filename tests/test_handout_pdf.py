"""The printed handout: real WeasyPrint renders, read back with pypdf."""
import json
import logging
import re

import pytest
from click.testing import CliRunner

from screening import resources
from screening.cli import main
from screening.handout.render import ClinicInfo, render_handout
from screening.handout.cache import HandoutCache, cache_key
from screening.handout.content import text, warning_groups
from screening.handout.fetcher import ReportsFetcher, RefusedURL
from screening.handout.sections import choose_sections
from screening.triage.rules import triage
from tests.handout_helpers import TODAY, calm_record, pdf_pages_and_text, squash, with_language
from tests.helpers import vignette

CLINIC = ClinicInfo("Riverside Family Clinic", "555-0142")
REPORTS = resources.folder("reports")
FOUR_PATTERNS = dict(triggers=["new_or_intense_exercise", "injury", "long_standing", "hot_weather_or_little_fluid"],
                     duration="4_7_days")

SPREAD = [
    "after-first-spin-class",  # self-care, exercise soreness
    "dehydrated-cramps",  # self-care, cramps
    "wedding-on-feet-all-day",  # self-care, standing
    "walks-then-calf-cramps",  # routine, claudication filter
    "cancer-both-legs-ache",  # routine, clot-risk filter
    "teen-football-soreness",  # routine, under 16
    "calf-swollen-after-surgery",  # urgent
    "breathless-with-leg-pain",  # emergency
    "foot-cold-and-pale",  # emergency
]


def render(record, **options):
    options = {"clinic": CLINIC, "today": TODAY, **options}
    return render_handout(record, triage(record), **options)


def check_handout_text(record, pdf_text, clinic=CLINIC):
    """What every handout must say, and what it must not, for this record."""
    plan = choose_sections(record, triage(record))
    words = text(plan.language)
    got = squash(pdf_text)
    assert clinic.name in got and clinic.phone in got
    if record.get("preferred_name"):
        assert squash(record["preferred_name"]) in got
    assert words["disposition"][plan.kind] in got
    assert words["disposition_tag"][plan.kind] in got
    for reason in plan.reasons:
        assert squash(reason) in got
    printed = [squash(words["steps"][key][1]) for key in plan.steps]
    for body in printed:
        assert body in got
    for key in set(words["steps"]) - set(plan.steps):
        body = squash(words["steps"][key][1])
        if not any(body in other for other in printed):  # the plain bath is part of the Epsom bath's text
            assert body not in got, f"{key} must not be printed"
    for group in warning_groups(plan):
        for item in group["items"]:
            assert (squash(item) in got) == plan.warning_signs, item
    for key, item in words["warning_additions"].items():
        added = any(key == k for _group, k in plan.warning_additions)
        assert (squash(item) in got) == added, item
    assert (words["warning_heading"] in got) == plan.warning_signs


@pytest.mark.parametrize("name", SPREAD)
@pytest.mark.parametrize("language, paper", [("en", "a4"), ("es", "letter"), ("en", "letter"), ("es", "a4")])
def test_handout_pdf_for_a_spread_of_vignettes(name, language, paper):
    record = with_language(dict(vignette(name)["record"], preferred_name="Ana María Núñez"), language)
    pdf = render(record, paper=paper)
    assert pdf.startswith(b"%PDF-")
    pages, pdf_text = pdf_pages_and_text(pdf)
    assert 1 <= pages <= 2
    check_handout_text(record, pdf_text)
    page_word, of = ("Page", "of") if language == "en" else ("Página", "de")
    assert f"{page_word} 1 {of} {pages}" in pdf_text


@pytest.mark.parametrize("name", ["after-first-spin-class", "walks-then-calf-cramps", "calf-swollen-after-surgery",
                                  "breathless-with-leg-pain"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_large_print_runs_to_three_pages_at_most(name, paper):
    record = with_language(vignette(name)["record"], "es")
    pages, pdf_text = pdf_pages_and_text(render(record, paper=paper, large_print=True))
    assert pages <= 3
    check_handout_text(record, pdf_text)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("changes", [{}, {"trend": "worse", "age_years": 15, "locations": ["calf"]}])
def test_the_longest_handouts_still_fit_two_pages(language, paper, changes):
    record = calm_record(**FOUR_PATTERNS, **changes, language=language,
                         preferred_name="Maximiliana Guadalupe de los Ángeles Fernández-Villanueva y Rodríguez")
    pages, pdf_text = pdf_pages_and_text(render(record, paper=paper))
    assert pages <= 2
    check_handout_text(record, pdf_text)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("pregnant", ["yes", "no"])
def test_emergency_warnings_name_fainting_and_in_pregnancy_pre_eclampsia(language, pregnant):
    record = calm_record(pregnant_or_postpartum=pregnant, language=language)
    plan = choose_sections(record, triage(record))
    assert plan.warning_signs  # routine with the clot risk of pregnancy, else self-care
    got = squash(pdf_pages_and_text(render(record))[1])
    check_handout_text(record, got)
    words = text(language)
    assert squash(words["warning_groups"][0]["items"][1]) in got  # fainting, right after chest pain
    assert (squash(words["warning_additions"]["pregnancy"]) in got) is (pregnant == "yes")


def test_spanish_handout_has_a_spanish_date_and_labels():
    record = with_language(vignette("dehydrated-cramps")["record"], "es")
    got = squash(pdf_pages_and_text(render(record))[1])
    assert "25 de noviembre de 2026" in got and "Teléfono" in got
    english = squash(pdf_pages_and_text(render(with_language(record, "en")))[1])
    assert "25 November 2026" in english


def test_emergency_number_is_printed_when_configured():
    record = with_language(vignette("breathless-with-leg-pain")["record"], "en")
    got = squash(pdf_pages_and_text(render(record, clinic=ClinicInfo("C", "1", emergency_number="911")))[1])
    assert "call 911 now" in got
    plain = squash(pdf_pages_and_text(render(record))[1])
    assert "call the emergency number now" in plain


def test_filters_leave_an_avoid_note_and_no_forbidden_step():
    record = calm_record(**FOUR_PATTERNS, long_travel="yes")
    got = squash(pdf_pages_and_text(render(record))[1])
    assert text("en")["avoid"]["clot_risk"] in got
    for key in ("foam_rolling", "warm_bath", "compression_socks", "compression_bandage"):
        assert squash(text("en")["steps"][key][1]) not in got


# --- hostile input and the fetcher ---------------------------------------------------------

HOSTILE = '<img src="file:///etc/passwd">'


def test_a_hostile_name_prints_as_text_and_fetches_nothing_outside_reports(caplog):
    record = with_language(dict(vignette("after-first-spin-class")["record"], preferred_name=HOSTILE), "en")
    with caplog.at_level(logging.DEBUG, logger="screening.handout.fetcher"):
        pdf = render(record)
    asked = [r.args[0] for r in caplog.records if r.getMessage().startswith("handout fetch ")]
    assert asked, "the icons at least must come through the fetcher"
    for url in asked:
        assert url.startswith(REPORTS.as_uri() + "/"), url
    assert not [r for r in caplog.records if "refused" in r.getMessage()]
    assert HOSTILE in squash(pdf_pages_and_text(pdf)[1])


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1/",
    "https://example.com/logo.png",
    "data:text/plain,hello",
    "ftp://127.0.0.1/x",
    REPORTS.as_uri() + "/../pyproject.toml",
    REPORTS.as_uri() + "/fonts/../../screening/handout.py",
    REPORTS.as_uri() + "/no-such-file.css",
    "file://otherhost" + REPORTS.as_posix() + "/handout.css",
])
def test_the_fetcher_refuses_everything_outside_reports(url):
    fetcher = ReportsFetcher(REPORTS)
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    with pytest.raises(RefusedURL):
        fetcher(url)


def test_the_fetcher_serves_files_under_reports():
    response = ReportsFetcher(REPORTS).fetch(REPORTS.as_uri() + "/icons/emergency.svg")
    assert response.content_type == "image/svg+xml" and b"<svg" in response.read()


def test_the_fetcher_refuses_a_symlink_out_of_reports(tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    (root / "ok.css").write_text("p {}")
    (root / "escape.css").symlink_to("/etc/passwd")
    fetcher = ReportsFetcher(root)
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p {}"
    with pytest.raises(RefusedURL):
        fetcher.fetch((root / "escape.css").as_uri())


def test_a_configured_logo_outside_reports_is_the_one_extra_file_allowed(tmp_path, caplog):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>')
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = ReportsFetcher(REPORTS, extra_files=[logo])
    assert b"<svg" in fetcher.fetch(logo.as_uri()).read()
    with pytest.raises(RefusedURL):
        fetcher.fetch((tmp_path / "secret.txt").as_uri())
    record = with_language(vignette("dehydrated-cramps")["record"], "en")
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="screening.handout.fetcher"):
        pdf = render(record, clinic=ClinicInfo("Logo Clinic", "1", logo_path=str(logo)))
    asked = {r.args[0] for r in caplog.records if r.getMessage().startswith("handout fetch ")}
    assert logo.as_uri() in asked
    assert not [r for r in caplog.records if "refused" in r.getMessage()]
    assert pdf_pages_and_text(pdf)[0] <= 2


# --- the reprint cache ----------------------------------------------------------------------------


def test_the_cache_serves_a_reprint_and_keys_on_every_input():
    cache = HandoutCache(maxsize=2)
    record = with_language(vignette("after-first-spin-class")["record"], "en")
    result = triage(record)
    first = cache.render(record, result, clinic=CLINIC, today=TODAY)
    again = cache.render(record, result, clinic=CLINIC, today=TODAY)
    assert again is first and (cache.hits, cache.misses) == (1, 1)
    base = dict(paper="a4", large_print=False, clinic=CLINIC, today=TODAY)
    key = cache_key(record, result, **base)
    variants = [
        dict(base, paper="letter"), dict(base, large_print=True), dict(base, clinic=ClinicInfo("Other", "555-0142")),
        dict(base, today=TODAY.replace(day=26)),
    ]
    assert len({key} | {cache_key(record, result, **v) for v in variants}) == 1 + len(variants)
    assert cache_key(dict(record, language="es"), result, **base) != key
    cache.render(record, result, clinic=CLINIC, today=TODAY, paper="letter")
    cache.render(record, result, clinic=CLINIC, today=TODAY, large_print=True)
    assert len(cache) == 2  # bounded: the oldest print was dropped


# --- the command line -------------------------------------------------------------------------------


def test_cli_writes_a_valid_pdf(tmp_path):
    source = tmp_path / "record.json"
    source.write_text(json.dumps(dict(vignette("wedding-on-feet-all-day")["record"], preferred_name="Sam")))
    out = tmp_path / "handout.pdf"
    result = CliRunner().invoke(main, ["handout", str(source), "-o", str(out), "--paper", "letter"],
                                env={"SCREENING_CLINIC_NAME": "Hillside Clinic", "SCREENING_CLINIC_PHONE": "555-0199"})
    assert result.exit_code == 0, result.output
    pages, pdf_text = pdf_pages_and_text(out.read_bytes())
    assert pages <= 2 and "Hillside Clinic" in pdf_text and "555-0199" in pdf_text and "Sam" in pdf_text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf", "record.json"]  # no partial file left


def test_cli_reads_standard_input(tmp_path):
    out = tmp_path / "handout.pdf"
    record = json.dumps(vignette("breathless-with-leg-pain")["record"])
    result = CliRunner().invoke(main, ["handout", "-", "-o", str(out)], input=record)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("body", ['{"age_years": "7"}', "not json", "[]"])
def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, body):
    out = tmp_path / "handout.pdf"
    result = CliRunner().invoke(main, ["handout", "-", "-o", str(out)], input=body)
    assert result.exit_code == 2
    assert not out.exists() and list(tmp_path.iterdir()) == []
    lines = result.stderr.strip().splitlines()
    assert lines and all(re.match(r"^[\w_]+: .+", line) for line in lines)


@pytest.mark.parametrize("name", ["after-first-spin-class", "calf-swollen-after-surgery", "breathless-with-leg-pain"])
def test_the_tagged_pdf_renders_without_weasyprint_errors(name, caplog):
    record = with_language(dict(vignette(name)["record"], preferred_name="Jo"), "es")
    with caplog.at_level(logging.WARNING):
        render(record, clinic=ClinicInfo("C", "1", logo_path="icons/self-care.svg"))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_relative_logo_path_cannot_climb_out_of_reports():
    record = with_language(vignette("dehydrated-cramps")["record"], "en")
    with pytest.raises(ValueError):
        render(record, clinic=ClinicInfo("C", "1", logo_path="../pyproject.toml"))
