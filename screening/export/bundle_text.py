"""A FHIR Bundle as JSON text, written a batch of entries at a time. No Flask.

The pieces joined are exactly what json.dumps(bundle, **JSON_OPTIONS) writes
for the whole Bundle at once, so a streamed export and a whole one are the
same file: only the memory they need differs.
"""
import json

# How every FHIR response is written (web/exporting.py uses the same).
JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}
# JSON_OPTIONS' indent, as the entries of the Bundle's "entry" list are
# nested: the list's items sit two levels in, their members one more.
ITEM_INDENT = "\n" + " " * 2 * JSON_OPTIONS["indent"]


def dumps(value):
    return json.dumps(value, **JSON_OPTIONS)


def head(members):
    """The Bundle's opening up to and including the "entry" list's "[";
    `members` are those before "entry", which is written last."""
    # dumps writes the empty list as "[]" and then closes the object on a
    # line of its own: cut after the "[".
    return dumps({**members, "entry": []})[: -len("]\n}")]


def entries(batch, first):
    """The text of these entries; `first`: whether any came before them."""
    # A JSON string never holds a raw line break (dumps escapes it), so
    # indenting every line break indents every line and nothing else.
    return "".join((ITEM_INDENT if first and i == 0 else "," + ITEM_INDENT) + dumps(entry).replace("\n", ITEM_INDENT)
                   for i, entry in enumerate(batch))


def tail(empty):
    """The Bundle's closing; `empty`: whether no entry was written."""
    return "]\n}" if empty else "\n" + " " * JSON_OPTIONS["indent"] + "]\n}"


def bundle_text(members, batches):
    """The Bundle's JSON, a piece per batch of entries (each batch a list)."""
    yield head(members)
    written = False
    for batch in batches:
        if batch:
            yield entries(batch, first=not written)
            written = True
    yield tail(empty=not written)
