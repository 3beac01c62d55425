"""The ``xxgk`` command: a thin face over the core, the gate and (later) the reports.

Exit status: 0 no error finding · 1 error findings · 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..core import dates
from .parser import EXIT_USAGE, Parser

EXIT_OK, EXIT_FINDINGS = 0, 1  # (EXIT_USAGE, 2: parser.py)


class UsageError(Exception):
    """Bad arguments or configuration: printed in Chinese, exit 2, never a traceback."""


FORMATS = {  # --format of each command: its choices, and what each gives
    "check": ("text：按单位列出的中文清单（默认）；json：机器可读的检查结果；"
              "github：GitHub Actions 的注释行（在合并请求的文件上标出问题）"),
    "report": "md：Markdown 报告（默认）；json：报告中的全部数字",
    "shards": "json：一行 {\"include\": [...]}，可直接作 CI 的 matrix（默认）；text：逐组列出",
}


def _day(value: str):
    try:
        return dates.parse_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _units(value: str) -> set[str]:
    return {u.strip() for u in value.split(",") if u.strip()}


def _positive(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数（至少 1），收到 {value!r}")
    return int(value)


def _year(value: str) -> int:
    if not (value.strip().isdigit() and len(value.strip()) == 4):
        raise argparse.ArgumentTypeError(f"应为四位年份，如 2025，收到 {value!r}")
    return int(value)


def _repository(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--root", default=".", metavar="目录", help="仓库根目录（含 catalogue/ 与 content/），默认当前目录")
    parser.add_argument("--content-dir", default="content", metavar="目录", help="信息目录，默认 content")
    return parser


def _command(commands, name: str, summary: str, description: str = "") -> argparse.ArgumentParser:
    """A subcommand: its line in ``xxgk --help`` and the description atop its own help."""
    return commands.add_parser(name, help=summary, description=f"{summary}。{description}".rstrip("。") + "。")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="xxgk", description="政府信息公开发布流水线：检查、新建信息、生成报告、分片构建。"
                    "退出码：0 没有错误；1 检查发现错误；2 参数或配置错误。")
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}", help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser, title="命令", metavar="命令",
                                     help="各命令的用法：xxgk <命令> --help")

    check = _repository(_command(commands, "check", "检查目录数据与信息（合并请求的门禁）",
                                 "发现错误时退出码为 1；规则代码及说明见 xxgk codes"))
    check.add_argument("--as-of", type=_day, default=None, metavar="日期", help="检查基准日期 YYYY-MM-DD，默认北京时间今天")
    check.add_argument("--format", choices=("text", "json", "github"), default="text", metavar="格式",
                       help=f"输出格式（text、json、github）。{FORMATS['check']}")
    check.add_argument("--base", default=None, metavar="分支", help="合并请求的目标分支（如 origin/main）：只让本次改动涉及的信息和单位报错，并检查索引号是否被改")
    check.add_argument("--units", type=_units, default=None, metavar="单位", help="只检查这些单位（逗号分隔）：只读取它们的 content/（分片检查）")
    check.add_argument("--published", default=None, metavar="目录", help="分片检查时其他单位已发布数据所在的站点目录（含 data/<单位>.json），默认取 XXGK_PUBLISHED")
    check.add_argument("--no-git", action="store_true", help="不运行需要 git 历史的规则（backdated、index-changed）")

    new = _repository(_command(commands, "new", "新建一条信息（自动取下一个索引号）",
                               "写出带元数据的 Markdown 文件，正文和内容概述须由编辑填写后才能发布"))
    new.add_argument("--unit", required=True, metavar="单位", help="单位编号，见 catalogue/units/")
    new.add_argument("--column", required=True, metavar="栏目", help="栏目编号，见 catalogue/columns.yml")
    new.add_argument("--title", required=True, metavar="名称", help="信息名称（标题）")
    new.add_argument("--kind", default=None, metavar="文件类型", help="文件类型，默认按栏目推断")
    new.add_argument("--topic", default="综合政务", metavar="主题分类", help="主题分类，默认 综合政务")
    new.add_argument("--date", type=_day, default=None, metavar="日期", help="生成与发布日期，默认北京时间今天")

    report = _command(commands, "report", "生成月度通报、年度报告")
    kinds = report.add_subparsers(dest="report", required=True, parser_class=Parser, title="报告", metavar="报告",
                                  help="各报告的用法：xxgk report <报告> --help")
    monthly = _command(kinds, "monthly", "月度、季度、年度通报（政务公开办）")
    # Exactly one period; reports.parse_period says so in Chinese.
    monthly.add_argument("--month", default=None, metavar="月份", help="通报月份 YYYY-MM")
    monthly.add_argument("--quarter", default=None, metavar="季度", help="通报季度 YYYYQn，如 2026Q3（与 --month、--year 三选一）")
    monthly.add_argument("--year", default=None, metavar="年度", help="通报年度 YYYY（与 --month、--quarter 三选一）")
    monthly.add_argument("--unit", default=None, metavar="单位", help="发布通报的单位（通报本单位及其下级单位），默认最上级单位（全部单位）")
    monthly.add_argument("--column", default="tzgg", metavar="栏目", help="发布通报的栏目，默认 tzgg（通知公告）")
    annual = _command(kinds, "annual", "政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）")
    annual.add_argument("--unit", required=True, metavar="单位", help="报告单位的编号")
    annual.add_argument("--year", required=True, type=_year, metavar="年度", help="报告年度，如 2025")
    annual.add_argument("--draft-sections", action="store_true",
                        help="没有 _annual/<年>/report.md 时写入草稿（一至五项小标题和已知数字），不覆盖已有文件")
    for sub in (monthly, annual):
        _repository(sub)
        sub.add_argument("--format", choices=("md", "json"), default="md", metavar="格式",
                         help=f"输出格式（md、json）。{FORMATS['report']}")
        sub.add_argument("--as-of", type=_day, default=None, metavar="日期", help="生成日期（作为生成、发布日期），默认北京时间今天")
        sub.add_argument("--write", action="store_true", help="写入 content/ 成为一条信息（已有同年报告时原位更新、保留索引号）")

    changed = _repository(_command(commands, "changed-units", "列出相对 --base 有改动的单位（逗号分隔），供只构建这些单位"))
    changed.add_argument("--base", required=True, metavar="分支", help="比较基准，如 origin/main")

    shards = _repository(_command(commands, "shards", "把单位按信息条数均衡分成 N 组，输出 CI 矩阵（分片构建）"))
    shards.add_argument("--count", type=_positive, required=True, metavar="N", help="分组数 N（单位少于 N 时分为单位数组）")
    shards.add_argument("--format", choices=("json", "text"), default="json", metavar="格式",
                        help=f"输出格式（json、text）。{FORMATS['shards']}")

    # Sharded builds (cli/sharded.py, docs/scaling.md): each needs the site's mkdocs.yml.
    data = _command(commands, "data", "写出若干单位的数据 data/<单位>.json（供分片构建核对跨单位引用）")
    merge = _command(commands, "merge", "把各分片的构建输出合并为一个站点，并生成全站页面",
                     "分片重叠、缺少单位或含有不属于本组单位的文件时拒绝合并，输出目录保持不变")
    build = _command(commands, "build", "在本机分片构建整个站点（各分片为单独进程），再合并")
    for sub in (data, merge, build):
        sub.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="配置文件", help="站点的 mkdocs.yml，默认当前目录的")
        sub.add_argument("--out", required=True, metavar="目录", help="输出目录" if sub is not data else "数据输出目录")
    data.add_argument("--units", type=_units, required=True, metavar="单位", help="单位编号，逗号分隔")
    merge.add_argument("shards", nargs="*", metavar="分片目录", help="各分片的构建输出目录（mkdocs build -d 的目录）")
    merge.add_argument("--base", default=None, metavar="目录", help="上次发布的站点目录：分片中没有的单位从这里取（合并请求只构建改动的单位时）")
    build.add_argument("--shards", type=_positive, required=True, metavar="N", help="分片数 N（按信息条数均衡分组，同 xxgk shards）")
    build.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N", help="同时运行的构建进程数，默认 CPU 数")
    build.add_argument("--json", action="store_true", help="以 JSON 输出各步骤的用时和峰值内存")
    build.add_argument("--published", default=None, metavar="目录", help="上次构建的站点目录（其 data/ 供核对跨单位引用）；默认先运行 xxgk data")

    cms = _repository(_command(commands, "cms-config", "生成网页编辑器（Decap CMS）的 config.yml",
                               "表单字段、中文标签、下拉选项和校验均取自信息元数据规范和目录数据，每次生成，不会过时"))
    editor = _repository(_command(commands, "editor", "生成网页编辑器：一个可直接部署的静态目录（不放进公开站点）",
                                  "含 Decap CMS（已固定版本并校验）、config.yml、下一个索引号和预览；"
                                  "本机试用：另开终端运行 decap-server（见 README“网页编辑器”），再打开该目录的网页"))
    for sub in (cms, editor):
        sub.add_argument("--backend", choices=("github", "gitlab", "gitea"), default="github", metavar="平台",
                         help="代码托管平台（github、gitlab、gitea），默认 github；每次保存都成为该平台上的合并请求")
        sub.add_argument("--repo", default="OWNER/REPO", metavar="仓库", help="仓库，如 qingchuan/xxgk-site")
        sub.add_argument("--branch", default="main", metavar="分支", help="合并请求的目标分支，默认 main")
        sub.add_argument("--api-root", default=None, metavar="地址",
                         help="平台的 API 地址（自建 GitLab、Gitea 必填），如 https://git.example.gov.cn/api/v1")
        sub.add_argument("--base-url", default=None, metavar="地址", help="登录（OAuth）服务的地址；GitHub 须自建")
        sub.add_argument("--app-id", default=None, metavar="编号",
                         help="平台上为编辑器登记的 OAuth 应用编号（GitLab、Gitea 登录用）")
    cms.add_argument("--out", default=None, metavar="文件", help="写入该文件，默认输出到屏幕")
    editor.add_argument("--out", required=True, metavar="目录", help="输出目录（已有的编辑器输出会被替换）")
    editor.add_argument("--local-url", default="http://localhost:8081/api/v1", metavar="地址",
                        help="本机模式 decap-server 的地址，默认 http://localhost:8081/api/v1")

    _command(commands, "codes", "列出所有规则代码及说明")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "codes":
            from .commands import codes

            return codes()
        if args.command in ("data", "merge", "build"):
            from . import sharded

            if not os.path.isfile(args.config_file):
                raise UsageError(f"找不到站点配置 {args.config_file}（用 -f 指定 mkdocs.yml）")
            if args.command == "merge" and not args.shards and not args.base:
                raise UsageError("请给出至少一个分片输出目录，或用 --base 给出已发布站点。")
            return getattr(sharded, args.command)(args)
        if not os.path.isdir(args.root):
            raise UsageError(f"找不到仓库目录 {args.root}")
        if not os.path.isdir(os.path.join(args.root, "catalogue")):
            raise UsageError(f"{args.root} 中没有目录数据 catalogue/：--root 应指向含 catalogue/ 与 content/ 的仓库"
                             "（或在仓库根目录运行）。")
        if args.command == "new":
            from .commands import new_item

            return new_item(args)
        if args.command in ("cms-config", "editor"):
            from . import commands

            return commands.cms_config(args) if args.command == "cms-config" else commands.editor(args)
        if args.command == "shards":
            from .commands import shards

            return shards(args)
        if args.command == "changed-units":
            from .commands import changed_units

            return changed_units(args)
        if args.command == "report":
            from .commands import make_report

            return make_report(args)
        from .commands import run_check

        return run_check(args)
    except UsageError as exc:
        print(f"xxgk：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
