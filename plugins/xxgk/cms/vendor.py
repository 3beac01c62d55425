"""Decap CMS's browser files, pinned: fetched once from the npm registry, checked against the
registry's sha512, kept in a cache, and copied into the editor's folder so that the editor loads
nothing from another host.

Only the tarball's ``dist/decap-cms.js``, its numbered chunks, its WebAssembly files and its
licence notices are kept (npm's ``decap-cms`` would install 556 packages for the same 6 MB).
``python -m xxgk.cms.vendor`` fetches it ahead of time (``scripts/setup test`` does); the cache is
``$XXGK_CACHE`` or ``~/.cache/xxgk``. ``XXGK_OFFLINE=1`` forbids the download (the tests set it:
they use what set-up fetched and never the network).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import sys
import tarfile
import urllib.request

NAME = "decap-cms"
VERSION = "3.16.3"
LICENSE = "MIT"
HOMEPAGE = "https://github.com/decaporg/decap-cms"
TARBALL = f"https://registry.npmjs.org/{NAME}/-/{NAME}-{VERSION}.tgz"
# `npm view decap-cms@3.16.3 dist.integrity`: what the registry publishes for this tarball.
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
# The browser build's files: the entry point, the chunks it loads on demand, its WebAssembly
# modules and the licence notices of what it bundles. Source maps and the second build are left out.
KEEP = re.compile(r"^package/dist/(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]{20}\.wasm|decap-cms\.js\.LICENSE\.txt)$")
ENTRY = "decap-cms.js"


class VendorError(Exception):
    pass


def cache_dir() -> str:
    root = os.environ.get("XXGK_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "xxgk")
    return os.path.join(root, f"{NAME}-{VERSION}")


def decap_files(*, fetch: bool = True) -> dict[str, str]:
    """File name → path of every kept file, fetching the tarball first if the cache lacks it."""
    folder = cache_dir()
    if not os.path.isfile(os.path.join(folder, ".complete")):
        if not fetch or os.environ.get("XXGK_OFFLINE") == "1":
            raise VendorError(f"尚未下载 {NAME} {VERSION}：请运行 python -m xxgk.cms.vendor（需要访问 registry.npmjs.org；scripts/setup test 会运行它）。")
        _unpack(_download(), folder)
    return {name: os.path.join(folder, name) for name in sorted(os.listdir(folder)) if not name.startswith(".")}


def _download() -> bytes:
    try:
        with urllib.request.urlopen(TARBALL, timeout=120) as response:
            data = response.read()
    except OSError as exc:
        raise VendorError(f"无法下载 {TARBALL}（{exc}）。请检查网络后重试，或在能联网的机器上运行 "
                          f"python -m xxgk.cms.vendor 后把 {cache_dir()} 复制过来。") from None
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise VendorError(f"{TARBALL} 的校验值与固定的 {INTEGRITY} 不符：文件可能被篡改，未使用。")
    return data


def _unpack(data: bytes, folder: str) -> None:
    """Only the kept names, only regular files, written flat into the cache (no tar paths are trusted)."""
    partial = f"{folder}.partial"
    shutil.rmtree(partial, ignore_errors=True)  # (what an interrupted run left)
    os.makedirs(partial)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile() and KEEP.match(member.name):
                with tar.extractfile(member) as source, open(os.path.join(partial, os.path.basename(member.name)), "wb") as out:
                    out.write(source.read())
    if not os.path.isfile(os.path.join(partial, ENTRY)):
        raise VendorError(f"{TARBALL} 中没有 dist/{ENTRY}。")
    open(os.path.join(partial, ".complete"), "w").close()
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.replace(partial, folder)


def main() -> int:
    try:
        files = decap_files()
    except VendorError as exc:
        print(f"xxgk：{exc}", file=sys.stderr)
        return 1
    size = sum(os.path.getsize(p) for p in files.values())
    print(f"xxgk：{NAME} {VERSION} 的 {len(files)} 个文件（{size / 1e6:.1f} MB）在 {cache_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
