"""``xxgk editor``: the web editor as a folder of static files, a build output of its own.

Kept apart from the public site on purpose: the public never downloads a 6 MB CMS, and the
site's host scan and Content-Security-Policy never have to admit a git host's API. The folder
holds Decap CMS (vendored, checksummed: cms/vendor.py), the generated ``config.yml``, our
widget and preview (cms/assets/) and ``editor.json``, the data they need: each unit's highest
serial per year (the next 索引号, numbered as ``xxgk new`` numbers), unit names, banner wording.

``index.html`` carries a Content-Security-Policy that admits this folder and the configured git
host only: whatever the bundled CMS names, the browser fetches from nowhere else.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from urllib.parse import urlsplit

import yaml

from ..core.model import Repository
from ..core.newitem import highest_serials
from ..site.render import BANNER_STATES
from .config import cms_config
from .vendor import ENTRY, HOMEPAGE, LICENSE, NAME, VERSION, decap_files

ASSETS = os.path.join(os.path.dirname(__file__), "assets")
MARKER = ".xxgk-editor"  # says a folder is an editor output, so writing it again may replace it
# Where each backend's API and sign-in live unless configured (Decap's own defaults).
API_ROOTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
AUTH_ROOTS = {"github": "https://api.netlify.com", "gitlab": "https://gitlab.com"}
DEFAULT_LOCAL = "http://localhost:8081/api/v1"


class EditorError(Exception):
    pass


def backend_config(name: str, repo: str, branch: str, api_root: str | None = None,
                   base_url: str | None = None, app_id: str | None = None) -> dict:
    backend = {"name": name, "repo": repo, "branch": branch}
    if app_id:  # the host's OAuth application: editors sign in there (PKCE, no secret in the page)
        backend.update(app_id=app_id, auth_type="pkce")
    if name == "gitea" and not api_root:
        raise EditorError("Gitea 没有默认地址：请用 --api-root 给出，如 https://git.example.gov.cn/api/v1。")
    if api_root:
        backend["api_root"] = api_root
        # a self-hosted GitLab or Gitea signs in on its own host (Decap's default would be
        # gitlab.com or try.gitea.io)
        base_url = base_url or (origin(api_root) if name != "github" else None)
    if base_url:
        backend["base_url"] = base_url  # the OAuth server that signs editors in (GitHub: your own)
    return backend


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an address given on the command line (it goes into the page's
    policy: only a plain host name or address is accepted, no user, no quotes)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        parts, port = None, None
    host_form = r"[a-z0-9.-]+|[0-9a-f:.]*:[0-9a-f:.]*"  # a name or an IPv4/IPv6 address
    if parts is None or parts.scheme not in ("http", "https") or not re.fullmatch(host_form, parts.hostname or ""):
        raise EditorError(f"{url} 不是有效的 http(s) 地址（如 https://git.example.gov.cn/api/v1）。")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def content_security_policy(backend: dict, local_url: str) -> str:
    """Only this folder, the git host's API and sign-in, and the local proxy may be fetched."""
    hosts = [backend.get("api_root") or API_ROOTS.get(backend["name"], ""),
             backend.get("base_url") or AUTH_ROOTS.get(backend["name"], ""), local_url]
    connect = " ".join(dict.fromkeys(origin(h) for h in hosts if h))
    return ("default-src 'self'; "
            f"connect-src 'self' blob: data: {connect}; "  # (blob: the files an editor attaches)
            "script-src 'self' 'unsafe-eval'; "  # Decap compiles its config's schema (ajv): it won't start without
            "style-src 'self' 'unsafe-inline'; "  # the CMS's styles are injected at run time
            "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; "
            "frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'")


def editor_data(repo: Repository, config: dict) -> dict:
    return {
        "serials": {unit: {str(y): n for y, n in years.items()} for unit, years in highest_serials(repo).items()},
        "units": {u.id: {"name": u.name, "credit_code": u.credit_code} for u in repo.units.values()},
        "banner_states": BANNER_STATES,
        "collections": {c["name"]: c["folder"].split("/")[-2] for c in config["collections"]},  # → unit
    }


def write_editor(repo: Repository, out: str, *, backend: dict, local_url: str = DEFAULT_LOCAL,
                 fetch: bool = True, preview_css: list[str] = ()) -> dict:
    """Write the editor into ``out`` (replacing an earlier editor output, never another folder).
    Written beside and moved into place, so a failure leaves the old folder as it was."""
    if os.path.exists(out) and (not os.path.isdir(out) or (os.listdir(out) and not os.path.exists(os.path.join(out, MARKER)))):
        raise EditorError(f"{out} 已存在且不是编辑器的输出目录：请换一个目录，或先清空它。")
    policy = content_security_policy(backend, local_url)  # (checks the addresses before anything is written)
    files = decap_files(fetch=fetch)
    config = cms_config(repo.catalogue, backend=backend, content_dir=repo.content_dir,
                        local_backend={"url": local_url})
    staging = f"{out.rstrip(os.sep)}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    for name, path in files.items():
        shutil.copyfile(path, os.path.join(staging, name))
    for name in sorted(os.listdir(ASSETS)):
        shutil.copyfile(os.path.join(ASSETS, name), os.path.join(staging, name))
    styles = []
    for path in preview_css:  # the public site's own stylesheets, so the preview looks like the page
        name = "preview-" + os.path.basename(path)
        shutil.copyfile(path, os.path.join(staging, name))
        styles.append(name)
    data = editor_data(repo, config) | {"preview_styles": styles + ["preview.css"]}
    _write(staging, "config.yml", "# 由 xxgk editor 生成（信息元数据规范 item.schema.json 与 catalogue/），请勿手工修改。\n"
           + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120))
    _write(staging, "editor.json", json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    _write(staging, "index.html", _index_html(policy))
    _write(staging, "NOTICE.txt", f"{NAME} {VERSION}（{LICENSE} 许可证，{HOMEPAGE}）：{', '.join(sorted(files))}\n"
           f"其所含第三方组件的许可证见 {ENTRY}.LICENSE.txt。\n")
    _write(staging, MARKER, "")
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.replace(staging, out)
    return config


def _write(folder: str, name: str, text: str) -> None:
    with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
        fh.write(text)


def _index_html(policy: str) -> str:
    attribute = html.escape(policy, quote=False).replace('"', "&quot;")  # (its own quotes are ')
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{attribute}">
<title>信息公开编辑器</title>
<link rel="icon" href="data:,">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>信息公开编辑器需要启用 JavaScript。</noscript>
<script src="xxgk-editor.js"></script>
<script src="{ENTRY}"></script>
</body>
</html>
"""
