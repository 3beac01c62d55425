"""Safe, fast YAML for untrusted editor input.

* libyaml (CSafeLoader) when present: the loader must run at tens of thousands of files a second.
* Timestamps are not resolved: dates stay strings, so a wrong date (2024-02-30) becomes a clear
  schema problem instead of a ValueError from deep inside PyYAML.
* Anchors and aliases are refused: they are never needed in metadata, and they are how a
  "billion laughs" document turns a few lines into an exponential structure.
* The plain shapes front matter takes are read by ``fastyaml`` (same result, a fraction of the
  time); everything else by PyYAML.
* Size is bounded; nesting too deep for the constructor ends as a clear error, not a crash.
"""

from __future__ import annotations

import re

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

MAX_BYTES = 256 * 1024  # far above any real front matter or catalogue file


class PlainLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamp resolution."""


PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class YamlError(Exception):
    """A YAML document that cannot be used; ``line`` is 1-based within the document."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]+")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def load(text: str):
    """Parse one YAML document; raise YamlError with a Chinese message and a line."""
    if len(text) > MAX_BYTES:
        raise YamlError(f"YAML 内容过大（超过 {MAX_BYTES // 1024} KB），请精简元数据。")
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise YamlError("该行用 Tab 缩进；YAML 只允许空格缩进，请把 Tab 换成两个空格。", line)
    from .fastyaml import parse as fast_parse  # here, not at the top: fastyaml reads PlainLoader

    data = fast_parse(text)
    if data is not None:
        return data  # plain shapes: no anchors, no aliases, nothing to check further
    try:
        data = yaml.load(text, Loader=PlainLoader)  # noqa: S506 - PlainLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlError(f"YAML 语法错误：{exc.problem or exc.context}。请检查冒号、引号和缩进。", line) from None
    except RecursionError:
        raise YamlError("YAML 嵌套层数过多，请检查缩进。") from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise YamlError(f"YAML 无法解析：{exc}。") from None
    anchor = _ANCHOR.search(text) if ("&" in text or "*" in text) else None
    if anchor and _is_shared(data):
        line = text.count("\n", 0, anchor.start()) + 1
        raise YamlError("元数据使用了 YAML 锚点/别名（& 或 *），不允许使用，请直接写出内容。", line)
    return data


def _is_shared(data) -> bool:
    """Aliases make the loaded structure a DAG; any container seen twice is an alias."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                return True
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return False
