"""Which items the build must withhold: the gate's verdict, turned into what may be published.

The build obeys the gate by construction: the site view is given the withheld set and builds
only the other public items. Site-level findings (stale or blank columns, vetoes, annual
reports) name no item file and so never withhold anything.
"""

from __future__ import annotations

from ..core.model import Repository
from ..core.problems import Problem

# Never configurable away (policy.yml `publication_blocking` can only add to it): publishing
# an item with one of these is the leak the whole gate exists to prevent, or an item whose
# metadata the loader could not trust (every loader code on an item file), or a page that is not a
# document at all (placeholder-body: “（正文）”; 条例第六条 requires information to be 准确).
ALWAYS_BLOCKING = frozenset({"placeholder-body",
    "personal-data", "classified-mark", "missing-review", "unsafe-html", "markup-in-text", "attachment-type",
    "attachment-unscanned", "non-public-attachment", "symlink",
    "encoding", "front-matter", "yaml", "schema", "path-layout", "unknown-unit", "unknown-column",
    "index-format", "index-duplicate", "missing-attachment",
})


def blocking_codes(repo: Repository) -> frozenset[str]:
    return ALWAYS_BLOCKING | frozenset(str(c) for c in repo.catalogue.policy.get("publication_blocking") or ())


def withheld(repo: Repository, findings) -> dict[str, list[Problem]]:
    """Item path → the blocking findings that keep it off the site. A finding counts whatever
    severity policy.yml gave its rule (a downgraded `personal-data` still never publishes); a
    finding on an attachment withholds every item that lists or links that file; an item file the
    loader could not read (so not in the model) is listed under its own path."""
    codes = blocking_codes(repo)
    owners: dict[str, list[str]] = {}
    for item in repo.items:
        owners.setdefault(item.path, []).append(item.path)
        for attachment in item.attachments:
            owners.setdefault(attachment.source, []).append(item.path)
    found: dict[str, list[Problem]] = {}
    for finding in findings:
        if finding.code not in codes or finding.path is None:
            continue
        paths = owners.get(finding.path)
        if paths is None and finding.path.endswith(".md") and finding.path.startswith(repo.content_dir + "/"):
            paths = [finding.path]
        for path in paths or ():
            found.setdefault(path, []).append(finding)
    return found
