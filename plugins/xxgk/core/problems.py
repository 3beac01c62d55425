"""Problems found while loading, with stable codes (the codes are a public contract).

Every code is registered once in ``CODES`` with its Chinese name and a one-line doc, the way
ruff registers its rules; the loader and the rules only ever emit registered codes.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str  # 中文名称
    doc: str  # one line: what fires it


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


CODES: dict[str, Code] = _codes(
    Code("encoding", "文件编码错误", "文件不是 UTF-8 编码的文本。"),
    Code("front-matter", "缺少元数据", "Markdown 文件开头没有以 --- 包围的 YAML 元数据，或没有结束的 ---。"),
    Code("yaml", "YAML 语法错误", "元数据不是合法的 YAML，或用了元数据不允许的写法：Tab 缩进、锚点别名、重复的字段、非文字的字段名（~、数字、列表）、看不见的控制字符，过大或嵌套过深。"),
    Code("schema", "元数据不符合规范", "缺少必填字段、出现未知字段、类型错误、日期无效，主题分类或文件类型不在词表中，或声明了不允许的例外（规范见 item.schema.json）。"),
    Code("path-layout", "文件位置错误", "信息文件不在 content/<单位>/<栏目>/<年份>/<文件名>.md，或年份目录与发布日期不符。"),
    Code("unknown-unit", "未知单位", "路径或元数据中的单位不在 catalogue/units/ 中。"),
    Code("unknown-column", "未知栏目", "路径或元数据中的栏目不在 catalogue/columns.yml 中，或不适用于该单位类型。"),
    Code("index-format", "索引号格式错误", "索引号不是 <本单位统一社会信用代码>/<发布年份>-<5 位流水号>，也不是迁移信息（migrated: true）保留的、本单位登记的旧索引号格式。"),
    Code("index-duplicate", "索引号重复", "同一索引号在全站出现两次以上（每一处都报告）。"),
    Code("missing-attachment", "附件缺失", "元数据列出的附件文件不存在。"),
    Code("symlink", "符号链接", "content/ 或 catalogue/ 中有符号链接（文件或目录），或信息的附件、正文链接指向符号链接：链接从不被读取或发布。"),
    Code("catalogue", "目录数据错误", "catalogue/ 中的单位、栏目、词表或政策参数有误。"),
    Code("credit-code", "统一社会信用代码错误", "单位的统一社会信用代码长度、字符或校验码（GB 32100）不正确。"),
)


def register(code: Code) -> Code:
    """Add a code from a consumer (the rules); a code is registered once, never redefined."""
    if code.code in CODES and CODES[code.code] != code:
        raise ValueError(f"problem code registered twice: {code.code}")
    CODES[code.code] = code
    return code


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: what (code), where (path, line), whose (unit, column), and how to fix it."""

    code: str
    message: str  # in Chinese; says what to fix
    path: str | None = None  # relative to the repository root, POSIX separators
    line: int | None = None
    unit: str | None = None
    column: str | None = None
    severity: str = ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a typo here would silently break the public contract
            raise ValueError(f"unregistered problem code: {self.code}")

    def location(self) -> str:
        """``path:line``, or for a unit-level finding ``unit/column``."""
        if self.path is None:
            return "/".join(part for part in (self.unit, self.column) if part)
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        where = self.location()
        return f"{where}: [{self.code}] {self.message}" if where else f"[{self.code}] {self.message}"
