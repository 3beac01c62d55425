"""Safe, fast YAML for untrusted editor input.

* libyaml (CSafeLoader) when present: the loader must run at tens of thousands of files a second.
* Timestamps are not resolved: dates stay strings, so a wrong date (2024-02-30) becomes a clear
  schema problem instead of a ValueError from deep inside PyYAML.
* Anchors and aliases are refused: they are never needed in metadata, and they are how a
  "billion laughs" document turns a few lines into an exponential structure.
* Nothing silently changes meaning: a key given twice (``mode: 不予公开`` … ``mode: 主动公开``),
  a key that is not text (``~:``, ``1:``, ``on:``, ``[a]:``), a merge key ``<<`` and the types
  metadata never holds (``!!binary``, ``!!set``, ``!!timestamp`` …) are errors with their line.
* Invisible characters are refused before any reader sees the text: control characters (other
  than tab and LF), a lone CR and the Unicode line separators, which YAML reads as line breaks
  although an editor shows none — so the fast reader and PyYAML can never disagree about them.
* Size, nesting depth and node count are bounded by a linear pre-scan of the text before any
  parser sees it: libyaml's composer recurses once per level (100,000 nested ``[`` overflow the C
  stack: a segfault, not an exception), and so do the schema checks after it.
* The plain shapes front matter takes are read by ``fastyaml`` (same result, a fraction of the
  time); everything else by PyYAML.

Line numbers: ``YamlError.line`` is 1-based within the document; messages that name lines (a
duplicate key names both) give file lines, counting from ``first_line`` (2 for front matter).
"""

from __future__ import annotations

import re

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR, _NULL, _MERGE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"

MAX_BYTES = 256 * 1024  # far above any real front matter or catalogue file

# Technical bounds, not legal rules: far above anything metadata needs (front matter nests three
# levels, the catalogue four), far below what breaks the parser (libyaml's composer recurses once
# per level and overflows the C stack near 100,000; Python's recursion limit stops the schema
# checks near 1,000) or takes noticeable memory (a node costs PyYAML a few hundred bytes).
MAX_FLOW_DEPTH = 32  # [ ] and { } inside each other (a pair [a: b] adds one mapping inside a [: at most 2x)
MAX_BLOCK_DEPTH = 32  # indentation levels, counted as distinct indentation positions (see _block_depth)
MAX_NODES = 50_000  # values, keys, lists and mappings in one document (an upper bound is counted)


class PlainLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamp resolution (the reference the fast reader is held to)."""


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


# Text, numbers, booleans, null, lists and mappings: everything metadata holds. The rest of
# SafeLoader's types (binary, set, omap, pairs, explicit timestamps) would reach the schema and
# the catalogue as Python types they never expect.
_KEPT_TYPES = {"null", "bool", "int", "float", "str", "seq", "map"}


class CheckedLoader(PlainLoader):
    """PlainLoader whose mappings refuse duplicate keys, keys that are not text and merge keys.

    Only the constructor is Python (as in every CSafeLoader): libyaml still scans, parses and
    composes; the checks look at each mapping's key nodes, which carry their line.
    """

    first_line = 1  # file line of the document's first line, for messages naming lines

    def _line(self, node) -> int:
        return node.start_mark.line + 1

    def construct_mapping(self, node, deep=False):
        seen: dict[str, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag != _STR or key_node.__class__ is not yaml.ScalarNode:
                if key_node.tag == _MERGE:
                    raise YamlError("不允许使用 YAML 合并键 <<：它会悄悄改写其他字段，请直接写出每个字段。", self._line(key_node))
                raise YamlError(_odd_key(key_node), self._line(key_node))
            key = key_node.value
            if key in seen:
                line = self._line(key_node)
                first, second = self._line(seen[key]) + self.first_line - 1, line + self.first_line - 1
                raise YamlError(f"字段 {_shown(key)} 在第 {first} 行和第 {second} 行重复出现，YAML 只会保留后一个；"
                                f"请只保留一个。", line)
            seen[key] = key_node
        return super().construct_mapping(node, deep)

    def construct_undefined(self, node):
        raise YamlError(f"不支持的 YAML 类型 {_shown(node.tag)}：元数据只写文字、数字、true/false、列表和键值对；"
                        f"请删去以 ! 开头的类型标记，或给该值加引号。", self._line(node))


CheckedLoader.yaml_constructors = {
    tag: constructor for tag, constructor in PlainLoader.yaml_constructors.items()
    if tag is None or tag.rpartition(":")[2] in _KEPT_TYPES
}


def _shown(text: str, limit: int = 40) -> str:
    if text.startswith("tag:yaml.org,2002:"):
        text = "!!" + text[len("tag:yaml.org,2002:"):]
    return text if len(text) <= limit else text[:limit] + "…"


def _odd_key(node) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return "字段名为空（冒号前没有名称，或写成了 ~、null）：请写出字段名，例如 title: …"
    if isinstance(node, yaml.ScalarNode):
        kind = node.tag.rpartition(":")[2]
        what = {"bool": "布尔值", "int": "数字", "float": "数字"}.get(kind, "非文字的值")
        return (f"字段名应为文字：{_shown(node.value)} 会被 YAML 当作{what}。请改用字段规范中的英文字段名"
                f"（确需用作名称时加引号）。")
    return "字段名应为文字，不能是列表或键值对（[ ]、{ } 或 ? 开头的复合键）：请改用字段规范中的英文字段名。"


_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]+")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# Control characters except tab and LF (CR only as part of CRLF), C1 controls (U+0085 NEL among
# them), the Unicode line and paragraph separators, and what YAML cannot represent at all.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LONE_CR = re.compile("\r(?!\n)")
_LINE_BREAKS = {"\x85": "NEL", "\u2028": "行分隔符", "\u2029": "段落分隔符"}
MAC_LINE_ENDINGS = "文件使用旧式 Mac 换行符（CR），请在编辑器中改为 LF 或 CRLF 换行后保存。"


def load(text: str, first_line: int = 1):
    """Parse one YAML document; raise YamlError with a Chinese message and a line.

    ``first_line``: the file line of the text's first line (2 for front matter), for messages
    that name lines.
    """
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:  # bytes, not characters
        raise YamlError(f"YAML 内容过大（超过 {MAX_BYTES // 1024} KB），请精简元数据。")
    plain = text.replace("\n", " ").isprintable()  # C speed: no tab, CR, control or odd space at all
    if not plain:
        _check_characters(text)
    tab = _TAB_INDENT.search(text) if not plain and "\t" in text else None
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise YamlError("该行用 Tab 缩进；YAML 只允许空格缩进，请把 Tab 换成两个空格。", line)
    check_structure(text)
    from .fastyaml import parse as fast_parse  # here, not at the top: fastyaml reads PlainLoader

    data = fast_parse(text, printable=plain)
    if data is not None:
        return data  # plain shapes: no anchors, no aliases, no duplicates, nothing to check further
    loader = CheckedLoader(text)
    loader.first_line = first_line
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlError(f"YAML 语法错误：{exc.problem or exc.context}。请检查冒号、引号和缩进。", line) from None
    except RecursionError:  # the pre-scan bounds nesting far below this; kept as a last resort
        raise YamlError("YAML 嵌套层数过多，请检查缩进。") from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise YamlError(f"YAML 无法解析：{exc}。") from None
    finally:
        loader.dispose()
    anchor = _ANCHOR.search(text) if ("&" in text or "*" in text) else None
    if anchor and _is_shared(data):
        line = text.count("\n", 0, anchor.start()) + 1
        raise YamlError("元数据使用了 YAML 锚点/别名（& 或 *），不允许使用，请直接写出内容。", line)
    return data


def _check_characters(text: str) -> None:
    found = _INVISIBLE.search(text)
    if "\r" in text:  # a CR is rare (items arrive with CRLF made LF): only then look for a lone one
        lone = _LONE_CR.search(text)
        if lone is not None and (found is None or lone.start() < found.start()):
            found = lone
    if found is None:
        return
    char, line = found.group(), text.count("\n", 0, found.start()) + 1
    if char == "\r":
        if "\n" not in text:
            raise YamlError(MAC_LINE_ENDINGS, 1)
        raise YamlError("该行有一个单独的回车符（CR）：编辑器里看不见，YAML 却把它当作换行，会把一行拆成两行。"
                        "请删除它（可重新输入该行）。", line)
    if char in _LINE_BREAKS:
        raise YamlError(f"该行含有看不见的 {_LINE_BREAKS[char]}（U+{ord(char):04X}）：YAML 会把它当作换行。"
                        f"请删除它（可重新输入该行）。", line)
    raise YamlError(f"该行含有看不见的控制字符 U+{ord(char):04X}，请删除它（可重新输入该行）。", line)


# Cheap guards first (C-speed counts and one regex); the exact scans only run when a guard says
# the text could be deep at all: a document with at most MAX_FLOW_DEPTH brackets cannot nest
# deeper, nor one whose every line starts with fewer than MAX_BLOCK_DEPTH / 2 indentation columns.
_DEEP_PREFIX = r"\ufeff{0,2}(?:[ \t\r]|[-?:](?=[ \t\r\n]|\Z)){%d}" % (MAX_BLOCK_DEPTH // 2)
_DEEP_FIRST, _DEEP_LINE = re.compile(_DEEP_PREFIX), re.compile("\n" + _DEEP_PREFIX)  # a literal first: fast search
_ENTRY = re.compile(r"-(?=[ \t\r\n]|\Z)")


def check_structure(text: str) -> None:
    """Raise YamlError when the text could nest deeper or hold more nodes than the bounds."""
    if text.count("[") + text.count("{") > MAX_FLOW_DEPTH:
        depth, line = _flow_depth(text, MAX_FLOW_DEPTH)
        if depth > MAX_FLOW_DEPTH:
            raise YamlError(f"方括号 [ ] 或花括号 {{ }} 嵌套层数过多（超过 {MAX_FLOW_DEPTH} 层），请检查括号是否成对。", line)
    if _DEEP_LINE.search(text) or _DEEP_FIRST.match(text):
        depth, line = _block_depth(text, MAX_BLOCK_DEPTH)
        if depth > MAX_BLOCK_DEPTH:
            raise YamlError(f"缩进层次过多：全文用了超过 {MAX_BLOCK_DEPTH} 种不同的缩进位置（从本行起超出）。"
                            f"元数据一般只需两三层缩进，请检查缩进。", line)
    if 1 + 4 * len(text) > MAX_NODES and _node_bound(text) > MAX_NODES:  # at most one indicator a character
        raise YamlError(f"YAML 内容过多（超过 {MAX_NODES} 个值），请精简或拆分数据。", 1)


def _node_bound(text: str) -> int:
    """An upper bound of the nodes libyaml composes: every node is the root or is charged to an
    indicator (``[ { , : ?``, a ``-`` entry, a ``...`` document end), at most four to each —
    ``:`` pays for a mapping, its key, its value and a flow pair's implicit mapping."""
    marks = sum(map(text.count, "[{,:?")) + text.count("...") + len(_ENTRY.findall(text))
    return 1 + 4 * marks


_FLOW_EVENT = re.compile(r"\\[\s\S]|[\[\]{}'\"#!\n]")
_DEAD = -1


def _flow_depth(text: str, stop: int) -> tuple[int, int]:
    """An upper bound of the deepest ``[``/``{`` nesting in the text, and the line it is reached
    on (the scan ends as soon as the bound passes ``stop``). The nodes libyaml composes nest at
    most twice as deep: a pair in a flow list (``[a: b]``) is a mapping inside the list, one per
    ``[`` at most (``[? ? a]`` and ``[a: b: c]`` are errors).

    A small nondeterministic state machine: where the text is can be plain (``n``: brackets
    count), inside 'single' (``s``) or "double" (``d``) quotes, in a comment (``c``) or after a
    tag (``g``, whose characters may include brackets). Every quote, ``#`` and ``!`` may start
    its state or be a plain character, so both are followed, each with the deepest count seen on
    any path into it; libyaml's real reading is one of the paths, so the bound is never below
its depth (a test checks this against libyaml's events). Only
    the characters that matter are visited (one regex), so the scan is linear and cheap.
    """
    n, s, d, c, g = 0, _DEAD, _DEAD, _DEAD, _DEAD
    deepest, deepest_line, line = 0, 1, 1
    for event in _FLOW_EVENT.finditer(text):
        char = event.group()
        escaped = len(char) == 2  # a backslash pair: inside double quotes it is one escaped character
        char = char[-1]
        if char in "[{":
            n += 1
            if g != _DEAD:
                g += 1
            if max(n, g) > deepest:
                deepest, deepest_line = max(n, g), line
                if deepest > stop:
                    break
        elif char in "]}":
            n = max(n - 1, 0)
        elif char == "'":
            n, s = max(n, s), max(n, g)
        elif char == '"':
            if escaped:
                d = max(d, n, g)
            else:
                n, d = max(n, d), max(n, g)
        elif char == "#":
            c = max(c, n, g)
        elif char == "!":
            g = max(g, n)
        elif char == "\n":  # a line break ends comments and tags (quoted text goes on)
            n, c, g = max(n, c, g), _DEAD, _DEAD
            line += 1
    return deepest, deepest_line


def _block_depth(text: str, stop: int) -> tuple[int, int]:
    """An upper bound of the block nesting depth, and the line it is reached on (the scan ends
    as soon as the bound passes ``stop``).

    Each block collection starts at a column no smaller than its parent's; it is equal only for a
    list written level with its mapping key (``key:`` then ``- item``). So along any chain of
    nested collections the pairs (column, starts with ``-``) are all different, and the number of
    different pairs in the whole text bounds the depth. The pairs are read from where each line's
    tokens start: its indentation, and after each leading ``- ``, ``? ``, ``: `` (compact nesting
    such as ``- - - x`` on one line). Lines inside quotes or block scalars only add pairs.
    """
    if text.startswith("\ufeff"):
        text = text[1:]  # libyaml's reader drops a byte-order mark at the start of the text
    seen: set[tuple[int, bool]] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        end, column = len(line), 0
        if line.startswith("\ufeff"):
            column = 1  # and its scanner skips one at the start of any line, as a column
        while True:
            while column < end and line[column] in " \t\r":
                column += 1
            if column == end or line[column] == "#":
                break
            char = line[column]
            indicator = char in "-?:" and (column + 1 == end or line[column + 1] in " \t\r")
            seen.add((column, indicator and char == "-"))
            if len(seen) > stop:
                return len(seen), number
            if not indicator:
                break
            column += 1
    return len(seen), 1


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
