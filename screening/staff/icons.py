"""The disposition icons, the same drawings as the handout's (reports/icons), inline in pages.

Each level has its own shape (triangle, clock, calendar, house), so the
queue reads in greyscale and for colour-blind staff; the words beside them
carry the meaning for screen readers.
"""
from functools import cache

from markupsafe import Markup

from .. import resources

LEVELS = ("emergency", "urgent", "routine", "self-care")


@cache
def _drawings():
    root = resources.folder("reports") / "icons"
    drawings = {}
    for level in LEVELS:
        svg = (root / f"{level}.svg").read_text().strip()
        svg = svg.replace("<svg ", '<svg class="icon" aria-hidden="true" focusable="false" ', 1)
        # The package's own icon files, never anything a person typed.
        drawings[level] = Markup(svg)  # noqa: S704  # nosec B704
    return drawings


def level_icon(level):
    return _drawings()[level]
