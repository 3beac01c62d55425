"""Typed options of the ``xxgk`` MkDocs plugin."""

from __future__ import annotations

from datetime import date
from typing import Mapping
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c


# Where the filing numbers link to: the MIIT's ICP filing system, and the MPS's 全国互联网安全管理
# 服务平台 (since 2024 at beian.mps.gov.cn; the older www.beian.gov.cn/portal/registerSystemInfo?
# recordcode={code} still answers). {code}: the digits of the 公安备案号.
ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


class FooterConfig(base.Config):
    """Government-site footer (政府网站发展指引): who runs the site, its filing numbers (as links),
    the 纠错 link and the 党政机关网站标识 slot."""

    organiser = c.Type(str, default="")  # 主办单位
    site_code = c.Type(str, default="")  # 网站标识码
    icp = c.Type(str, default="")  # ICP 备案号
    icp_url = c.Type(str, default=ICP_URL)  # where the ICP number links
    police = c.Type(str, default="")  # 公安机关备案号
    police_url = c.Type(str, default=POLICE_URL)  # where it links; {code}: its digits
    contact = c.Type(str, default="")  # 联系方式（可选）
    # 网站纠错: e.g. the State Council's 我为政府网站找错 platform,
    # https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=<网站标识码>&url={url};
    # {url}: the page's address (needs site_url), encoded. Empty: no 纠错 link.
    correction_url = c.Type(str, default="")
    # 党政机关网站标识: an image file in docs_dir (none is shipped) and the link the issuer gives
    # (bszs.conac.cn/sitename?method=show&id=…). Empty: nothing rendered.
    mark_image = c.Type(str, default="")
    mark_url = c.Type(str, default="")


FOOTER_KEYS = ("organiser", "site_code", "icp", "icp_url", "police", "police_url", "contact", "correction_url",
               "mark_image", "mark_url")
_LINK_OPTIONS = {"icp_url": ("http", "https"), "police_url": ("http", "https"),
                 "correction_url": ("http", "https", "mailto"), "mark_url": ("http", "https")}


def footer_links(footer: Mapping) -> dict:
    """What the footer partial renders: the options plus the filing numbers' link targets (None
    when there is no number). ``footer``: the plugin's footer options, or the same keys as a dict.
    A link option that is not an http(s) address (纠错 may also be mailto:) is a ValueError."""
    found = {key: str(footer.get(key) or "").strip() for key in FOOTER_KEYS}
    for key, schemes in _LINK_OPTIONS.items():
        if found[key] and urlsplit(found[key]).scheme.lower() not in schemes:
            raise ValueError(f"footer 的 {key} 应为 {' 或 '.join(s + ':' for s in schemes)} 开头的网址：{found[key]}")
    police_code = "".join(ch for ch in found["police"] if ch.isascii() and ch.isdigit())
    found["icp_href"] = (found["icp_url"] or ICP_URL) if found["icp"] else None
    found["police_href"] = (found["police_url"] or POLICE_URL).replace("{code}", police_code) if found["police"] else None
    return found


def footer_hosts(footer: Mapping) -> set[str]:
    """The hosts the footer links to (ICP, 公安备案, 纠错, the mark): allowed by configuring them."""
    found = footer_links(footer)
    hosts = set()
    for address in (found["icp_href"], found["police_href"], found["correction_url"], found["mark_url"] if found["mark_image"] else ""):
        host = urlsplit(address or "").hostname
        if host:
            hosts.add(host.lower())
    return hosts


class XxgkConfig(base.Config):
    # Repository holding catalogue/ and content/; default: the folder of mkdocs.yml.
    root = c.Optional(c.Dir(exists=True))
    content_dir = c.Type(str, default="content")
    # The date the site is built "as of": items published later stay off the site. Default: today
    # in Beijing time. Set it for reproducible builds.
    build_date = c.Optional(c.Type((str, date)))
    footer = c.SubConfig(FooterConfig)
    # Run all the gate's rules during the build: errors are logged (blocked items as errors, the
    # rest as warnings), so `mkdocs build --strict` fails exactly when `xxgk check` would. False
    # runs only the publication-blocking rules: those always run, and blocked items are never built.
    check = c.Type(bool, default=True)
    # Build only these units (a list, or ids separated by commas, e.g. from
    # `!ENV [XXGK_UNITS, ""]` fed by `xxgk changed-units --base origin/main`). Empty: the
    # XXGK_UNITS environment variable (how `xxgk build --shards` runs its shards), else all units.
    units = c.Type((str, list), default="")
    # With units: a shard reads only those units' content/; references to other units are checked
    # against their open data (data/<unit>.json) in this folder, a previous build's site (relative
    # to root). Empty: the XXGK_PUBLISHED environment variable, else none (such references warn).
    published = c.Type(str, default="")
    # The merge's site-level build (`xxgk merge` sets it through XXGK_MERGE_FROM): the folder of the
    # assembled shards; builds only the site-level pages and files (home, site catalogue, site feed,
    # open data, 网站地图 …) from every unit's data/<unit>.json there, reading no content/.
    merge_from = c.Type(str, default="")
    # The site's own search index (xxgk.site.searchindex) over the pages and items on the site,
    # written into the built site after each full build; false: no search page works.
    search = c.Type(bool, default=True)
    # Hosts, besides the site's own (site_url), the units' websites (catalogue) and those the
    # theme's scripts name without fetching (plugin.THEME_HOSTS), that built HTML, CSS and JS may
    # name; any other is a build warning (an error under --strict).
    allowed_hosts = c.ListOfItems(c.Type(str), default=[])
