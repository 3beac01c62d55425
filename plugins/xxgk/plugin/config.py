"""Typed options of the ``xxgk`` MkDocs plugin."""

from __future__ import annotations

from datetime import date

from mkdocs.config import base
from mkdocs.config import config_options as c


class FooterConfig(base.Config):
    """Government-site footer (政府网站发展指引): who runs the site and its filing numbers."""

    organiser = c.Type(str, default="")  # 主办单位
    site_code = c.Type(str, default="")  # 网站标识码
    icp = c.Type(str, default="")  # ICP 备案号
    police = c.Type(str, default="")  # 公安机关备案号
    contact = c.Type(str, default="")  # 联系方式（可选）


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
    # `!ENV [XXGK_UNITS, ""]` fed by `xxgk changed-units --base origin/main`); empty: all units.
    units = c.Type((str, list), default="")
    # The site's own search index (xxgk.site.searchindex) over the pages and items on the site,
    # written into the built site after each full build; false: no search page works.
    search = c.Type(bool, default=True)
    # Hosts, besides the site's own (site_url), the units' websites (catalogue) and those the
    # theme's scripts name without fetching (plugin.THEME_HOSTS), that built HTML, CSS and JS may
    # name; any other is a build warning (an error under --strict).
    allowed_hosts = c.ListOfItems(c.Type(str), default=[])
