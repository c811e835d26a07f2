"""The only way WeasyPrint may read anything while printing a handout.

WeasyPrint's default fetcher follows file:, http(s): and data: URLs, so text
that reached the HTML could read local files, attach them to the PDF or make
the server call internal addresses. This fetcher serves plain files under the
package's own reports/ folder (plus, optionally, the one logo file the clinic
configured) and refuses everything else. It never opens a network connection,
so there is nothing to redirect.
"""
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

# Fonts are not in every mimetypes table; WeasyPrint sniffs them anyway.
_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf",
          ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".html": "text/html"}


class RefusedURL(ValueError):
    """A URL outside what the handout may read."""


class ReportsFetcher(URLFetcher):
    def __init__(self, root, extra_files=()):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.root = Path(root).resolve()
        self.extra_files = frozenset(Path(p).resolve() for p in extra_files)

    def allowed_path(self, url):
        """The local file `url` names if the handout may read it, else raise RefusedURL."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"only local files are served: {url!r}")
        # resolve() follows symlinks and '..', so neither can lead out of the folder.
        path = Path(unquote(parts.path)).resolve()
        if path in self.extra_files:
            return path
        if not path.is_relative_to(self.root):
            raise RefusedURL(f"outside the reports folder: {url!r}")
        if not path.is_file():
            raise RefusedURL(f"no such file in the reports folder: {url!r}")
        return path

    def fetch(self, url, headers=None):
        log.debug("handout fetch %s", url)
        try:
            path = self.allowed_path(url)
        except RefusedURL:
            log.warning("handout fetch refused: %s", url)
            raise
        kind = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})
