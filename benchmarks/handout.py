"""How fast and how lean the handout is; run from the repository root:

    python benchmarks/handout.py [--warm 50] [--naive 20] [--memory 500]

Prints the cold first render (a new process, imports included), warm median
and p95, PDF size, the same for the naive way (a fresh HTML, CSS and
FontConfiguration per render) with the ratio, a cached reprint, and RSS
before/after many renders. Targets on a 2-core machine: warm median <= 200 ms,
cold <= 1.5 s, cached reprint <= 20 ms, memory flat. Timing lives here, never in tests.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A realistic two-page handout: self-care after exercise with cramps, in Spanish.
RECORD = {
    "age_years": 34, "sides": "both", "locations": ["thigh_front", "calf"], "onset": "gradual",
    "duration": "1_3_days", "pain_score": 4, "trend": "better",
    "triggers": ["new_or_intense_exercise", "hot_weather_or_little_fluid"],
    **{f: "no" for f in (
        "chest_pain", "short_of_breath", "fainted", "leg_cold_or_pale", "bladder_or_bowel_change", "one_leg_swollen",
        "redness_or_warmth", "fever_or_chills", "numbness_or_tingling", "leg_weakness", "cannot_bear_weight",
        "dark_urine", "pregnancy_warning_signs", "recent_surgery_or_immobilised", "active_cancer", "previous_clot", "pregnant_or_postpartum",
        "long_travel", "calf_pain_walking_relieved_by_rest", "urge_to_move_legs", "back_pain_radiating",
        "joint_pain_or_stiffness", "varicose_veins", "widespread_pain", "muscle_cramps")},
    "preferred_name": "María José", "language": "es",
}
TODAY = date(2026, 11, 25)

COLD = f"""
import sys, time
start = time.perf_counter()
sys.path.insert(0, {str(ROOT)!r})
from datetime import date
from screening.handout.render import ClinicInfo, render_handout
from screening.triage.rules import triage
from screening.triage.validation import validate
record = validate(__import__("json").loads({json.dumps(RECORD)!r}))
pdf = render_handout(record, triage(record), clinic=ClinicInfo("Riverside Family Clinic", "555-0142"),
                     today=date(2026, 11, 25))
print(time.perf_counter() - start, len(pdf))
"""


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def stats(times):
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def timed(fn, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warm", type=int, default=50)
    parser.add_argument("--naive", type=int, default=20)
    parser.add_argument("--memory", type=int, default=500)
    parser.add_argument("--cold", type=int, default=3)
    args = parser.parse_args()

    colds = []
    for _ in range(args.cold):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout.split()
        colds.append((time.perf_counter() - start, float(out[0])))
    print(f"cold first render, new process (median of {args.cold}): "
          f"{ms(statistics.median(c[0] for c in colds))} wall incl. interpreter start, "
          f"{ms(statistics.median(c[1] for c in colds))} from first import to PDF")

    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from screening import resources
    from screening.handout import render as handout
    from screening.handout.render import ClinicInfo, build_html, render_handout
    from screening.handout.cache import HandoutCache
    from screening.triage.rules import triage
    from screening.triage.validation import validate

    from pypdf import PdfReader
    import io

    record = validate(RECORD)
    result = triage(record)
    clinic = ClinicInfo("Riverside Family Clinic", "555-0142")

    def render():
        return render_handout(record, result, clinic=clinic, today=TODAY)

    pdf = render()  # loads the shared assets
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    warm_median, warm_p95 = stats(timed(render, args.warm))
    print(f"warm render ({args.warm} x, {pages} pages A4): median {ms(warm_median)}, p95 {ms(warm_p95)}, "
          f"PDF {len(pdf) / 1024:.1f} KB")

    root = resources.folder("reports")
    html = build_html(record, result, clinic=clinic, today=TODAY)

    def naive():
        fonts = FontConfiguration()
        sheets = [CSS(filename=str(root / name), font_config=fonts) for name in ("handout.css", "paper-a4.css")]
        return HTML(string=html, base_url=root.as_uri() + "/").write_pdf(
            stylesheets=sheets, font_config=fonts, pdf_variant=handout.PDF_VARIANT)

    naive_pdf = naive()
    naive_median, naive_p95 = stats(timed(naive, args.naive))
    print(f"naive render ({args.naive} x, fresh HTML/CSS/FontConfiguration each time): median {ms(naive_median)}, "
          f"p95 {ms(naive_p95)}, PDF {len(naive_pdf) / 1024:.1f} KB; naive/shared = {naive_median / warm_median:.2f}x")

    cache = HandoutCache()
    cache.render(record, result, clinic=clinic, today=TODAY)
    reprint_median, reprint_p95 = stats(timed(lambda: cache.render(record, result, clinic=clinic, today=TODAY), 1000))
    print(f"cached reprint (1000 x, key + lookup): median {reprint_median * 1000:.3f} ms, "
          f"p95 {reprint_p95 * 1000:.3f} ms")

    before = rss_mb()
    checkpoints = []
    for i in range(1, args.memory + 1):
        render()
        if i % 100 == 0:
            checkpoints.append(f"{i}: {rss_mb():.0f}")
    after = rss_mb()
    print(f"RSS over {args.memory} shared renders: {before:.0f} MB before, {after:.0f} MB after "
          f"({after - before:+.0f} MB); at " + ", ".join(checkpoints))


if __name__ == "__main__":
    main()
