"""Search recall on the demo (issue 10), in Chromium through ``window.xxgkSearch`` — what the search
page runs — with the query sets and ground truth of scripts/bench_search.py:

(a) every public item's exact title → the item in the top 10 for ≥ 99 %, first for ≥ 95 %;
(b) every 发文字号 and 索引号 → the item in the top 10 for ≥ 99 %;
(c) the words jieba finds in the titles and a sample of the bodies' → for ≥ 99 % of the words every
    public item whose text contains the word is found, and of all results together ≥ 95 % contain it.

The queries run in batches inside one ``page.evaluate`` each, so the whole run takes seconds."""

from __future__ import annotations

import sys

import pytest

from conftest import PROJECT

from .conftest import note

sys.path.insert(0, str(PROJECT / "scripts"))
pytest.importorskip("jieba", reason="pip install -e .[test] (jieba==0.42.1): the words of set (c)")
import bench_search as bench  # noqa: E402  (scripts/bench_search.py)

pytestmark = pytest.mark.browser
ENGINE = bench.ENGINES["xxgk"]
BODY_SAMPLE = 300  # body-only words in (c), as the benchmark's default


@pytest.fixture(scope="module")
def truth():
    items, texts, bodies, as_of = bench.ground_truth(PROJECT)
    a, b, c, *_ = bench.query_sets(items, bodies, BODY_SAMPLE, None)
    return items, texts, a, b, c


def run(page, queries, data_every):
    out = []
    for start in range(0, len(queries), bench.CHUNK):
        out += page.evaluate(bench.search_js(ENGINE), [queries[start:start + bench.CHUNK], data_every])
    return out


def share(flags):
    return sum(flags) / len(flags)


def test_recall_of_titles_numbers_and_words(page, base_url, site_dir, truth, public):
    items, texts, a, b, c = truth
    assert len(items) == len(public) > 100 and len(b) > len(items) and len(c) > 300, (len(items), len(b), len(c))
    by_url = {bench.item_url(i): n for n, i in enumerate(items)}
    records = bench.records(site_dir)
    ids = {str(d): by_url.get(url, -1) for d, url in records.items()}  # -1: a page, not an item
    assert sorted(v for v in ids.values() if v >= 0) == list(range(len(items))), "the index holds exactly the public items"

    page.goto(base_url + ENGINE["page"].lstrip("/"))
    page.evaluate(ENGINE["prepare"], [ids, {}])
    ra = run(page, [q for q, _ in a], 1)  # with the top 10's records: their URLs checked below
    rb = run(page, [q for q, _ in b], 1)
    rc = run(page, c, 0)

    mismatched = [(q, u) for (q, _), (got, u) in zip(a + b, ra + rb)
                  if [bench.item_url(items[g]) if g >= 0 else None for g in got[:10]] != u[:10]]
    assert not mismatched, f"records() URLs differ from the document numbers: {mismatched[:3]}"

    def rank(want, got):
        return got.index(want) + 1 if want in got else None

    ranks_a = [rank(want, got) for (_, want), (got, _) in zip(a, ra)]
    ranks_b = [rank(want, got) for (_, want), (got, _) in zip(b, rb)]
    a_top10 = share([r is not None and r <= 10 for r in ranks_a])
    a_top1 = share([r == 1 for r in ranks_a])
    b_top10 = share([r is not None and r <= 10 for r in ranks_b])

    missed, relevant, total = [], 0, 0
    for word, (got, _) in zip(c, rc):
        want = {n for n, t in enumerate(texts) if word in t}
        if want - set(got):
            missed.append((word, len(want - set(got)), len(want)))
        relevant += sum(1 for g in got if g >= 0 and word in texts[g])
        total += len(got)
    c_recall = 1 - len(missed) / len(c)
    c_precision = relevant / total

    note(f"[search] recall on the demo ({len(items)} public items), window.xxgkSearch in Chromium:")
    note(f"  (a) {len(a)} exact titles: top 10 {100 * a_top10:.1f} %, top 1 {100 * a_top1:.1f} %")
    note(f"  (b) {len(b)} 发文字号/索引号: top 10 {100 * b_top10:.1f} %")
    note(f"  (c) {len(c)} words: every containing item found for {100 * c_recall:.1f} %; "
         f"{100 * c_precision:.1f} % of all {total} results contain the word")
    for word, lost, of in missed[:5]:
        note(f"  (c) missed: 「{word}」 {lost} of {of} items")

    misses = lambda qs, ranks, top: [q for (q, _), r in zip(qs, ranks) if r is None or r > top][:5]  # noqa: E731
    assert a_top10 >= 0.99, f"exact titles not in the top 10: {misses(a, ranks_a, 10)}"
    assert a_top1 >= 0.95, f"exact titles not first: {misses(a, ranks_a, 1)}"
    assert b_top10 >= 0.99, f"发文字号/索引号 not in the top 10: {misses(b, ranks_b, 10)}"
    assert c_recall >= 0.99, f"words missing items: {missed[:5]}"
    assert c_precision >= 0.95, f"only {100 * c_precision:.1f} % of the results of (c) contain the word"
