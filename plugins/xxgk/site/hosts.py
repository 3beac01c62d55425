"""Every URL in the built site that points at another host: the public must not depend on (or be
tracked by) third-party hosts, and foreign CDNs are unreachable for much of the public.

Scans HTML attributes that load or link (src, href, srcset, action, poster, data …, plus inline
``url()``), CSS ``url()``/``@import`` outside comments, and JavaScript string literals outside
block comments. Links to an allowed host are fine; anything else is reported.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

# Where a URL is used in HTML: an attribute that loads or links, or a CSS url() in a style.
_HTML_CONTEXT = re.compile(r"(?:\b(?:src|href|srcset|action|formaction|poster|data|background|cite)\s*=\s*[\"'][^\"']*|url\(\s*[\"']?)$", re.I)
_SLASHES = re.compile("//")  # a literal search: an optional-prefix pattern is 60× slower on a page
_REST = re.compile(r"[^\s\"'<>)]*")
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)[\"']", re.I)
_JS_STRING_URL = re.compile(r"[\"'`]((?:https?:)?//[^\"'`\s]+)")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SCHEME = re.compile(r"^(?:https?:)?//", re.I)


def _urls(text: str, suffix: str):
    if suffix == ".html":
        # Find addresses first (a page has few), then look just before each for its context:
        # much faster than matching every attribute of every page.
        for match in _SLASHES.finditer(text):
            start = match.start()
            for scheme in ("https:", "http:"):
                if text[start - len(scheme):start].lower() == scheme:
                    start -= len(scheme)
                    break
            if _HTML_CONTEXT.search(text, max(0, start - 200), start):
                yield text[start:_REST.match(text, match.end()).end()].rstrip(",")
    elif suffix == ".css":
        for match in _CSS_URL.finditer(_BLOCK_COMMENT.sub("", text)):
            yield match.group(1) or match.group(2)
    elif suffix in (".js", ".mjs"):
        for match in _JS_STRING_URL.finditer(_BLOCK_COMMENT.sub("", text)):
            yield match.group(1)


def foreign_urls(site_dir: str, allowed_hosts) -> list[tuple[str, str]]:
    """(file relative to site_dir, URL) for every URL whose host is not allowed."""
    allowed = {h.lower() for h in allowed_hosts}
    found = []
    for folder, _, names in os.walk(site_dir):
        for name in names:
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in (".html", ".css", ".js", ".mjs"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            for url in _urls(text, suffix):
                if not url or not _SCHEME.match(url):
                    continue
                host = (urlsplit(url if "://" in url else "http:" + url).hostname or "").lower()
                if "." not in host or "$" in host or "{" in host:
                    continue  # a template (`https://${host}/…`) or a placeholder, not an address
                if host not in allowed:
                    found.append((os.path.relpath(path, site_dir), url))
    return found
