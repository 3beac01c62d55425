/* xxgk search page for `search_tokens: bigram` (issue 10).

   The item pages carry their search words as ASCII tokens made by xxgk/site/searchtokens.py; this
   file makes the query's tokens by the same rules (keep the two in step: tests/test_searchtokens.py
   compares them), asks Pagefind's JS API for pages holding every token, keeps those where each
   typed run of characters is contiguous, and lists them: title matches first, then newest.
   No Intl, no innerHTML: every text is set with textContent. */
(function (root) {
  "use strict";

  // -- the tokeniser (searchtokens.py) --------------------------------------------------------
  var PREFIX = "x";
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  var SEPARATORS = [
    [0x0080, 0x00BF], [0x00D7, 0x00D7], [0x00F7, 0x00F7], [0x02B0, 0x02FF], [0x2000, 0x2BFF],
    [0x2E00, 0x2E7F], [0x3000, 0x3006], [0x3008, 0x303F], [0x30FB, 0x30FB], [0xD800, 0xF8FF],
    [0xFE00, 0xFE0F], [0xFE10, 0xFE1F], [0xFE30, 0xFE6F], [0xFF00, 0xFF0F], [0xFF1A, 0xFF20],
    [0xFF3B, 0xFF40], [0xFF5B, 0xFF65], [0xFFF0, 0xFFFF], [0x1F000, 0x1FAFF], [0xE0000, 0x10FFFF]
  ];

  function code(n) {
    var out = "";
    for (var i = 0; i < 4; i++) { out = DIGITS.charAt(n % 36) + out; n = Math.floor(n / 36); }
    return out;
  }

  function chars(text) {  // code points, not UTF-16 units
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var n = text.charCodeAt(i);
      if (n >= 0xD800 && n <= 0xDBFF && i + 1 < text.length) {
        var m = text.charCodeAt(i + 1);
        if (m >= 0xDC00 && m <= 0xDFFF) { out.push((n - 0xD800) * 0x400 + (m - 0xDC00) + 0x10000); i++; continue; }
      }
      out.push(n);
    }
    return out;
  }

  function kind(n) {
    if (n < 0x80) {
      return ((n >= 0x61 && n <= 0x7A) || (n >= 0x30 && n <= 0x39)) ? "w" : "s";
    }
    for (var i = 0; i < SEPARATORS.length; i++) {
      if (n >= SEPARATORS[i][0] && n <= SEPARATORS[i][1]) { return "s"; }
    }
    return "d";
  }

  function normalise(text) {
    text = String(text == null ? "" : text);
    if (typeof text.normalize === "function") { text = text.normalize("NFKC"); }
    return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  // [["d", [code points]], ["w", "2026"], …]
  function runs(text) {
    var found = [], current = [], currentKind = "s", points = chars(normalise(text));
    function flush() {
      if (currentKind === "w") { found.push(["w", String.fromCharCode.apply(null, current)]); }
      else if (currentKind === "d") { found.push(["d", current]); }
    }
    for (var i = 0; i < points.length; i++) {
      var k = kind(points[i]);
      if (k !== currentKind) { flush(); current = []; currentKind = k; }
      if (k !== "s") { current.push(points[i]); }
    }
    flush();
    return found;
  }

  function runTokens(run, index) {
    if (run[0] === "w") { return [run[1]]; }
    var p = run[1], tokens = [];
    for (var i = 0; i + 1 < p.length; i++) { tokens.push(PREFIX + code(p[i]) + code(p[i + 1])); }
    if (index || p.length === 1) { tokens.push(PREFIX + code(p[p.length - 1])); }
    return tokens;
  }

  function tokens(text, index) {
    var out = [];
    runs(text).forEach(function (run) { out.push.apply(out, runTokens(run, index)); });
    return out;
  }

  var tokeniser = {
    runs: runs,
    indexTokens: function (text) { return tokens(text, true); },
    queryTokens: function (text) { return tokens(text, false); },
    queryRuns: function (text) { return runs(text).map(function (run) { return runTokens(run, false); }); }
  };
  root.XxgkSearchTokens = tokeniser;
  if (typeof module !== "undefined" && module.exports) { module.exports = tokeniser; }
  if (typeof document === "undefined") { return; }

  // -- matching -------------------------------------------------------------------------------
  var ENCODED = /^x[0-9a-z]{4}([0-9a-z]{4})?$/;

  // Every typed run is in the page's token stream as one contiguous chain of tokens.
  function contains(stream, queryRuns) {
    return queryRuns.every(function (chain) {
      var t = chain[0];
      if (chain.length === 1 && !(ENCODED.test(t) && t.length > 5)) {
        // one character, or a Latin/digit word: a page token that begins with it (as Pagefind matches)
        var dense = ENCODED.test(t);
        return stream.some(function (s) { return s.indexOf(t) === 0 && ENCODED.test(s) === dense; });
      }
      for (var i = 0; i + chain.length <= stream.length; i++) {
        var ok = true;
        for (var j = 0; j < chain.length && ok; j++) { ok = stream[i + j] === chain[j]; }
        if (ok) { return true; }
      }
      return false;
    });
  }

  function words(text) { return String(text || "").split(/[^0-9a-z]+/).filter(Boolean); }

  // -- the page -------------------------------------------------------------------------------
  var FILTERS = ["发布机构", "栏目", "年份", "主题分类", "文件类型", "有效性"];
  var PAGE = 20, MOST = 1000;
  var element = document.getElementById("xxgk-search");
  if (!element) { return; }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) { node.textContent = text; }
    return node;
  }

  var form = make("form", { role: "search", "class": "xxgk-search-form" });
  var label = make("label", { "for": "xxgk-search-q" }, "搜索词");
  var input = make("input", { id: "xxgk-search-q", type: "search", name: "q", autocomplete: "off",
                               placeholder: "输入标题、发文字号、索引号或正文中的词" });
  var submit = make("button", { type: "submit" }, "搜索");
  var fieldset = make("fieldset", { "class": "xxgk-search-filters" });
  fieldset.appendChild(make("legend", {}, "筛选"));
  form.appendChild(label); form.appendChild(input); form.appendChild(submit); form.appendChild(fieldset);
  var status = make("p", { role: "status", "aria-live": "polite", "class": "xxgk-search-status" });
  var list = make("ol", { "class": "xxgk-search-results" });
  var more = make("button", { type: "button", hidden: "" }, "更多结果");
  element.appendChild(form); element.appendChild(status); element.appendChild(list); element.appendChild(more);

  var selects = {}, pf = null, shown = [], showing = 0, generation = 0;

  function selected() {
    var filters = {}, any = false;
    Object.keys(selects).forEach(function (name) {
      if (selects[name].value) { filters[name] = selects[name].value; any = true; }
    });
    return any ? filters : null;
  }

  function highlight(node, text, pieces) {
    text = String(text || "");
    var lower = text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }), at = 0;
    while (at < text.length) {
      var best = -1, size = 0;
      pieces.forEach(function (p) {
        var i = lower.indexOf(p, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && p.length > size))) { best = i; size = p.length; }
      });
      if (best < 0) { break; }
      if (best > at) { node.appendChild(document.createTextNode(text.slice(at, best))); }
      node.appendChild(make("mark", {}, text.slice(best, best + size)));
      at = best + size;
    }
    if (at < text.length) { node.appendChild(document.createTextNode(text.slice(at))); }
    return node;
  }

  function render(from) {
    var pieces = String(input.value).replace(/[A-Z]/g, function (c) { return c.toLowerCase(); })
      .split(/[\s,，、;；]+/).filter(Boolean);
    shown.slice(from, from + PAGE).forEach(function (hit) {
      var meta = hit.data.meta || {};
      var li = make("li", { "class": "xxgk-search-result" });
      var heading = make("h2", {});
      var a = make("a", { href: hit.data.url });
      heading.appendChild(highlight(a, meta.title, pieces));
      li.appendChild(heading);
      var facts = [meta["发布机构"], meta["发布日期"], meta["发文字号"], meta["索引号"] && "索引号 " + meta["索引号"]];
      li.appendChild(make("p", { "class": "xxgk-search-meta" }, facts.filter(Boolean).join(" · ")));
      if (meta["摘要"]) { li.appendChild(highlight(make("p", { "class": "xxgk-search-excerpt" }), meta["摘要"], pieces)); }
      list.appendChild(li);
    });
    showing = Math.min(shown.length, from + PAGE);
    more.hidden = showing >= shown.length;
  }

  function say(text) { status.textContent = text; }

  async function run() {
    var mine = ++generation, q = input.value.trim(), filters = selected();
    var queryRuns = tokeniser.queryRuns(q), terms = [].concat.apply([], queryRuns);
    var url = new URL(window.location.href);
    if (q) { url.searchParams.set("q", q); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url.href);
    list.textContent = ""; more.hidden = true; shown = [];
    if (!terms.length && !filters) { say(q ? "请输入汉字、字母或数字。" : ""); return; }
    say("正在搜索……");
    var options = { filters: filters || {} };
    if (!terms.length) { options.sort = { date: "desc" }; }
    var search = await pf.search(terms.length ? terms.join(" ") : null, options);
    if (mine !== generation || !search) { return; }
    var results = search.results.slice(0, MOST), hits = [];
    for (var i = 0; i < results.length; i += 50) {
      var batch = await Promise.all(results.slice(i, i + 50).map(function (r) { return r.data(); }));
      if (mine !== generation) { return; }
      batch.forEach(function (data) {
        var stream = words(data.content);
        if (terms.length && !contains(stream, queryRuns)) { return; }
        var title = terms.length && contains(tokeniser.indexTokens((data.meta || {}).title), queryRuns);
        hits.push({ data: data, title: title ? 1 : 0, date: (data.meta || {})["发布日期"] || "" });
      });
    }
    hits.sort(function (a, b) { return (b.title - a.title) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0); });
    shown = hits;
    var what = q ? "与“" + q + "”相关的" : "符合筛选条件的";
    say(hits.length ? "找到 " + hits.length + " 条" + what + "信息" : "没有找到" + what + "信息");
    render(0);
  }

  function go(event) {
    if (event) { event.preventDefault(); }
    run().catch(function () { say("搜索出错，请稍后再试。"); });
  }

  var timer = null;
  form.addEventListener("submit", go);
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(go, 250); });
  more.addEventListener("click", function () { render(showing); });

  async function start() {
    var bundle = new URL(element.getAttribute("data-bundle"), document.baseURI).href;
    pf = await import(bundle + "pagefind.js");
    await pf.options({ bundlePath: bundle });
    var all = await pf.filters();
    FILTERS.concat(Object.keys(all).filter(function (n) { return FILTERS.indexOf(n) < 0; })).forEach(function (name) {
      var values = all[name];
      if (!values || !Object.keys(values).length) { return; }
      var id = "xxgk-filter-" + Object.keys(selects).length;
      var wrap = make("div", { "class": "xxgk-search-filter" });
      wrap.appendChild(make("label", { "for": id }, name));
      var select = make("select", { id: id });
      select.appendChild(make("option", { value: "" }, "全部"));
      var keys = Object.keys(values).sort();
      if (name === "年份") { keys.reverse(); }
      keys.forEach(function (value) {
        select.appendChild(make("option", { value: value }, value + "（" + values[value] + "）"));
      });
      select.addEventListener("change", go);
      selects[name] = select;
      wrap.appendChild(select);
      fieldset.appendChild(wrap);
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; go(); }
  }

  start().catch(function () { say("搜索功能加载失败，请稍后再试。"); });
})(typeof window !== "undefined" ? window : globalThis);
