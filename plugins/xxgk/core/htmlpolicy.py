"""The one allowlist for item bodies: which HTML the public site keeps, and what it removes.

Every item body is Markdown written by an editor who may be careless or hostile. The site renders
it and passes the HTML through :func:`sanitise` (``nh3``, a browser-grade HTML5 parser with an
allowlist); whatever is not listed here is removed. The gate (rule ``unsafe-html``) renders the
same Markdown and calls ``htmlreport.removals``, which walks the HTML with the standard library's
tokenizer against the SAME constants and names every tag, attribute and URL the sanitiser would
drop, so an editor learns what will not be published instead of finding it missing. Defence in
depth: the sanitiser is what protects the site; the tokenizer only reports (where the two parsers
disagree, on malformed markup, the sanitiser's reading is the one that counts).

What disclosure content needs, and nothing more:

* text structure: headings, paragraphs, lists, definition lists, quotes, code, emphasis,
  ``details``/``summary``, ``figure``; tables with ``colspan``/``rowspan``/``scope``/``headers``;
  links and images;
* attributes: ``href`` (``a``), ``src``/``alt``/``width``/``height`` (``img``), and everywhere
  ``title``, ``id``, ``class``, ``lang``, ``dir``;
* URLs: ``http``, ``https``, ``mailto``, ``tel`` and relative URLs; never ``javascript:``,
  ``vbscript:`` or ``data:`` (a browser strips tabs and newlines inside a URL and leading control
  characters, and decodes character references first: so do we).

Never: scripts, event handlers (``on…``), ``style`` (CSS can fake the site's interface and send
data out through ``url()``), forms and their controls, frames and embedded objects (``iframe``,
``object``, ``embed``), page-level tags (``meta``, ``base``, ``link``), MathML, and SVG beyond the
static chart below.

Choices, and why:

* ``class`` is limited to the names the Markdown extensions and the project's own generators emit
  (``CLASSES``): classes are harmless for script, but with the site's stylesheet an arbitrary one
  can fake the site's own interface — ``xxgk-banner`` would paint a false 已废止 banner.
* ``id`` is free (the toc extension gives every heading one and links point at them), except the
  ids the page itself uses (``__config``, ``__search`` … of Material, ``xxgk-…``, the item page's
  section headings): an element with such an id inside the body would take over a lookup by the
  page's scripts (DOM clobbering).
* The alignment Markdown tables write (``style="text-align: left;"`` on ``th``/``td``) and
  ``align`` are kept, as exact values only; every other ``style`` is removed.
* The project's own reports are items too: the annual report's tables sit in
  ``<div class="xxgk-table-wrap" tabindex="0" role="region" aria-label=…>`` and the monthly
  bulletin holds an inline SVG bar chart (``reports/chart.py``). That chart's vocabulary — ``svg``,
  ``rect``, ``line``, ``text``, ``title`` with geometry and colour attributes whose values hold no
  ``(``, ``:`` or quote, so no ``url()`` — is allowed (``SVG_TAGS``); nothing else of SVG is
  (no ``script``, ``use``, ``image``, ``animate``/``set``, ``foreignObject``, no ``href``).
* ``rel`` on links is not reported: the sanitiser replaces it with ``noopener noreferrer``.
* HTML comments, ``<!DOCTYPE>`` and ``<?…?>`` are removed and reported: they never reach the site.

The core imports no MkDocs; ``htmlreport.render`` uses python-markdown with ``MARKDOWN_EXTENSIONS``.
"""

from __future__ import annotations

import re

import nh3

# The Markdown extensions the site's mkdocs.yml may enable. The gate renders bodies with all of
# them; the allowlist below keeps everything they produce (toc ids and anchors, table alignment,
# ``language-…`` code classes). A site enabling another extension must add what it emits here.
MARKDOWN_EXTENSIONS = ("tables", "attr_list", "toc", "fenced_code", "md_in_html")

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # and relative URLs
URL_ATTRIBUTES = frozenset({"href", "src"})

SVG_TAGS = frozenset({"svg", "rect", "line", "text", "title"})  # the bulletin's chart, nothing more
TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "img",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark",
    "abbr", "span", "div", "figure", "figcaption", "details", "summary",
}) | SVG_TAGS

GLOBAL_ATTRIBUTES = frozenset({"title", "id", "class", "lang", "dir"})
# Attributes of the chart's shapes; their values must match SVG_VALUE (no url(), no script).
SVG_PRESENTATION = frozenset({
    "width", "height", "viewBox", "x", "y", "x1", "x2", "y1", "y2", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "font-size", "font-weight", "text-anchor",
})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": GLOBAL_ATTRIBUTES,
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan", "scope", "headers"}),
    "td": frozenset({"colspan", "rowspan", "scope", "headers"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
    "div": frozenset({"aria-label"}),
    "svg": frozenset({"width", "height", "viewBox", "aria-label", "aria-labelledby"}),
    "rect": frozenset({"x", "y", "width", "height", "fill"}),
    "line": frozenset({"x1", "x2", "y1", "y2", "stroke", "stroke-width", "stroke-dasharray"}),
    "text": frozenset({"x", "y", "fill", "font-size", "font-weight", "text-anchor"}),
}
_ALIGN_STYLES = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
_ALIGN = frozenset({"left", "right", "center"})
# Attributes kept only with one of these values (compared without regard to case).
ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "th": {"style": _ALIGN_STYLES, "align": _ALIGN},
    "td": {"style": _ALIGN_STYLES, "align": _ALIGN},
    "div": {"tabindex": frozenset({"0"}), "role": frozenset({"region"})},
    "svg": {"role": frozenset({"img"})},
}
REWRITTEN_ATTRIBUTES: dict[str, frozenset[str]] = {"a": frozenset({"rel"})}  # replaced, not reported
LINK_REL = "noopener noreferrer"

# class values kept per tag: what toc, fenced_code and the project's reports emit.
CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"headerlink", "toclink"}),
    "div": frozenset({"toc", "xxgk-table-wrap"}),
    "span": frozenset({"toctitle"}),
    "table": frozenset({"xxgk-report"}),
    "svg": frozenset({"xxgk-chart"}),
}
CLASS_PATTERNS: dict[str, re.Pattern] = {"code": re.compile(r"language-\S+\Z")}  # fenced_code: any language name
# ids the page itself uses: Material's (__config, __search, __drawer …), the site's (xxgk-…) and
# the item page's own section headings.
RESERVED_ID_PREFIXES = ("__", "xxgk-")
RESERVED_IDS = frozenset({"attachments-title", "related-title"})
SVG_VALUE = re.compile(r"[#A-Za-z0-9 .,%-]*\Z")

# Removed together with everything inside them (the rest lose the tag and keep their text).
CLEAN_CONTENT_TAGS = frozenset({
    "script", "style", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "iframe",
    "frameset", "object", "applet", "math", "textarea", "select", "foreignobject",
})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
                   "meta", "param", "source", "track", "wbr"})

# Why a tag is removed: the key names the reason, for the gate's message.
TAG_REASONS: dict[str, frozenset[str]] = {
    "script": frozenset({"script", "noscript", "template"}),
    "embed": frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "param", "portal",
                        "fencedframe"}),
    "page": frozenset({"meta", "base", "link", "head", "html", "body"}),
    "style": frozenset({"style"}),
    "form": frozenset({"form", "input", "button", "select", "option", "optgroup", "textarea", "label",
                       "fieldset", "legend", "output", "datalist", "keygen", "isindex"}),
    "foreign": frozenset({"math", "foreignobject", "use", "image", "animate", "animatemotion",
                          "animatetransform", "set", "feimage", "mglyph", "malignmark", "mtext", "annotation-xml"}),
    "media": frozenset({"video", "audio", "source", "track", "picture", "canvas", "map", "area"}),
}
# -- URLs -------------------------------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_SPACE = "".join(chr(c) for c in range(0x21))


def effective_url(value: str) -> str:
    """The URL a browser parses from an attribute value (references already decoded): leading and
    trailing C0 controls and spaces stripped, tabs and newlines removed anywhere (WHATWG URL)."""
    return value.strip(_C0_SPACE).translate(_TAB_NEWLINE)


def url_scheme(value: str) -> str | None:
    """Lower-case scheme of a URL as a browser reads it; None for a relative URL."""
    match = _SCHEME.match(effective_url(value))
    return match.group(1).lower() if match else None


def url_allowed(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is None or scheme in URL_SCHEMES


# -- one judgement of an attribute's value, shared by the sanitiser and the report -----------------


# Attribute names as both parsers give them to us: lower case (html5ever keeps SVG's viewBox).
_GLOBAL = frozenset(a.lower() for a in GLOBAL_ATTRIBUTES)
_ALLOWED = {tag: _GLOBAL | frozenset(a.lower() for a in ATTRIBUTES.get(tag, ())) for tag in TAGS}
_LOWER_SVG_PRESENTATION = frozenset(a.lower() for a in SVG_PRESENTATION)


def allowed_names(tag: str) -> frozenset[str]:
    return _ALLOWED.get(tag, _GLOBAL)


def _class_allowed(tag: str, name: str) -> bool:
    pattern = CLASS_PATTERNS.get(tag)
    return name in CLASSES.get(tag, ()) or bool(pattern and pattern.match(name))


def judge(tag: str, name: str, value: str) -> tuple[str | None, str | None, str]:
    """For an attribute the allowlist names: (value kept or None, removal reason or None, what
    part is removed). Only values can fail here; names are checked by the callers."""
    if name == "class":
        tokens = value.split()
        kept = [t for t in tokens if _class_allowed(tag, t)]
        if len(kept) == len(tokens):
            return value, None, ""
        removed = " ".join(t for t in tokens if t not in kept)
        return (" ".join(kept) or None), "class", removed
    if name == "id":
        lowered = value.lower()
        if lowered.startswith(RESERVED_ID_PREFIXES) or lowered in RESERVED_IDS:
            return None, "id", value
        return value, None, ""
    if name in URL_ATTRIBUTES:
        return (value, None, "") if url_allowed(value) else (None, "url", effective_url(value))
    if tag in SVG_TAGS and name in _LOWER_SVG_PRESENTATION and not SVG_VALUE.match(value):
        return None, "attribute", value
    return value, None, ""


def _nh3_filter(tag: str, name: str, value: str) -> str | None:
    name = name.lower()
    if name in allowed_names(tag):
        return judge(tag, name, value)[0]
    return value  # rel (set by the sanitiser) and the exact-value attributes, checked by nh3


# -- the sanitiser ----------------------------------------------------------------------------------

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    tag_attribute_values={tag: {a: set(v) for a, v in values.items()} for tag, values in ATTRIBUTE_VALUES.items()},
    attribute_filter=_nh3_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitise(html: str) -> str:
    """The body HTML the site publishes: everything outside the allowlist removed."""
    return _CLEANER.clean(html)
