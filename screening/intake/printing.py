"""Sending a handout to the front desk's printer (a CUPS queue), from the server.

`lp` reads the PDF on its standard input: nothing is written to disk here,
and the job's title carries the case reference only, never a name (print
queues are listed to anyone on the network). CUPS_SERVER in the environment,
or the system's client.conf, says which CUPS server holds the queue.
"""
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Printed:
    ok: bool
    # Why not, for the log: never patient data.
    problem: str = ""


def send_to_printer(pdf, queue, title, timeout):
    try:
        # An argument list, no shell: the queue name is the clinic's setting.
        done = subprocess.run(  # noqa: S603
            ["lp", "-d", queue, "-t", title, "-"],  # noqa: S607 (CUPS's lp, from PATH)
            input=pdf,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        return Printed(False, "the lp command is not installed (Debian package cups-client)")
    except subprocess.TimeoutExpired:
        return Printed(False, f"lp did not answer within {timeout} s")
    if done.returncode != 0:
        # lp's own message names the queue or the server, never the document.
        return Printed(False, f"lp exited {done.returncode}: {done.stderr.decode(errors='replace').strip()[:200]}")
    return Printed(True)
