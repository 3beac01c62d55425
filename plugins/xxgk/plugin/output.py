"""Publishing safely: `mkdocs build` replaces the site only with a finished, successful build.

The plugin points MkDocs at a fresh staging folder beside the target (``.<name>.xxgk-build-<pid>``)
in ``on_config``, and swaps it in as the very last ``on_post_build`` action, after the search index, and
only when ``--strict`` counted nothing. A build that fails, is interrupted or is killed leaves the
live site exactly as it was. A lock file beside the target (``.<name>.xxgk-lock``, ``flock``) lets
one build at a time write there; another stops at once and names the one holding it.

`mkdocs serve` builds into MkDocs' own temporary folder, private to the server: nothing is staged
or locked there.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import shutil
import stat
import sys
import time

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.xxgk")
# The logger --strict counts on: "mkdocs", or "properdocs" under ProperDocs (which serves the
# mkdocs.* imports from its own modules, so CountHandler tells which engine runs).
ENGINE_LOGGER = CountHandler.__module__.split(".")[0]

BUILD, OLD, LOCK = "xxgk-build-", "xxgk-old-", "xxgk-lock"

# What went wrong, in the editor's words; the system's own text follows in brackets.
_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许修改",
    errno.EROFS: "文件系统只读",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOENT: "不存在",
    errno.EEXIST: "已存在",
    errno.EXDEV: "不在同一个文件系统上",
    errno.EBUSY: "正被占用",
    errno.EIO: "读写设备出错",
}


def sibling(target: str, suffix: str) -> str:
    """``/srv/site`` → ``/srv/.site.<suffix>``: staging, old and lock entries live beside the target."""
    parent, name = os.path.split(target)
    return os.path.join(parent, f".{name}.{suffix}")


def shown(path: str) -> str:
    """A folder as the person who ran the build named it: relative when under the working folder."""
    rel = os.path.relpath(path)
    return (rel if not rel.startswith("..") else path).rstrip("/") + "/"


def reason(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    label = _REASONS.get(exc.errno)
    return f"{label}（{text}）" if label else text


class Output:
    """The output side of one plugin instance: what is staged and locked for the current build."""

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.target: str | None = None  # the real site_dir
        self.staging: str | None = None  # where MkDocs writes this build
        self.lock: int | None = None  # file descriptor holding the flock

    def startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    # -- on_config -------------------------------------------------------------------------------

    def begin(self, config) -> None:
        """Take the lock, clear what a killed build left, and point MkDocs at a fresh staging folder."""
        self.discard()  # nothing is held from an earlier build in this process
        if self.command == "serve":
            return  # MkDocs' private temporary folder; the server reads it while rebuilding
        target = os.path.realpath(config.site_dir)  # a symlinked site: replace the folder it names
        self.target = target
        try:
            self._prepare(target)
        except BaseException:
            self.discard()
            raise
        config.site_dir = self.staging
        log.info(f"xxgk：站点先生成到 {shown(self.staging)}，成功后才替换 {shown(target)}。")
        if self.dirty:
            log.info("xxgk：mkdocs build --dirty 也完整生成整个站点，以免已撤下的信息、附件和搜索索引残留。")

    def _prepare(self, target: str) -> None:
        parent = os.path.dirname(target)
        if os.path.lexists(target) and not os.path.isdir(target):
            raise PluginError(f"xxgk：输出路径 {target} 是一个文件，不是文件夹。请删除它，或用 -d / site_dir 指向一个文件夹。")
        if os.path.isdir(target) and os.path.ismount(target):
            raise PluginError(f"xxgk：输出文件夹 {target} 是一个挂载点，无法整体替换。请把 site_dir 指向其中的一个子文件夹。")
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise PluginError(f"xxgk：无法创建输出文件夹所在的 {parent}：{reason(exc)}。") from None
        self.lock = acquire(sibling(target, LOCK), target)
        recover(target)
        staging = sibling(target, f"{BUILD}{os.getpid()}")
        try:
            os.mkdir(staging)
        except OSError as exc:
            kept = f"原站点 {shown(target)} 保持不变。" if os.path.isdir(target) else ""
            raise PluginError(f"xxgk：无法在 {parent} 中创建临时生成文件夹 {staging}：{reason(exc)}。{kept}") from None
        self.staging = staging
        if os.path.isdir(target):  # MkDocs keeps hidden entries of site_dir (.htaccess, .well-known…): so do we
            for name in os.listdir(target):
                if name.startswith("."):
                    source, dest = os.path.join(target, name), os.path.join(staging, name)
                    if os.path.isdir(source) and not os.path.islink(source):
                        shutil.copytree(source, dest, symlinks=True)
                    else:
                        shutil.copy2(source, dest, follow_symlinks=False)

    # -- the last on_post_build --------------------------------------------------------------------

    def publish(self, config) -> None:
        """Swap the finished build in, unless --strict counted a warning or an error."""
        if self.staging is None:
            return
        counted = sum(n for handler in logging.getLogger(ENGINE_LOGGER).handlers if isinstance(handler, CountHandler)
                      for _, n in handler.get_counts())
        if config.strict and counted:
            log.info(f"xxgk：--strict 下有 {counted} 条警告或错误，未替换站点；{shown(self.target)} 保持不变。")
            self.discard()
            return
        target, staging = self.target, self.staging
        existed = os.path.isdir(target)
        try:
            if existed:  # the site keeps its folder's permissions (group, setgid…)
                os.chmod(staging, stat.S_IMODE(os.stat(target).st_mode) | stat.S_IRWXU)
            swap(staging, target)
        except OSError as exc:
            self.discard()
            kept = "" if not existed else (f"原站点 {shown(target)} 保持不变。" if os.path.isdir(target)
                                           else "下次构建会先恢复原站点。")
            raise PluginError(f"xxgk：无法用新站点替换 {target}：{reason(exc)}。{kept}") from None
        self.staging = None
        config.site_dir = target  # gh-deploy and anything after the build read the real folder
        self.release()

    # -- on_build_error / on_shutdown ------------------------------------------------------------

    def failed(self, error: BaseException) -> None:
        """Remove this build's staging folder; a write error becomes a message, not a traceback."""
        target, staging = self.target, self.staging
        self.discard()
        if isinstance(error, OSError):
            paths = " → ".join(str(p) for p in (error.filename, error.filename2) if p is not None)
            where = paths or (f"生成中的站点 {shown(staging)}" if staging else "站点")
            kept = f"原站点 {shown(target)} 保持不变。" if staging and os.path.isdir(target) else ""
            raise PluginError(f"xxgk：读写 {where} 时出错：{reason(error)}。{kept}") from None

    def discard(self) -> None:
        if self.staging is not None:
            _remove(self.staging)
            self.staging = None
        self.release()

    def release(self) -> None:
        if self.lock is not None:
            with contextlib.suppress(OSError):  # unlinked while held: see acquire
                os.unlink(sibling(self.target, LOCK))
            os.close(self.lock)
            self.lock = None


def acquire(path: str, target: str) -> int:
    """An exclusive flock on ``path``, or a PluginError naming the process that holds it.

    The lock file is removed by its holder when done (while still holding it), so a process that
    locked a file already unlinked tries again on the file now at ``path``.
    """
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise PluginError(f"xxgk：无法在 {os.path.dirname(path)} 中创建锁文件 {path}：{reason(exc)}。") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise PluginError(f"另一个构建正在写入 {shown(target)}（进程 {holder}），请等它结束后再试。") from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def _holder(fd: int) -> str:
    """The pid the holder wrote into the lock file (it writes just after locking: wait a moment)."""
    for _ in range(20):
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
        time.sleep(0.01)
    return "未知"


def recover(target: str) -> None:
    """Under the lock: undo a swap that was killed half-way, then remove staging and old folders
    that killed builds left beside the target."""
    parent, name = os.path.split(target)
    stale = [e for e in os.listdir(parent) if e.startswith((f".{name}.{BUILD}", f".{name}.{OLD}"))]
    olds = [e for e in stale if e.startswith(f".{name}.{OLD}") and os.path.isdir(os.path.join(parent, e))]
    if olds and not os.path.lexists(target):
        newest = max(olds, key=lambda e: os.stat(os.path.join(parent, e)).st_mtime)
        os.rename(os.path.join(parent, newest), target)
        log.info(f"xxgk：上次构建在替换站点时中断，已恢复原站点 {shown(target)}。")
    for entry in stale:
        path = os.path.join(parent, entry)
        if os.path.lexists(path):
            _remove(path)


def swap(staging: str, target: str) -> None:
    """Put ``staging`` where ``target`` is, in one step where the system allows it."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if _exchange(staging, target):  # staging now holds the previous site
        _remove(staging)
        return
    old = sibling(target, f"{OLD}{os.getpid()}")
    os.rename(target, old)  # from here until the next rename no site is at target: recover() undoes a kill
    try:
        os.rename(staging, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.rename(old, target)
        raise
    _remove(old)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc ≥ 2.28, Linux ≥ 3.15
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def _exchange(a: str, b: str) -> bool:
    """Exchange two folders atomically (renameat2 RENAME_EXCHANGE); False where unsupported."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), b, None, a)


def _remove(path: str) -> None:
    """Remove a folder (or file) this module made; what cannot be removed now the next build removes."""
    failures = []
    if os.path.isdir(path) and not os.path.islink(path):
        if sys.version_info >= (3, 12):
            shutil.rmtree(path, onexc=lambda _f, p, exc: failures.append((p, exc)))
        else:
            shutil.rmtree(path, onerror=lambda _f, p, info: failures.append((p, info[1])))
    else:
        with contextlib.suppress(FileNotFoundError):
            try:
                os.unlink(path)
            except OSError as exc:
                failures.append((path, exc))
    if failures:
        where, exc = failures[0]
        log.info(f"xxgk：未能删除 {where}（{reason(exc)}），下次构建会再删除。")
