"""Render a page's main content with the Jinja templates in ``templates/``.

Templates only render: every number, list and link target comes from the view.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import urls

if TYPE_CHECKING:
    from .view import Page, SiteView

BANNER_STATES = {"失效": "已失效", "废止": "已废止", "已修订": "已修订"}


def file_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,}$")
_EMAIL = re.compile(r"^[^@\s<>\"':/?#]+@[^@\s<>\"':/?#]+\.[^@\s<>\"':/?#]+$")


def tel(number: str) -> str:
    """A tel: URI for a phone number as the catalogue writes it (0795-3261001), or "" if it is not one."""
    number = (number or "").strip()
    return "tel:" + re.sub(r"[ ()]", "", number) if _PHONE.match(number) else ""


def mailto(address: str) -> str:
    address = (address or "").strip()
    return "mailto:" + address if _EMAIL.match(address) else ""


def web(address: str) -> str:
    """The address if it is an http(s) URL a link may carry, else "" (the catalogue's website field)."""
    address = (address or "").strip()
    return address if urlsplit(address).scheme in ("http", "https") and urlsplit(address).hostname else ""


class Renderer:
    def __init__(self, view: "SiteView"):
        self.view = view
        self.env = Environment(
            loader=PackageLoader("xxgk.site", "templates"),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(size=file_size, iso=iso, tel=tel, mailto=mailto, web=web)
        self.env.globals.update(urls=urls, banner_states=BANNER_STATES)
        kinds = ("home", "unit", "column", "item", "catalogue", "search", "apply", "sitemap", "contact")
        self._templates = {kind: self.env.get_template(f"{kind}.html") for kind in kinds}

    def render(self, page: "Page", body_html: str) -> str:
        def link(target: str) -> str:
            return urls.relative(page.url, target)

        def item_link(item) -> str:
            return link(urls.item(item.unit, item.column, item.serial))

        return '<span id="xxgk-main"></span>' + self._templates[page.kind].render(
            v=self.view, page=page, body=body_html, link=link, item_link=item_link,
            policy=self.view.policy,
        )
