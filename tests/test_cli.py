"""The `screening` console script (contract section 4)."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from screening.cli import main
from tests.bad_records import BAD, REVISION_5_REFUSED
from tests.helpers import VIGNETTES, VIGNETTE_IDS, valid_record


def run(args, stdin=None):
    return CliRunner().invoke(main, args, input=stdin)


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_public_vignette_through_the_command_line(tmp_path, case):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(case["record"]))
    result = run(["triage", str(path)])
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert body["disposition"] == case["expected"]["disposition"]
    assert body["emergency"] is case["expected"]["emergency"]
    assert [r["id"] for r in body["rules"]] == case["expected"]["rules_in_order"]


def test_reads_standard_input():
    result = run(["triage", "-"], stdin=json.dumps(valid_record(trend="worse")))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["disposition"] == "routine"


@pytest.mark.parametrize("name,record,field", BAD, ids=[b[0] for b in BAD])
def test_bad_record_exits_2_with_one_line_per_problem(name, record, field):
    result = run(["triage", "-"], stdin=json.dumps(record))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{field}: ")


@pytest.mark.parametrize("name,record,field", REVISION_5_REFUSED, ids=[b[0] for b in REVISION_5_REFUSED])
def test_revision_5_red_flags_are_required_by_the_command_line(name, record, field):
    result = run(["triage", "-"], stdin=json.dumps(record))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"{field}: " + (
        "is required" if name.startswith("missing") else "must not be null (leave an optional field out instead)")]


def test_handout_refuses_a_revision_4_record_and_writes_nothing(tmp_path):
    record = valid_record()
    del record["fainted"], record["pregnancy_warning_signs"]
    out = tmp_path / "out.pdf"
    result = run(["handout", "-", "-o", str(out)], stdin=json.dumps(record))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["fainted: is required", "pregnancy_warning_signs: is required"]
    assert not out.exists()


def test_pregnancy_warning_from_the_command_line_is_an_emergency():
    result = run(["triage", "-"], stdin=json.dumps(valid_record(pregnancy_warning_signs="yes")))
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert body["emergency"] is True and body["rules"][0]["id"] == "pregnancy-warning"


def test_several_problems_one_line_each():
    record = valid_record(age_years=-1, sides="up")
    result = run(["triage", "-"], stdin=json.dumps(record))
    assert result.exit_code == 2
    assert [line.split(":")[0] for line in result.stderr.strip().splitlines()] == ["age_years", "sides"]


def test_not_json_exits_2():
    result = run(["triage", "-"], stdin="{nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("_record: ")


def test_installed_console_script_runs(tmp_path):
    # The real entry point, as a clinic's integration would call it.
    path = tmp_path / "record.json"
    path.write_text(json.dumps(valid_record(chest_pain="yes")))
    script = [sys.executable, "-m", "screening", "triage", str(path)]
    done = subprocess.run(script, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["emergency"] is True


def test_rules_table_for_review():
    result = run(["rules"])
    assert result.exit_code == 0
    assert "chest-or-breathing [emergency]" in result.stdout
