"""A real HTTP server for a built site, as a static host would serve it.

- directory URLs serve ``index.html``; a directory without its trailing slash is redirected;
- text responses (HTML, CSS, JS, JSON, XML, SVG, CSV, plain text) are gzip-compressed when the
  client sends ``Accept-Encoding: gzip``, like nginx's ``gzip on`` for those types;
- binary files — the search index's shards (``.bin``), and ``.wasm`` and Pagefind's ``.pf_*`` of
  the older builds ``scripts/bench_search.py --engine pagefind`` measures — are
  ``application/octet-stream`` and never compressed (nginx's default ``gzip_types`` leaves them);
- anything missing gets the site's ``404.html`` with status 404.

Started on 127.0.0.1, port 0 (a free port), in a daemon thread; ``stop()`` shuts it down.
"""

from __future__ import annotations

import gzip
import http.server
import os
import posixpath
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".wasm": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
OCTET = "application/octet-stream"
COMPRESSIBLE = ("text/", "application/json", "application/xml", "image/svg+xml", "application/manifest+json",
                "application/atom+xml")


def content_type(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    suffix = os.path.splitext(name)[1]
    if suffix.startswith(".pf_"):
        return OCTET
    if name.endswith(".gz"):  # sitemap.xml.gz: a gzip file, not a gzip-encoded XML response
        return TYPES[".gz"]
    return TYPES.get(suffix, OCTET)


def accepts_gzip(header: str) -> bool:
    """``Accept-Encoding`` names gzip (or *) with a non-zero quality."""
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            try:
                return not params.strip() or float(quality) > 0
            except ValueError:
                return True
    return False


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "xxgk-test/1"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - keep pytest output clean
        self.server.log.append(f"{self.command} {self.path} → {args[1] if len(args) > 1 else ''}")

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _resolve(self, url_path: str) -> Path | None:
        parts = [p for p in posixpath.normpath(unquote(url_path)).split("/") if p and p not in (".", "..")]
        return self.root.joinpath(*parts) if parts else self.root

    def _serve(self, head: bool) -> None:
        url_path = urlsplit(self.path).path
        target = self._resolve(url_path)
        status = 200
        if target is not None and target.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            status, target = 404, self.root / "404.html"
        body = target.read_bytes() if target.is_file() else b"404 Not Found"
        ctype = content_type(target.name) if target.is_file() else "text/plain; charset=utf-8"
        gzipped = bool(body) and ctype.startswith(COMPRESSIBLE) and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if ctype.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    """Serves ``root`` on 127.0.0.1 at a free port until ``stop()``."""

    daemon_threads = True

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0):
        self.root = Path(root).resolve()
        self.log: list[str] = []
        super().__init__((host, port), partial(_Handler, root=self.root))
        self._thread: threading.Thread | None = None

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return  # the browser dropped a connection it no longer needed
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> "SiteServer":
        self._thread = threading.Thread(target=self.serve_forever, name="xxgk-site-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
