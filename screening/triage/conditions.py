"""The small language the rules are written in.

Each condition is a test on a record and the same test as plain text, so a
clinician can review the rules as `screening rules` prints them. Conditions
combine with `&`, `|` and `~`; the words follow the contract's section 2
("X is `yes`", "`triggers` has", "every location is").
"""
from dataclasses import dataclass
from typing import Callable, Mapping

from .contract import CLOT_RISK_FACTORS


@dataclass(frozen=True)
class Condition:
    test: Callable[[Mapping], bool]
    text: str
    # For a named definition: what its name stands for.
    meaning: str = ""

    def __call__(self, record):
        return self.test(record)

    def __and__(self, other):
        return Condition(lambda r: self(r) and other(r), f"({self.text}) and ({other.text})")

    def __or__(self, other):
        return Condition(lambda r: self(r) or other(r), f"({self.text}) or ({other.text})")

    def __invert__(self):
        return Condition(lambda r: not self(r), f"not ({self.text})")


def named(name, condition):
    """A condition that prints as its name: a definition of section 2 used
    inside rules ("typical overuse"), spelled out once in `screening rules`."""
    return Condition(condition.test, name, condition.text)


def yes(*fields):
    """Any of the fields is `yes` (never met by `unsure` or `not_asked`)."""
    return Condition(lambda r: any(r[f] == "yes" for f in fields), " or ".join(fields) + " is yes")


def not_yes(*fields):
    """Each of the fields is not `yes`: met by `no` and `unsure`."""
    return Condition(lambda r: all(r[f] != "yes" for f in fields), " and ".join(fields) + " is not yes")


def is_(field, *values):
    return Condition(lambda r: r[field] in values, f"{field} is " + " or ".join(values))


def is_not(field, *values):
    return Condition(lambda r: r[field] not in values, f"{field} is not " + " or ".join(values))


def has(field, *values):
    return Condition(lambda r: any(v in r[field] for v in values), f"{field} has " + " or ".join(values))


def has_none(field, *values):
    return Condition(lambda r: not any(v in r[field] for v in values), f"{field} has neither " + " nor ".join(values))


def only(field, *values):
    """Every value of a list field is one of these ("every location is A or B")."""
    return Condition(lambda r: all(v in values for v in r[field]), f"every {field} value is " + " or ".join(values))


def at_least(field, n):
    return Condition(lambda r: r[field] >= n, f"{field} is {n} or more")


def under(field, n):
    return Condition(lambda r: r[field] < n, f"{field} is under {n}")


def between(field, low, high):
    return Condition(lambda r: low <= r[field] <= high, f"{field} is {low} to {high}")


def clot_risks(record):
    """How many clot risk factors are `yes` (the travel trigger does not count)."""
    return sum(record[f] == "yes" for f in CLOT_RISK_FACTORS)


def clot_risks_are(test, text):
    return Condition(lambda r: test(clot_risks(r)), f"clot_risks {text}")
