"""MkDocs events only: load the repository, hand MkDocs the view's pages, nav and assets."""

from __future__ import annotations

import itertools
import logging
import os
from importlib import resources
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page as MkPage

from ..core import dates, load
from ..core.htmlpolicy import sanitise
from ..site import SiteView, shell, sitemaps, urls
from ..site.searchindex import IndexWriter
from ..site.searchtokens import plain_text
from ..site.hosts import foreign_urls
from . import output
from .config import XxgkConfig, footer_hosts, footer_links
from .gate import merged_repository, publishable

log = logging.getLogger("mkdocs.plugins.xxgk")
# The theme's stylesheets, in cascade order: the shell and shared components, the catalogue, the
# generated pages (item, home, unit, column), the service pages (依申请公开, 网站地图, 联系我们, footer).
CSS = ("assets/xxgk/xxgk.css", "assets/xxgk/catalogue.css", "assets/xxgk/pages.css", "assets/xxgk/service.css")
# Hosts named in Material's scripts by code that never runs on this site.
THEME_HOSTS = (
    "www.w3.org",  # XML/SVG namespace names, not addresses
    "unpkg.com",  # Material: mermaid (no diagrams here) and a ResizeObserver polyfill (stubbed in main.html)
    "api.github.com",  # Material: repository facts, shown only with repo_url (not set)
)
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class XxgkPlugin(BasePlugin[XxgkConfig]):
    def __init__(self) -> None:
        self.view: SiteView | None = None
        self.incremental = False  # `mkdocs serve --dirty`: render again only what an edit changed
        self.previous: SiteView | None = None
        self.pages: dict = {}  # src_uri → the view's Page, for every generated page
        self.watch: list[str] = []  # folders `mkdocs serve` rebuilds on
        self.output = output.Output()  # staging folder, lock and swap of the built site (output.py)
        self.index: IndexWriter | None = None  # the search index of a full build, filled page by page

    def on_startup(self, *, command, dirty):
        """Present so that MkDocs keeps this plugin across `serve` rebuilds (it then remembers
        the previous view and can tell what an edit changed)."""
        self.incremental = command == "serve" and dirty
        self.output.startup(command, dirty)

    def on_config(self, config):
        self.output.begin(config)  # first: lock and stage before anything can fail (output.py)
        if not config.use_directory_urls:
            raise PluginError("xxgk：请保留 use_directory_urls: true，站内网址依赖目录式网址。")
        root = self.config.root or os.path.dirname(config.config_file_path or ".") or "."
        try:
            as_of = dates.parse_day(self.config.build_date) if self.config.build_date else dates.today_in_china()
        except ValueError as exc:
            raise PluginError(f"xxgk 配置 build_date：{exc}") from None
        wanted = self.config.units or os.environ.get("XXGK_UNITS", "")  # (as published and merge_from)
        wanted = [u.strip() for u in (wanted.split(",") if isinstance(wanted, str) else wanted) if u and u.strip()]
        published = self.config.published or os.environ.get("XXGK_PUBLISHED", "")
        merge_from = self.config.merge_from or os.environ.get("XXGK_MERGE_FROM", "")
        if merge_from:
            repo = merged_repository(root, self.config.content_dir, os.path.join(root, merge_from), wanted)
            withheld = frozenset()  # nothing of content/ is read: the shards' gates withheld their items
        else:  # units: a shard, loaded alone (core.loader); other units' references from their published data
            repo = load(root, self.config.content_dir, units=wanted or None,
                        published=os.path.join(root, published) if published else None)
            unknown = sorted(set(wanted) - set(repo.catalogue.units))
            if unknown:
                raise PluginError(f"xxgk 配置 units：单位 {', '.join(unknown)} 不存在；可用：{', '.join(repo.catalogue.units)}")
            withheld = publishable(repo, as_of, all_rules=self.config.check)
        self.previous = self.view if self.incremental else None
        self.view = SiteView(repo, as_of, config.site_name, config.site_url, frozenset(wanted) or None, withheld,
                             from_data=bool(merge_from))
        self.watch = [os.path.join(repo.root, "catalogue"), os.path.join(repo.root, self.config.content_dir)]
        theme_dir = str(resources.files("xxgk").joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if getattr(config.theme, "_custom_dir", None) else 0, theme_dir)
        config.extra_css.extend(sheet for sheet in CSS if sheet not in config.extra_css)
        # MkDocs writes sitemap.xml (and .gz) from the theme's static template; ours replace it: an
        # index over per-unit sitemaps that a shard build can write alone (site/sitemaps.py).
        config.theme.static_templates.discard(sitemaps.INDEX)
        try:  # the footer (partials/copyright.html): its links, and their hosts allowed by configuring them
            footer = footer_links(self.config.footer)
        except ValueError as exc:
            raise PluginError(f"xxgk 配置 {exc}") from None
        if footer["mark_image"] and not os.path.isfile(os.path.join(config.docs_dir, footer["mark_image"])):
            raise PluginError(f"xxgk 配置 footer 的 mark_image：{config.docs_dir} 中没有 {footer['mark_image']}"
                              "（党政机关网站标识图片由主办单位取得后放入 docs_dir）。")
        footer["site_pages"] = (urls.SITE_MAP, urls.CONTACT) if self.view.whole_site else ()
        config.extra["xxgk_footer"] = footer
        self.config.allowed_hosts = sorted(set(self.config.allowed_hosts) | footer_hosts(self.config.footer))
        return config

    def on_files(self, files: Files, config) -> Files:
        self.pages = {}
        for page in self.view.pages():
            self.pages[page.src_uri] = page
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:  # a generated page wins over a stray file in docs_dir
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=self.view.markdown(page), inclusion=InclusionLevel.NOT_IN_NAV))
        for source, dest in self.view.assets():
            files.append(File.generated(config, dest, abs_src_path=os.path.join(self.view.repo.root, source)))
        template = files.get_file_from_path(sitemaps.INDEX)  # the theme's, copied raw once no static template
        if template is not None:
            files.remove(template)
        extra = [f.url for f in files.documentation_pages() if f.src_uri not in self.pages]  # docs_dir pages
        try:
            documents = list(itertools.chain(self.view.documents(), sitemaps.files(self.view, extra)))
        except ValueError as exc:  # (the merge: a shard's sitemap that is not one)
            raise PluginError(f"xxgk：分片输出中的网站地图文件有误，站点未生成：{exc}。请重新构建该分片。") from None
        for dest, text in documents:  # feeds, open data, robots.txt, sitemaps
            existing = files.get_file_from_path(dest)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, dest, content=text))
        for file in list(files):
            if file.src_uri.startswith(UNUSED_THEME_FILES) or file.src_uri.endswith(".map"):
                files.remove(file)  # Material's lunr search (replaced by ours) and source maps
        for file in files:
            if file.is_documentation_page() and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV  # the nav is ours: units and columns only
        if self.previous is not None:
            self._skip_unchanged(files, config)
        # Every build that renders units writes their bundles (<unit>/searchindex/); a shard no site-wide
        # index, and the merge's site-level build nothing: xxgk merge merges the shards' bundles.
        wanted = self.config.search and self.previous is None and not self.view.from_data
        self.index = IndexWriter(self.view) if wanted else None
        return files

    def _skip_unchanged(self, files: Files, config) -> None:
        """In `mkdocs serve --dirty`, MkDocs renders only files that say they were modified. A dirty
        build never deletes: when anything leaves the site (a page, an attachment), or the catalogue
        or settings changed, clean the served folder and build in full, the search index included, so that
        nothing withdrawn is served or found by search after this rebuild."""
        changes = self.view.changed_pages(self.previous)
        withdrawn = self.view.withdrawn(self.previous) if changes is not None else set()
        if changes is None or withdrawn:
            why = f"{len(withdrawn)} 个页面或文件撤下" if withdrawn else "目录数据或站点设置有变化"
            log.info(f"xxgk：{why}，清空后完整重新生成（含搜索索引）。")
            utils.clean_directory(config.site_dir)
            self.previous = None  # a full build: on_post_build writes the search index and scans hosts again
            return
        again, _ = changes
        for src_uri in self.pages.keys() - again:
            files.get_file_from_path(src_uri).is_modified = _unmodified
        log.info(f"xxgk：增量生成 {len(again)} 个页面（共 {len(self.pages)} 个）。")

    def on_nav(self, nav, config, files):
        for src_uri, spec in self.pages.items():  # titles come from editors: escaped once, here
            files.get_file_from_path(src_uri).page.title = escape(spec.title)

        def target(node):  # a page of this build, or a link to one another shard builds (view.whole_site)
            file = files.get_file_from_path(urls.src_uri(node.url))
            return file.page if file is not None else Link(escape(node.title), node.url)

        def convert(node, parent):
            page = target(node) if node.url is not None else None
            if not node.children:
                page.parent = parent
                return page
            section = Section(escape(node.title), [])
            section.parent = parent
            children = ([page] if page is not None else []) + [convert(child, section) for child in node.children]
            if page is not None:
                page.parent = section
            section.children = children
            return section

        items = [convert(node, None) for node in self.view.nav()]
        pages = [item for item in _walk(items) if isinstance(item, MkPage)]
        return Navigation(items, pages)

    def on_page_context(self, context, page, config, nav):
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            context["xxgk_feeds"] = [(title, urls.relative(spec.url, href)) for title, href in self.view.feeds_for(spec)]
            unit = shell.unit_of(self.view, spec)
            context["xxgk_unit"] = unit.name if unit else None
            context["xxgk_kind"] = spec.kind
            context["xxgk_entries"] = [(e.label, urls.relative(spec.url, e.url), e.current)
                                       for e in shell.entries(self.view, spec)]
            if spec.item is None or not page.toc:  # no empty table-of-contents rail: the list gets the width
                page.meta["hide"] = ["toc"]
        return context

    def on_post_page(self, output, page, config):
        return _valid_theme_markup(output)

    def on_post_template(self, output_content, template_name, config):
        return _valid_theme_markup(output_content)  # 404.html

    def on_post_build(self, config):
        """Scan the built site for foreign hosts and write the search index (searchindex.py)."""
        if self.previous is not None:
            log.info("xxgk：增量生成时不重建搜索索引、不重查外部地址；完整构建时会做。")
            return
        self._check_hosts(config)
        if self.index is not None:
            try:
                figures = self.index.write(config.site_dir)
            except (OSError, RuntimeError, ValueError) as exc:
                raise PluginError(f"xxgk：无法写入搜索索引（{exc}）。站点未更新；请检查输出文件夹的空间和权限后重新构建。") from None
            finally:
                self.index = None
            bundles = f"{figures['bundles']} 个单位的索引（{figures['bundle_bytes'] / 1e6:.1f} MB）"
            log.info(f"xxgk：搜索索引 {figures['documents']} 个文档、{figures['tokens']} 个词元、{figures['shards']} 个分片"
                     f"（{figures['bytes'] / 1e6:.1f} MB），由 {bundles}合并。" if "tokens" in figures else f"xxgk：{bundles}。")

    def allowed_hosts(self, config) -> set[str]:
        hosts = set(self.config.allowed_hosts) | set(THEME_HOSTS)
        for address in [config.site_url] + [u.office.website for u in self.view.units()]:
            host = urlsplit(address or "").hostname
            if host:
                hosts.add(host)
        return hosts

    def _check_hosts(self, config) -> None:
        """No page may load from, or link to, a host nobody has allowed (政府网站：不引用境外、第三方资源)."""
        for path, url in foreign_urls(config.site_dir, self.allowed_hosts(config)):
            log.warning(f"xxgk：{path} 引用了未列入 allowed_hosts 的外部地址 {url}。请改为本站资源，或经审核后加入 allowed_hosts。")

    def on_page_content(self, html, page, config, files):
        """Every page's Markdown-rendered HTML passes the one allowlist sanitiser (the gate reports
        what it removes as unsafe-html); only then is it wrapped in the page's template."""
        html = sanitise(html)
        spec = self.pages.get(page.file.src_uri)
        if spec is not None and spec.item is not None and self.index is not None:
            self.index.add_item(spec.item, plain_text(html))
        return self.view.render(spec, html) if spec is not None else html

    def on_serve(self, server, config, builder):
        for path in self.watch:
            if os.path.isdir(path):
                server.watch(path)
        return server

    # -- output (output.py): swap the finished build in last; clean up on error and at exit -------

    @event_priority(-1000)  # after every other on_post_build, the search index's included
    def _publish(self, *, config):
        self.output.publish(config)

    on_post_build = CombinedEvent(on_post_build, _publish)

    @event_priority(-1000)
    def on_build_error(self, *, error):
        self.output.failed(error)

    def on_shutdown(self):
        self.output.discard()


# Material 9's base.html writes autocomplete="off" on its two toggle checkboxes, which HTML allows
# on text-like inputs only, outside any block a theme can override. The theme is frozen upstream,
# so these exact strings are fixed here; tests/browser/test_vnu.py fails if they ever change.
_MATERIAL_INVALID = tuple(
    (f'type="checkbox" id="{name}" autocomplete="off">', f'type="checkbox" id="{name}">') for name in ("__drawer", "__search"))


def _valid_theme_markup(html: str) -> str:
    for wrong, right in _MATERIAL_INVALID:
        html = html.replace(wrong, right, 1)
    return html


def _unmodified() -> bool:
    return False


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
