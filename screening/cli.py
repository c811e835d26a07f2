"""The `screening` console script (intake contract, section 4).

It imports neither Flask nor SQLAlchemy, so a one-off triage or handout
starts fast; `flask screening ...` lives in flask_cli.py.
"""
import json
import os
import sys
from pathlib import Path

import click

from .triage.rules import describe, triage
from .triage.validation import InvalidRecord, parse_json


def read_record(source):
    """The validated record from an open file, or exit 2 listing every problem."""
    try:
        return parse_json(source.read())
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            click.echo(f"{one_line(problem.field)}: {problem.message}", err=True)
        sys.exit(2)


def one_line(text):
    """An unknown key from the input, printed safely: its control characters
    (a newline that forges a line, an escape that rewrites the terminal) escaped."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


@click.group()
def main():
    """Leg-soreness screening: triage an intake record, print its handout."""


@main.command("triage")
@click.argument("source", type=click.File("rb"))
def triage_command(source):
    """Triage the intake record in SOURCE (a JSON file, or - for standard input)."""
    record = read_record(source)
    click.echo(json.dumps(triage(record).to_dict(), ensure_ascii=False, indent=2))


@main.command("rules")
def rules_command():
    """Print the rule table for clinical review."""
    click.echo(describe())


# Unset, the handout leaves them out and says "call the clinic": an English
# placeholder would break a Spanish handout's sentences.
DEFAULT_CLINIC_NAME = ""
DEFAULT_CLINIC_PHONE = ""


@main.command("handout")
@click.argument("source", type=click.File("rb"))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), envvar="SCREENING_HANDOUT_PAPER", default="a4",
              help="Paper size (default: SCREENING_HANDOUT_PAPER, else a4).")
@click.option("--large-print", is_flag=True, help="16 pt text; may run to three pages.")
@click.option("--clinic-name", envvar="SCREENING_CLINIC_NAME", default=DEFAULT_CLINIC_NAME, show_default=True)
@click.option("--clinic-phone", envvar="SCREENING_CLINIC_PHONE", default=DEFAULT_CLINIC_PHONE, show_default=True)
@click.option("--emergency-number", envvar="SCREENING_EMERGENCY_NUMBER", default=None,
              help="e.g. 911 or 112; left out, the handout says 'your local emergency number'.")
@click.option("--logo", envvar="SCREENING_CLINIC_LOGO", default=None,
              help="Logo file: a path inside reports/ or one file anywhere.")
def handout_command(source, output, paper, large_print, clinic_name, clinic_phone, emergency_number, logo):
    """Print the handout for the intake record in SOURCE (a JSON file, or -) to OUTPUT."""
    # Imported here so `screening triage` does not pay for WeasyPrint's import.
    from .handout.render import ClinicInfo, render_handout

    record = read_record(source)
    clinic = ClinicInfo(clinic_name, clinic_phone, logo_path=logo, emergency_number=emergency_number)
    pdf = render_handout(record, triage(record), paper=paper, large_print=large_print, clinic=clinic)
    # Write to a temporary name first so a failed render never leaves half a PDF.
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(pdf)
    os.replace(partial, output)
    click.echo(f"wrote {output} ({len(pdf)} bytes)", err=True)

