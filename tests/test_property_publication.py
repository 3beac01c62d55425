"""What reaches the public, as a property over random repositories (issue 9).

Each example is a repository drawn at random: public items (some with txt/pdf/xlsx attachments,
listed or linked from the body), non-public items by every route (依申请公开, 不予公开, draft,
scheduled after the build date), and items each broken by one blocking rule (personal-data,
classified-mark, unsafe-html, missing-review, attachment-type, markup-in-text,
non-public-attachment, symlink). Every non-public or blocked item carries its own marker strings
in its title, body, attachment names, titles and contents, and its own 索引号.

Every example is built three times with the real ``mkdocs build`` in a subprocess:

1. ``mkdocs build`` into ``site/``;
2. ``mkdocs build --strict``, either into ``site/`` (it must then leave the previous output
   byte for byte as it was) or into a fresh folder (it must leave nothing there); it must fail
   whenever an item is blocked;
3. some public items flipped to ``mode: 不予公开``, then ``mkdocs build --dirty`` into ``site/``.

After every build that wrote a site: no marker, title, 索引号 or item URL of a non-public or
blocked item is in any published byte (HTML, feeds, sitemap.xml and sitemap.xml.gz, data/*.csv
and *.json, robots.txt, the search index's shards and records) or in any published file
name; and every public, unblocked item has its page, with its title, and each of its attachments
(so the property cannot hold by building nothing).

Hypothesis runs derandomized (the same examples on every run) and without shrinking: one example
is ~6-10 s of builds, so a failure is reported as drawn, with the repository kept on disk. Besides
the drawn examples, one explicit example holds every route and every rule in every variant at
once, so each is exercised whatever the draws (the test checks that it was).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from files import pdf_bytes
from conftest import CITY_CODE, DEPT_CODE, Repo, mkdocs_build
from sitecheck import published_files

BUILD_DATE = date(2026, 11, 20)  # Repo.mkdocs_yml() builds as of the demo's reference date
EXAMPLES = int(os.environ.get("XXGK_PROPERTY_EXAMPLES", "28"))

UNITS = {"czj": DEPT_CODE, "qcs": CITY_CODE}
COLUMNS = {"gzdt": "工作动态", "tzgg": "通知公告"}
ROUTES = ("依申请公开", "不予公开", "draft", "scheduled")
RULES = ("personal-data", "classified-mark", "unsafe-html", "missing-review", "attachment-type",
         "markup-in-text", "non-public-attachment", "symlink")
FILE_TYPES = ("txt", "pdf", "xlsx")
REVIEW_RESULT = "不涉密，同意公开"
AREAS = ("110101", "110102", "110105", "120101", "310101", "310104")  # areas python-stdnum knows

ID_SENTENCES = (
    "联系人：张三，身份证号：{id}。",
    "申请人李四（公民身份号码 {id}）已领取补助资金。",
    "受助对象王五，身份证号码{id}，家住青川市东城区。",
)
UNSAFE_BODIES = (
    '<script>window.{m}=1</script>',
    '<img src=x onerror="window.{m}=1">',
    '<p onclick="window.{m}=1">点击查看</p>',
    '<a href="javascript:window.{m}=1">查看详情</a>',
    '<iframe srcdoc="&lt;script&gt;parent.{m}=1&lt;/script&gt;"></iframe>',
)
MARKUP_TEXTS = (
    "关于<img src=x onerror={m}()>测试的通知",
    "关于</title><script>{m}()</script>的通知",
    "关于&lt;/title&gt;&lt;script&gt;{m}()&lt;/script&gt;的通知",
    "关于<b>{m}</b>的通知",
)
CLASSIFIED = ("机密★1年", "机密★长期", "机密★6个月")
SCRIPT_TYPES = {"html": "<script>{m}()</script>", "htm": "<p onclick={m}()>{m}</p>",
                "svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="{m}()"/>'}


# -- files with a text layer: what a scanner can read, and what byte search finds ----------------

def xlsx_bytes(*rows: str) -> bytes:
    """A one-sheet workbook, its zip entries stored uncompressed so the cell text is findable."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([row])
    packed = io.BytesIO()
    book.save(packed)
    stored = io.BytesIO()
    with zipfile.ZipFile(packed) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dest:
        for info in source.infolist():
            dest.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_STORED)
    return stored.getvalue()


def file_bytes(kind: str, marker: str, extra: str = "") -> bytes:
    if kind == "pdf":
        return pdf_bytes([f"Attachment {marker}"])
    if kind == "xlsx":
        return xlsx_bytes("附件内容", marker, *([extra] if extra else []))
    return f"附件内容 {marker}\n{extra}\n".encode("utf-8")


def resident_id(area: str, birth: date, sequence: int) -> str:
    """An 18-digit 居民身份证号码 with a valid GB 11643 check digit."""
    from stdnum.cn import ric

    first = f"{area}{birth:%Y%m%d}{sequence:03d}"
    number = first + ric.calc_check_digit(first + "0")  # python-stdnum drops the last character
    assert ric.is_valid(number), number
    return number


# -- the drawn repository ----------------------------------------------------------------------

@dataclass
class Spec:
    """One item as drawn: where it lives, when it is published, what is wrong with it."""

    role: str  # "public" | a ROUTES entry | a RULES entry
    unit: str
    column: str
    day: int  # days into the publication window
    year: int
    files: list[tuple[str, str]]  # (type, "list" | "link") clean attachments of its own
    detail: dict = field(default_factory=dict)


@dataclass
class Drawn:
    public: list[Spec]
    hidden: list[Spec]  # non-public by a route
    blocked: list[Spec]  # public, with one blocking defect
    flip: list[int]  # indexes into public: flipped to 不予公开 before the --dirty build
    strict_into_site: bool


def _spec(draw, role: str, year: int | None = None) -> Spec:
    unit = draw(st.sampled_from(sorted(UNITS)))
    column = draw(st.sampled_from(sorted(COLUMNS)))
    year = year or draw(st.sampled_from((2025, 2026)))
    files = draw(st.lists(st.tuples(st.sampled_from(FILE_TYPES), st.sampled_from(("list", "link"))), max_size=2))
    return Spec(role, unit, column, draw(st.integers(0, 300)), year, files)


@st.composite
def repositories(draw) -> Drawn:
    public = [_spec(draw, "public") for _ in range(draw(st.integers(2, 4)))]
    hidden = []
    # permutations, not lists of samples: every route and rule turns up about as often as another
    for route in draw(st.permutations(ROUTES))[:draw(st.integers(1, 4))]:
        hidden.append(_spec(draw, route, 2026 if route == "scheduled" else None))
    blocked = []
    for rule in draw(st.permutations(RULES))[:draw(st.integers(0, 6))]:
        spec = _spec(draw, rule)
        if rule == "personal-data":
            spec.detail = dict(place=draw(st.sampled_from(("body", "txt", "xlsx"))),
                               sentence=draw(st.sampled_from(ID_SENTENCES)),
                               area=draw(st.sampled_from(AREAS)),
                               birth=date(1950, 1, 1) + timedelta(days=draw(st.integers(0, 20000))),
                               sequence=draw(st.integers(0, 999)))
        elif rule == "classified-mark":
            spec.detail = dict(place=draw(st.sampled_from(("body", "txt"))), mark=draw(st.sampled_from(CLASSIFIED)))
        elif rule == "unsafe-html":
            spec.detail = dict(payload=draw(st.sampled_from(UNSAFE_BODIES)))
        elif rule == "attachment-type":
            spec.detail = dict(ext=draw(st.sampled_from(sorted(SCRIPT_TYPES))), ref=draw(st.sampled_from(("list", "link"))))
        elif rule == "markup-in-text":
            spec.detail = dict(text=draw(st.sampled_from(MARKUP_TEXTS)),
                               place=draw(st.sampled_from(("title", "title", "summary", "attachment-title"))))
        elif rule == "non-public-attachment":
            route = draw(st.sampled_from(ROUTES))
            spec.detail = dict(route=route, ref=draw(st.sampled_from(("list", "link", "image"))),
                               type=draw(st.sampled_from(FILE_TYPES)))
            if route == "scheduled":
                spec.year = 2026  # the linking item sits in its folder: same publication year
        elif rule == "symlink":
            spec.detail = dict(ref=draw(st.sampled_from(("list", "link"))), type=draw(st.sampled_from(("txt", "pdf"))))
        blocked.append(spec)
    flip = sorted(draw(st.sets(st.integers(0, len(public) - 1), min_size=1, max_size=len(public) - 1)))
    return Drawn(public, hidden, blocked, flip, draw(st.booleans()))


def everything_at_once() -> Drawn:
    """The explicit example: every route, and every rule in every variant, in one repository
    (the drawn examples mix them at random and need not reach each variant)."""
    def spec(n: int, role: str, year: int = 2025, files=(), **detail) -> Spec:
        return Spec(role, sorted(UNITS)[n % 2], sorted(COLUMNS)[n // 2 % 2], 7 * n % 300, year, list(files), detail)

    blocked, n = [], 0
    variants = [("personal-data", dict(place=place, sentence=ID_SENTENCES[i], area=AREAS[i],
                                       birth=date(1960 + 9 * i, 3 + i, 7 + i), sequence=17 * i + 3))
                for i, place in enumerate(("body", "txt", "xlsx"))]
    variants += [("classified-mark", dict(place=place, mark=CLASSIFIED[i])) for i, place in enumerate(("body", "txt"))]
    variants += [("unsafe-html", dict(payload=payload)) for payload in UNSAFE_BODIES]
    variants += [("missing-review", {})]
    variants += [("attachment-type", dict(ext=ext, ref=("list", "link")[i % 2])) for i, ext in enumerate(sorted(SCRIPT_TYPES))]
    variants += [("markup-in-text", dict(text=text, place=("title", "summary", "attachment-title")[i % 3]))
                 for i, text in enumerate(MARKUP_TEXTS)]
    variants += [("non-public-attachment", dict(route=route, ref=("list", "link", "image")[i % 3], type=FILE_TYPES[i % 3]))
                 for i, route in enumerate(ROUTES)]
    variants += [("symlink", dict(ref=ref, type=kind)) for ref, kind in (("list", "txt"), ("link", "pdf"))]
    for n, (rule, detail) in enumerate(variants):
        year = 2026 if detail.get("route") == "scheduled" else 2025
        blocked.append(spec(n, rule, year, [("txt", "list")] if n % 5 == 0 else (), **detail))
    public = [spec(i, "public", 2025 + i % 2, [(kind, ("list", "link")[i % 2]), (kind, ("link", "list")[i % 2])])
              for i, kind in enumerate(FILE_TYPES)]
    hidden = [spec(i, route, 2026 if route == "scheduled" else 2025, [(FILE_TYPES[i % 3], "list")])
              for i, route in enumerate(ROUTES)]
    return Drawn(public, hidden, blocked, [0, 2], True)


# -- writing it to disk ------------------------------------------------------------------------

@dataclass
class Written:
    """An item as written: what must be published, or what must never be."""

    spec: Spec
    path: Path
    url: str
    index: str
    title: str
    needles: set[str] = field(default_factory=set)  # never in a published byte while hidden
    files: list[str] = field(default_factory=list)  # attachment names (published iff public)


class Writer:
    def __init__(self, root: Path):
        self.root = root
        self.repo = Repo(root / "repo")
        for unit in (self.repo.root / "catalogue/units").glob("*.yml"):
            if unit.stem not in UNITS:  # two units keep each build short; the rest add only pages
                unit.unlink()
        self.outside = root / "outside"  # beside the repository: symlink targets
        self.outside.mkdir()
        self.serial = 100  # serials from 00101: the guide's example 索引号 is <code>/<year>-00001
        self.markers = 0
        self.owners: list[tuple[Spec, tuple[str, bytes]]] = []

    def marker(self) -> str:
        self.markers += 1
        return f"mkzq{self.markers:04d}j"  # fixed width: no marker is a substring of another

    def dates(self, spec: Spec) -> tuple[date, date, date]:
        if spec.role == "scheduled":
            published = BUILD_DATE + timedelta(days=1 + spec.day % 38)  # 2026-11-21 … 2026-12-28
        elif spec.year == 2026:
            published = date(2026, 1, 10) + timedelta(days=spec.day)  # … 2026-11-06
        else:
            published = date(2025, 1, 10) + timedelta(days=spec.day)
        return published - timedelta(days=2), published - timedelta(days=1), published

    def write(self, spec: Spec, owned: tuple[str, bytes] | None = None) -> Written:
        """Write one item; ``owned`` is a (name, content) file it lists besides its own."""
        role = spec.role
        self.serial += 1
        formed, reviewed, published = self.dates(spec)
        year = published.year
        serial = f"{year}-{self.serial:05d}"
        index = f"{UNITS[spec.unit]}/{serial}"
        name = f"item{self.serial:03d}"
        folder = self.repo.root / "content" / spec.unit / spec.column / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        title_marker, body_marker = self.marker(), self.marker()
        title = f"关于{title_marker}事项的{COLUMNS[spec.column]}"
        fields = dict(index=index, title=title, formed=formed.isoformat(), published=published.isoformat(),
                      kind=COLUMNS[spec.column],
                      review={"reviewer": "王敏", "date": reviewed.isoformat(), "result": REVIEW_RESULT})
        body = [f"正文 {body_marker}。"]
        listed: list = []
        written = Written(spec, folder / f"{name}.md", f"{spec.unit}/{spec.column}/{serial}/", index, title,
                          {title_marker, body_marker, index, f"{serial}/"})

        def attach(file_name: str, data: bytes | None, ref: str, label: str | None = None):
            if data is not None:
                (folder / file_name).write_bytes(data)
            label = label or f"附件{self.marker()}"
            written.needles.update({file_name, label})
            written.files.append(file_name)
            if ref == "list":
                listed.append({"file": file_name, "title": label})
            elif ref == "image":
                body.append(f"![{label}]({file_name})")
            else:
                body.append(f"详见[{label}]({file_name})。")

        for kind, ref in spec.files:
            content_marker = self.marker()
            written.needles.add(content_marker)
            attach(f"{self.marker()}.{kind}", file_bytes(kind, content_marker), ref)
        if owned:
            attach(owned[0], owned[1], "list", label="内部名单")

        if role == "依申请公开" or role == "不予公开":
            fields["mode"] = role
        elif role == "draft":
            fields["draft"] = True
        self.defect(spec, written, fields, body, attach)
        if listed:
            fields["attachments"] = listed
        self.repo.item(unit=spec.unit, column=spec.column, name=name, year=str(year),
                       body="\n\n".join(body) + "\n", **fields)
        return written

    def defect(self, spec: Spec, written: Written, fields: dict, body: list, attach) -> None:
        d = spec.detail
        if spec.role == "personal-data":
            number = resident_id(d["area"], d["birth"], d["sequence"])
            written.needles.add(number)
            sentence = d["sentence"].format(id=number)
            if d["place"] == "body":
                body.append(sentence)
            else:
                attach(f"{self.marker()}.{d['place']}", file_bytes(d["place"], self.marker(), sentence), "list")
        elif spec.role == "classified-mark":
            if d["place"] == "body":
                body.insert(0, d["mark"])
            else:
                content = f"{d['mark']}\n内部资料 {self.marker()}\n".encode("utf-8")
                attach(f"{self.marker()}.txt", content, "list")
        elif spec.role == "unsafe-html":
            payload_marker = self.marker()
            written.needles.add(payload_marker)
            body.append(d["payload"].format(m=payload_marker))
        elif spec.role == "missing-review":
            fields["review"] = None
        elif spec.role == "attachment-type":
            payload_marker = self.marker()
            written.needles.add(payload_marker)
            content = SCRIPT_TYPES[d["ext"]].format(m=payload_marker).encode("utf-8")
            attach(f"{self.marker()}.{d['ext']}", content, d["ref"])
        elif spec.role == "markup-in-text":
            payload_marker = self.marker()
            text = d["text"].format(m=payload_marker)
            written.needles.update({payload_marker, text})
            if d["place"] == "title":
                fields["title"] = written.title = text
            elif d["place"] == "summary":
                fields["summary"] = text
            else:
                attach(f"{self.marker()}.txt", file_bytes("txt", self.marker()), "list", label=text)
        elif spec.role == "non-public-attachment":
            # A non-public item in the same folder lists a file; this public item lists or links it.
            owner_spec = Spec(d["route"], spec.unit, spec.column, spec.day, spec.year, [])
            owner_marker = self.marker()
            file_name = f"{self.marker()}.{d['type']}"
            written.needles.update({owner_marker, file_name})
            self.owners.append((owner_spec, (file_name, file_bytes(d["type"], owner_marker))))
            attach(file_name, None, d["ref"])
        elif spec.role == "symlink":
            secret = self.marker()
            target = self.outside / f"{secret}.{d['type']}"
            target.write_bytes(file_bytes(d["type"], secret))
            link_name = f"{self.marker()}.{d['type']}"
            os.symlink(target, written.path.parent / link_name)
            written.needles.add(secret)
            attach(link_name, None, d["ref"])

    def write_all(self, drawn: Drawn):
        public = [self.write(spec) for spec in drawn.public]
        hidden = [self.write(spec) for spec in drawn.hidden]
        blocked = [self.write(spec) for spec in drawn.blocked]
        for owner_spec, owned in self.owners:  # the non-public owners of files public items link
            owner = self.write(owner_spec, owned)
            assert (owner.path.parent / owned[0]).is_file()
            hidden.append(owner)
        self.repo.mkdocs_yml()
        return public, hidden, blocked


# -- reading a built site ----------------------------------------------------------------------

def everything(site: Path) -> dict[str, bytes]:
    """What the public can fetch, any .gz (sitemap.xml.gz) decompressed; the search index's
    shards hold their tokens as UTF-8 and its records are JSON, so a marker is found in them as it is."""
    files = published_files(site)
    for name, data in list(files.items()):
        if name.endswith(".gz") and data[:2] == b"\x1f\x8b":
            files[name] = gzip.decompress(data)
    return files


def check_site(site: Path, public: list[Written], hidden: list[Written], stage: str) -> None:
    files = everything(site)
    assert files, f"{stage}: nothing was built"
    owner = {}
    for item in hidden:
        for needle in item.needles | {item.title, item.index, item.url}:
            owner.setdefault(needle, item)
    pattern = re.compile(b"|".join(re.escape(n.encode("utf-8")) for n in sorted(owner, key=len, reverse=True)))
    found = []
    for name, data in sorted(files.items()):
        for hit in {m.group().decode("utf-8") for m in pattern.finditer(data)}:
            found.append(f"{name}: {hit!r} of {owner[hit].spec.role} item {owner[hit].path.name}")
        for needle in owner:
            if needle in name:
                found.append(f"file name {name} carries {needle!r} of {owner[needle].spec.role} item")
        for item in hidden:
            if name.startswith(item.url):
                found.append(f"{name}: under the URL of {item.spec.role} item {item.path.name}")
    assert not found, f"{stage}: non-public or blocked content published:\n  " + "\n  ".join(sorted(set(found)))
    for item in public:
        page = files.get(item.url + "index.html")
        assert page is not None, f"{stage}: the public item {item.path.name} has no page at /{item.url}"
        assert item.title.encode("utf-8") in page, f"{stage}: /{item.url} does not show its title"
        for name in item.files:
            assert item.url + name in files, f"{stage}: attachment {name} of /{item.url} not published"


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} if site.exists() else {}


def leftovers(site: Path) -> list[str]:
    """Staging or old folders of the atomic output left beside a site folder."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.xxgk-"))


def build(config: Path, site: Path, *args: str):
    started = time.perf_counter()
    result = mkdocs_build(config, site, *args)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result, time.perf_counter() - started


# -- the property ------------------------------------------------------------------------------

def test_nothing_non_public_or_blocked_is_ever_published_and_every_public_item_is():
    seen: Counter = Counter()
    times: list[float] = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck),
              print_blob=False)
    @given(repositories())
    @example(everything_at_once())
    def publication(drawn: Drawn):
        root = Path(tempfile.mkdtemp(prefix="xxgk-property-"))
        try:
            writer = Writer(root)
            public, hidden, blocked = writer.write_all(drawn)
            config = writer.repo.root / "mkdocs.yml"
            site = root / "site"
            never = hidden + blocked
            seen.update(s.role for s in drawn.hidden + drawn.blocked)
            seen.update(f"{s.role}/{v}" for s in drawn.blocked for k, v in s.detail.items()
                        if k in ("place", "ref", "ext", "route"))
            seen.update(f"file/{kind}/{ref}" for s in drawn.public for kind, ref in s.files)

            result, took = build(config, site)
            times.append(took)
            assert result.returncode == 0, result.stderr[-3000:]
            for item in blocked:
                rel = item.path.relative_to(writer.repo.root).as_posix()
                assert rel in result.stderr, f"the build did not name the withheld {rel}:\n{result.stderr[-3000:]}"
            check_site(site, public, never, "mkdocs build")

            target = site if drawn.strict_into_site else root / "strict-site"
            before = snapshot(target)
            result, took = build(config, target, "--strict")
            times.append(took)
            seen["strict-into-site" if drawn.strict_into_site else "strict-into-fresh"] += 1
            if blocked:
                assert result.returncode != 0, "mkdocs build --strict succeeded with blocked items"
            if result.returncode != 0:
                assert snapshot(target) == before, "a failed --strict build changed the output folder"
                assert leftovers(target) == [], f"a failed --strict build left {leftovers(target)}"
                seen["strict-failed"] += 1
            else:
                seen["strict-passed"] += 1
                check_site(target, public, never, "mkdocs build --strict")

            flipped = [public[i] for i in drawn.flip]
            for item in flipped:
                text = item.path.read_text("utf-8")
                assert "\nmode: 主动公开\n" in text
                item.path.write_text(text.replace("\nmode: 主动公开\n", "\nmode: 不予公开\n", 1), "utf-8")
            kept = [item for i, item in enumerate(public) if i not in drawn.flip]
            result, took = build(config, site, "--dirty")
            times.append(took)
            assert result.returncode == 0, result.stderr[-3000:]
            check_site(site, kept, never + flipped, "mkdocs build --dirty after flipping items to 不予公开")
            seen["flipped"] += len(flipped)
        except BaseException:
            print(f"\nkept for inspection: {root}")
            raise
        shutil.rmtree(root, ignore_errors=True)

    publication()
    print(f"\n{len(times) // 3} repositories ({EXAMPLES} drawn, 1 explicit), {len(times)} builds, {sum(times):.0f} s "
          f"of builds (mean {sum(times) / max(len(times), 1):.1f} s); exercised: {dict(sorted(seen.items()))}")
    wanted = set(ROUTES) | set(RULES) | {"strict-into-site", "strict-into-fresh", "strict-failed"}
    wanted |= {f"file/{k}/{r}" for k in FILE_TYPES for r in ("list", "link")}
    wanted |= {f"personal-data/{p}" for p in ("body", "txt", "xlsx")} | {f"classified-mark/{p}" for p in ("body", "txt")}
    wanted |= {f"attachment-type/{e}" for e in SCRIPT_TYPES} | {f"symlink/{r}" for r in ("list", "link")}
    wanted |= {f"markup-in-text/{p}" for p in ("title", "summary", "attachment-title")}
    wanted |= {f"non-public-attachment/{r}" for r in ROUTES + ("list", "link", "image")}
    assert wanted <= set(seen), f"never exercised: {sorted(wanted - set(seen))}"


def test_the_check_finds_a_hidden_item_in_every_kind_of_published_file(tmp_path):
    """The property is only as good as its search: a planted marker, title, 索引号 or URL is
    found in a search index shard or record, sitemap.xml.gz, CSV, feed or file name; a
    missing public page or attachment is noticed."""
    import pytest

    spec = Spec("不予公开", "czj", "gzdt", 0, 2025, [])
    hidden = Written(spec, Path("item101.md"), "czj/gzdt/2025-00101/", f"{DEPT_CODE}/2025-00101",
                     "关于mkzq0001j事项的工作动态", {"mkzq0002j", "2025-00101/"})
    public = Written(Spec("public", "czj", "gzdt", 0, 2025, []), Path("item102.md"), "czj/gzdt/2025-00102/",
                     f"{DEPT_CODE}/2025-00102", "关于mkzq0003j事项的工作动态", files=["mkzq0004j.pdf"])
    site = tmp_path / "site"
    (site / public.url).mkdir(parents=True)
    (site / public.url / "index.html").write_text(f"<h1>{public.title}</h1>", "utf-8")
    (site / public.url / "mkzq0004j.pdf").write_bytes(b"%PDF")
    check_site(site, [public], [hidden], "clean")
    plants = {
        "searchindex/s/7.bin": b"\x09mkzq0002j\x02\x00\x00",  # a token of the hidden item's body
        "searchindex/r/0.json": '[["czj/gzdt/2025-00101/","关于mkzq0001j事项的工作动态"]]'.encode(),
        "sitemap.xml.gz": gzip.compress(b"<loc>https://x/czj/gzdt/2025-00101/</loc>"),
        "data/czj.csv": f"{DEPT_CODE}/2025-00101,其他".encode(),
        "czj/gzdt/feed.xml": "<title>关于mkzq0001j事项的工作动态</title>".encode(),
        "czj/gzdt/2025-00102/mkzq0002j.txt": b"",
    }
    for name, data in plants.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        with pytest.raises(AssertionError, match=re.escape(name)):
            check_site(site, [public], [hidden], name)
        path.unlink()
    (site / public.url / "mkzq0004j.pdf").unlink()
    with pytest.raises(AssertionError, match="attachment mkzq0004j.pdf"):
        check_site(site, [public], [hidden], "no attachment")
