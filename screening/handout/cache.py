"""Reprints without re-rendering: a small in-process LRU of handout PDFs,
in front of an optional shared store (the database's, web/printing.py) that
every worker reads, so a PDF rendered by one worker is no render in another.

The key is a sha256 of everything the PDF depends on: the record, the triage
result (with its rules_version), the paper, large print, the clinic's details
(and the logo file's size and time), the date, the case reference, the
early-stop mark, and TEMPLATE_VERSION, a digest
of the reports/ folder and the code that writes the words. Change any of them
and the next print renders afresh; nothing stale can be served.
"""
import hashlib
import inspect
import json
import threading
from collections import OrderedDict
from dataclasses import asdict
from datetime import date

from .. import resources
from . import content as handout_content
from . import render as handout
from . import sections as handout_sections


def _template_version():
    digest = hashlib.sha256()
    root = resources.folder("reports")
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for module in (handout, handout_content, handout_sections):
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()[:16]


TEMPLATE_VERSION = _template_version()


def cache_key(record, result, *, paper, large_print, clinic, today, reference=None, early_stop=False):
    logo = handout.logo_file(clinic)
    logo_stamp = None
    if logo is not None and logo.is_file():
        stat = logo.stat()
        logo_stamp = [str(logo), stat.st_size, stat.st_mtime_ns]
    inputs = {
        "record": record,
        "result": result.to_dict(),
        "paper": paper or handout.DEFAULT_PAPER,
        "large_print": bool(large_print),
        "clinic": asdict(clinic),
        "logo": logo_stamp,
        "today": today.isoformat(),
        "reference": reference,
        "early_stop": bool(early_stop),
        "template": TEMPLATE_VERSION,
    }
    blob = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


class HandoutCache:
    """Thread-safe, bounded LRU of rendered handouts (PDF bytes).

    One per process (e.g. in app.extensions); `maxsize` x ~25 KB is its memory.
    """

    def __init__(self, maxsize=128):
        self.maxsize = maxsize
        self._items = OrderedDict()
        # Which entries print which stored case (its reference), so a purge can drop them.
        self._tags = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        # Misses that no shared store could answer either: WeasyPrint ran.
        self.renders = 0

    def __len__(self):
        return len(self._items)

    def get(self, key):
        with self._lock:
            pdf = self._items.get(key)
            if pdf is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return pdf

    def put(self, key, pdf, tag=None):
        with self._lock:
            self._items[key] = pdf
            self._items.move_to_end(key)
            if tag is not None:
                self._tags[key] = tag
            while len(self._items) > self.maxsize:
                old, _pdf = self._items.popitem(last=False)
                self._tags.pop(old, None)

    def discard(self, tags):
        """Drop every entry printed for these tags (purged cases); how many went."""
        tags = set(tags)
        with self._lock:
            gone = [key for key, tag in self._tags.items() if tag in tags]
            for key in gone:
                self._items.pop(key, None)
                del self._tags[key]
        return len(gone)

    def render(self, record, result, *, paper=None, large_print=False, clinic, today=None, reference=None,
               early_stop=False, tag=None, shared=None):
        """The handout PDF, from the cache when the same print was made before.

        `shared`: a store behind this cache, with get(key) -> PDF or None and
        put(key, pdf); asked on a miss, and given what had to be rendered.
        """
        today = today or date.today()
        options = dict(paper=paper, large_print=large_print, clinic=clinic, today=today, reference=reference,
                       early_stop=early_stop)
        key = cache_key(record, result, **options)
        pdf = self.get(key)
        if pdf is None:
            with self._lock:
                self.misses += 1
            pdf = shared.get(key) if shared is not None else None
            if pdf is None:
                with self._lock:
                    self.renders += 1
                # Rendered outside the lock: two racing misses cost one extra render, never a wrong PDF.
                pdf = handout.render_handout(record, result, **options)
                if shared is not None:
                    shared.put(key, pdf)
            self.put(key, pdf, tag)
        return pdf

    def clear(self):
        with self._lock:
            self._items.clear()
            self._tags.clear()
