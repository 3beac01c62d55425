/* xxgk site search (issue 10): reads the site's own static index (xxgk/site/searchindex.py).

   The query is cut into tokens by the same rules as the index (xxgk/site/searchtokens.py; keep
   the two in step: tests/test_searchtokens.py compares them). A document matches when it holds
   every token; results: pages (栏目、指南、目录) first, then items — the exact title, 发文字号 or
   索引号 first, then those holding every word in the title, then the rest, each newest first.
   Only the shards of the query's tokens and the records shown are fetched. No Intl, no
   innerHTML: every text is set with textContent.

   Scope: the site's index (data-index, searchindex/) or, with ?unit=<id>, that unit's own bundle
   (<unit>/searchindex/, the same format): only ids of the page's own list (data-units) are used,
   never the address as typed. A 「本单位 / 全站」 choice switches between the two in place. */
(function (root) {
  "use strict";

  // -- the tokeniser (searchtokens.py) --------------------------------------------------------
  var SEPARATORS = [
    [0x0080, 0x00BF], [0x00D7, 0x00D7], [0x00F7, 0x00F7], [0x02B0, 0x02FF], [0x2000, 0x2BFF],
    [0x2E00, 0x2E7F], [0x3000, 0x3006], [0x3008, 0x303F], [0x30FB, 0x30FB], [0xD800, 0xF8FF],
    [0xFE00, 0xFE0F], [0xFE10, 0xFE1F], [0xFE30, 0xFE6F], [0xFF00, 0xFF0F], [0xFF1A, 0xFF20],
    [0xFF3B, 0xFF40], [0xFF5B, 0xFF65], [0xFFF0, 0xFFFF], [0x1F000, 0x1FAFF], [0xE0000, 0x10FFFF]
  ];
  var COVER_FROM = 5, MOST_QUERY_TOKENS = 8;

  function points(text) {  // code points, not UTF-16 units
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

  function fromPoints(p) {
    var out = "";
    for (var i = 0; i < p.length; i++) {
      var n = p[i];
      if (n > 0xFFFF) { n -= 0x10000; out += String.fromCharCode(0xD800 + (n >> 10), 0xDC00 + (n & 0x3FF)); }
      else { out += String.fromCharCode(n); }
    }
    return out;
  }

  function kind(n) {
    if (n < 0x80) { return ((n >= 0x61 && n <= 0x7A) || (n >= 0x30 && n <= 0x39)) ? "w" : "s"; }
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

  // [["d", "临政发"], ["w", "2026"], …]
  function runs(text) {
    var found = [], current = [], currentKind = "s", p = points(normalise(text));
    function flush() { if (currentKind !== "s") { found.push([currentKind, fromPoints(current)]); } }
    for (var i = 0; i < p.length; i++) {
      var k = kind(p[i]);
      if (k !== currentKind) { flush(); current = []; currentKind = k; }
      if (k !== "s") { current.push(p[i]); }
    }
    flush();
    return found;
  }

  function bigrams(run) {
    var p = points(run), out = [];
    for (var i = 0; i + 1 < p.length; i++) { out.push(fromPoints([p[i], p[i + 1]])); }
    return out;
  }

  function indexTokens(text) {
    var out = [];
    runs(text).forEach(function (run) {
      if (run[0] === "w") { out.push(run[1]); return; }
      out.push.apply(out, bigrams(run[1]));
      points(run[1]).forEach(function (n) { out.push(fromPoints([n])); });
    });
    return out;
  }

  function queryTokens(text) {
    var out = [];
    runs(text).forEach(function (run) {
      var tokens = [run[1]];
      if (run[0] === "d" && points(run[1]).length > 1) {
        var b = bigrams(run[1]);
        if (b.length < COVER_FROM) { tokens = b; }
        else {
          tokens = b.filter(function (_, i) { return i % 2 === 0; });
          if (b.length % 2 === 0) { tokens.push(b[b.length - 1]); }
        }
      }
      tokens.forEach(function (t) { if (out.indexOf(t) < 0) { out.push(t); } });
    });
    if (out.length > MOST_QUERY_TOKENS) {
      var step = (out.length - 1) / (MOST_QUERY_TOKENS - 1), spread = [];
      for (var k = 0; k < MOST_QUERY_TOKENS; k++) { spread.push(out[pyRound(k * step)]); }
      out = spread;
    }
    return out;
  }

  function pyRound(x) {  // Python's round(): halves to even
    var f = Math.floor(x), d = x - f;
    if (d > 0.5 || (d === 0.5 && f % 2 === 1)) { return f + 1; }
    return f;
  }

  function utf8(text) {
    var out = [];
    points(text).forEach(function (n) {
      if (n < 0x80) { out.push(n); }
      else if (n < 0x800) { out.push(0xC0 | (n >> 6), 0x80 | (n & 63)); }
      else if (n < 0x10000) { out.push(0xE0 | (n >> 12), 0x80 | ((n >> 6) & 63), 0x80 | (n & 63)); }
      else { out.push(0xF0 | (n >> 18), 0x80 | ((n >> 12) & 63), 0x80 | ((n >> 6) & 63), 0x80 | (n & 63)); }
    });
    return out;
  }

  function fnv1a(text) {
    var h = 0x811C9DC5;
    utf8(text).forEach(function (b) { h = Math.imul(h ^ b, 0x01000193) >>> 0; });
    return h >>> 0;
  }

  function exactToken(text) {
    var joined = runs(text).map(function (r) { return r[1]; }).join(" ");
    return joined ? "=" + fnv1a(joined).toString(36) : "";
  }

  var tokeniser = { runs: runs, indexTokens: indexTokens, queryTokens: queryTokens, exactToken: exactToken, fnv1a: fnv1a };
  root.XxgkSearchTokens = tokeniser;
  if (typeof module !== "undefined" && module.exports) { module.exports = tokeniser; }
  if (typeof document === "undefined") { return; }

  // -- the index (searchindex.py) ---------------------------------------------------------------
  var element = document.getElementById("xxgk-search");
  if (!element) { return; }
  var siteIndex = new URL(element.getAttribute("data-index"), document.baseURI).href;
  var siteRoot = new URL("../", siteIndex).href;  // records' addresses are site-relative
  var UNIT_ID = /^[a-z0-9_-]{1,40}$/;
  var units = [];  // [[id, name]] of the units whose bundles this site has (data-units)
  try {
    JSON.parse(element.getAttribute("data-units") || "[]").forEach(function (u) {
      if (Array.isArray(u) && typeof u[0] === "string" && UNIT_ID.test(u[0]) && typeof u[1] === "string") { units.push([u[0], u[1]]); }
    });
  } catch (e) { units = []; }
  var params = new URLSearchParams(window.location.search);
  var asked = params.get("unit"), scopeUnit = null;  // [id, name] of the unit asked for, if the page lists it
  units.forEach(function (u) { if (asked !== null && UNIT_ID.test(asked) && u[0] === asked) { scopeUnit = u; } });
  var decoder = new TextDecoder("utf-8");
  var index = null;  // the index searched: {base, manifest, shards, recordFiles, apartFiles, ready}

  function open(unit) {  // unit: [id, name] of the page's own list, or null for the site's index
    var ix = { unit: unit, base: unit ? new URL(unit[0] + "/searchindex/", siteRoot).href : siteIndex,
               manifest: null, shards: {}, recordFiles: {}, apartFiles: {} };
    ix.ready = get(ix, "manifest.json", "json").then(function (m) {
      if (m.format !== 5) { throw new Error("search index format " + m.format); }
      ix.manifest = m;
      return m;
    });
    return ix;
  }

  function get(ix, path, type) {
    return fetch(ix.base + path).then(function (r) {
      if (!r.ok) { throw new Error(path + ": " + r.status); }
      return type === "json" ? r.json() : r.arrayBuffer();
    });
  }

  function varint(bytes, at) {  // [value, next offset]
    var n = 0, shift = 0, b;
    do { b = bytes[at++]; n += (b & 0x7F) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
    return [n, at];
  }

  function gaps(bytes, from, to) {
    var out = [], last = -1, r;
    while (from < to) { r = varint(bytes, from); last += r[0] + 1; out.push(last); from = r[1]; }
    return out;
  }

  // One document list of a shard entry at ``at``: [its description, offset after it].
  function listAt(bytes, at) {
    var r = varint(bytes, at), end = r[1] + Math.floor(r[0] / 4);
    return [{ from: r[1], to: end, bitmap: r[0] % 2 === 1, apart: r[0] % 4 >= 2 }, end];
  }

  function parseShard(buffer) {
    var bytes = new Uint8Array(buffer), at = 0, found = {}, r, docs, titles;
    while (at < bytes.length) {
      r = varint(bytes, at); var key = decoder.decode(bytes.subarray(r[1], r[1] + r[0])); at = r[1] + r[0];
      r = listAt(bytes, at); docs = r[0]; at = r[1];
      r = listAt(bytes, at); titles = r[0]; at = r[1];
      found[key] = { bytes: bytes, docs: docs, titles: titles };
    }
    return found;
  }

  // A list decoded: {list: ascending numbers} or {bits: bitmap bytes}; a long one is in its
  // token's d/ file (file number, offset, length), fetched once for both of the token's lists.
  function decode(ix, bytes, l) {
    if (!l.apart) { return Promise.resolve({ list: gaps(bytes, l.from, l.to) }); }
    var file = varint(bytes, l.from), start = varint(bytes, file[1]), size = varint(bytes, start[1]);
    var apartFiles = ix.apartFiles;
    if (!apartFiles[file[0]]) { apartFiles[file[0]] = get(ix, "d/" + file[0] + ".bin"); }
    return apartFiles[file[0]].then(function (buffer) {
      var own = new Uint8Array(buffer, start[0], size[0]);
      return l.bitmap ? { bits: own } : { list: gaps(own, 0, own.length) };
    });
  }

  // {list|bits, titles: {list|bits}} of a token, or null when no document holds it.
  function posting(ix, token) {
    var n = fnv1a(token) % ix.manifest.shards, shards = ix.shards;
    if (!shards[n]) { shards[n] = get(ix, "s/" + n + ".bin").then(parseShard); }
    return shards[n].then(function (entries) {
      var e = Object.prototype.hasOwnProperty.call(entries, token) ? entries[token] : null;
      if (!e) { return null; }
      if (!e.decoded) {
        e.decoded = Promise.all([decode(ix, e.bytes, e.docs), decode(ix, e.bytes, e.titles)]).then(function (both) {
          both[0].titles = both[1];
          return both[0];
        });
      }
      return e.decoded;
    });
  }

  function contains(sorted, n) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === n) { return true; }
      if (sorted[mid] < n) { lo = mid + 1; } else { hi = mid - 1; }
    }
    return false;
  }

  function has(p, n) { return p.bits ? ((p.bits[n >> 3] >> (n & 7)) & 1) === 1 : contains(p.list, n); }

  // The documents in every posting, ascending.
  function intersect(postings, documents) {
    var lists = postings.filter(function (p) { return p.list; }).sort(function (a, b) { return a.list.length - b.list.length; });
    var rest = postings.filter(function (p) { return p !== lists[0]; });
    var start = lists.length ? lists[0].list : null;
    if (!start) {
      start = [];
      var bits = postings[0].bits;
      for (var n = 0; n < bits.length * 8 && n < documents; n++) {
        if ((bits[n >> 3] >> (n & 7)) & 1) { start.push(n); }
      }
    }
    return start.filter(function (n) { return rest.every(function (p) { return has(p, n); }); });
  }

  // {pages: [document numbers], items: [document numbers]} in rank order; filters: {name: value}
  function search(q, filters) {
    var ix = index;
    return ix.ready.then(function (manifest) {
      var words = queryTokens(q), exact = exactToken(q), facets = [];
      manifest.facets.forEach(function (f, i) {
        if (filters && filters[f[0]]) { facets.push("#" + i + ":" + filters[f[0]]); }
      });
      if (!words.length && !facets.length) { return { pages: [], items: [] }; }
      var wanted = words.concat(facets, exact && words.length ? [exact] : []);
      return Promise.all(wanted.map(function (t) { return posting(ix, t); })).then(function (found) {
        var text = found.slice(0, words.length), filter = found.slice(words.length, words.length + facets.length);
        var exactly = exact && words.length ? found[found.length - 1] : null;
        if (found.slice(0, words.length + facets.length).some(function (p) { return !p; })) { return { pages: [], items: [] }; }
        var all = intersect(text.concat(filter), manifest.documents), pages = [], first = [], second = [], third = [];
        var titleSets = text.map(function (p) { return p.titles; });
        all.forEach(function (n) {
          if (n < manifest.pages) { pages.push(n); return; }
          if (exactly && has(exactly, n)) { first.push(n); }
          else if (titleSets.length && titleSets.every(function (t) { return has(t, n); })) { second.push(n); }
          else { third.push(n); }
        });
        return { pages: facets.length ? [] : pages, items: first.concat(second, third) };
      });
    });
  }

  var FIELDS = ["url", "title", "date", "unit", "docNumber", "index", "excerpt", "kind"];

  function records(numbers) {
    var ix = index;
    return ix.ready.then(function (manifest) {
      var per = manifest.records_per_file, recordFiles = ix.recordFiles;
      return Promise.all(numbers.map(function (n) {
        var file = Math.floor(n / per);
        if (!recordFiles[file]) { recordFiles[file] = get(ix, "r/" + file + ".json", "json"); }
        return recordFiles[file].then(function (rows) {
          var row = rows[n - file * per], out = {};
          FIELDS.forEach(function (name, i) { out[name] = row[i]; });
          out.url = new URL(row[0], siteRoot).href;  // site-relative in every index, a unit's too
          out.path = row[0];
          return out;
        });
      }));
    });
  }

  index = open(scopeUnit);
  root.xxgkSearch = {
    search: search, records: records,
    get ready() { return index.ready; },
    get scope() { return index.unit ? index.unit[0] : null; }  // the unit searched, or null: the whole site
  };

  // -- the page -------------------------------------------------------------------------------
  var PAGE = 10, PAGES_SHOWN = 6;

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) { node.textContent = text; }
    return node;
  }

  var form = make("form", { role: "search", "class": "xxgk-search-form", "aria-label": "检索政府信息" });
  var row = make("div", { "class": "xxgk-search-box" });
  row.appendChild(make("label", { "for": "xxgk-search-q" }, "搜索词"));
  var input = make("input", { id: "xxgk-search-q", type: "search", name: "q", autocomplete: "off",
                               placeholder: "输入标题、发文字号、索引号或正文中的词" });
  row.appendChild(input);
  row.appendChild(make("button", { type: "submit" }, "搜索"));
  var fieldset = make("fieldset", { "class": "xxgk-search-filters" });
  fieldset.appendChild(make("legend", {}, "筛选（可不输入搜索词，直接按条件浏览）"));
  // The filters fold away on a phone once there is a query, so that the results come first.
  var panel = make("details", { "class": "xxgk-search-filter-panel" });
  var panelTitle = make("summary", {}, "筛选条件");
  panel.appendChild(panelTitle); panel.appendChild(fieldset);
  form.appendChild(row);
  // 「本单位 / 全站」: shown when a unit's own search was asked for (?unit=, from the unit's pages).
  if (scopeUnit) {
    var scopeBox = make("fieldset", { "class": "xxgk-search-scope" });
    scopeBox.appendChild(make("legend", {}, "搜索范围"));
    [["unit", "本单位（" + scopeUnit[1] + "）", scopeUnit], ["site", "全站", null]].forEach(function (choice) {
      var id = "xxgk-search-scope-" + choice[0], label = make("label", { "for": id });
      var radio = make("input", { type: "radio", id: id, name: "xxgk-scope", value: choice[0] });
      radio.checked = choice[0] === "unit";
      radio.addEventListener("change", function () { if (radio.checked) { switchTo(choice[2]); } });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(choice[1]));
      scopeBox.appendChild(label);
    });
    form.appendChild(scopeBox);
  }
  form.appendChild(panel);
  var status = make("p", { role: "status", "aria-live": "polite", "class": "xxgk-search-status" });
  var pagesBox = make("section", { "class": "xxgk-search-pages", "aria-labelledby": "xxgk-search-pages-title", hidden: "" });
  pagesBox.appendChild(make("h2", { id: "xxgk-search-pages-title" }, "栏目与指南"));
  var pagesList = make("ul", { role: "list" });
  pagesBox.appendChild(pagesList);
  var pagesMore = make("button", { type: "button", "class": "xxgk-search-pages-more", hidden: "" });
  pagesBox.appendChild(pagesMore);
  var listTitle = make("h2", { id: "xxgk-search-results-title", "class": "xxgk-sr-only" }, "信息");
  var list = make("ol", { "class": "xxgk-search-results", role: "list", "aria-labelledby": "xxgk-search-results-title" });
  var more = make("button", { type: "button", "class": "xxgk-search-more", hidden: "" }, "更多结果");
  [form, status, pagesBox, listTitle, list, more].forEach(function (n) { element.appendChild(n); });

  var selects = {}, shown = [], showing = 0, generation = 0, pieces = [];

  function selected() {
    var filters = {};
    Object.keys(selects).forEach(function (name) { if (selects[name].value) { filters[name] = selects[name].value; } });
    return filters;
  }

  function highlight(node, text) {
    text = String(text || "");
    var lower = normalise(text), at = 0;
    if (lower.length !== text.length) { node.textContent = text; return node; }  // NFKC changed the length: no marks
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

  function renderMore(mine) {
    var next = shown.slice(showing, showing + PAGE);
    return records(next).then(function (rows) {
      if (mine !== generation) { return; }
      rows.forEach(function (r) {
        var li = make("li", { "class": "xxgk-search-result" });
        var heading = make("h3", {});
        heading.appendChild(highlight(make("a", { href: r.url }), r.title));
        li.appendChild(heading);
        var facts = [r.unit, r.date, r.docNumber, r.index && "索引号 " + r.index];
        li.appendChild(highlight(make("p", { "class": "xxgk-search-meta" }), facts.filter(Boolean).join(" · ")));
        if (r.excerpt) { li.appendChild(highlight(make("p", { "class": "xxgk-search-excerpt" }), r.excerpt)); }
        list.appendChild(li);
      });
      showing += rows.length;
      more.hidden = showing >= shown.length;
    });
  }

  function renderPages(numbers, mine, from) {
    from = from || 0;
    if (!from) { pagesList.textContent = ""; }
    pagesBox.hidden = !numbers.length;
    pagesMore.hidden = true;
    var upto = from ? numbers.length : PAGES_SHOWN;
    return records(numbers.slice(from, upto)).then(function (rows) {
      if (mine !== generation) { return; }
      rows.forEach(function (r) {
        var li = make("li", {});
        li.appendChild(highlight(make("a", { href: r.url }), r.title));
        if (r.kind) { li.appendChild(make("span", { "class": "xxgk-search-kind" }, r.kind)); }
        if (r.unit && r.title.indexOf(r.unit) < 0) { li.appendChild(make("span", { "class": "xxgk-search-unit" }, r.unit)); }
        pagesList.appendChild(li);
      });
      if (numbers.length > upto) {
        pagesMore.textContent = "显示全部 " + numbers.length + " 个栏目、指南或目录";
        pagesMore.hidden = false;
        pagesMore.onclick = function () { renderPages(numbers, mine, upto); };
      }
    });
  }

  function say(text) { status.textContent = text; }

  function run() {
    var mine = ++generation, q = input.value.trim(), filters = selected();
    var chosen = Object.keys(filters).length;
    panelTitle.textContent = chosen ? "筛选条件（已选 " + chosen + " 项）" : "筛选条件";
    var url = new URL(window.location.href);
    ["q", "unit"].concat(Object.keys(selects)).forEach(function (name) { url.searchParams.delete(name); });
    if (index.unit) { url.searchParams.set("unit", index.unit[0]); }
    if (q) { url.searchParams.set("q", q); }
    Object.keys(filters).forEach(function (name) { url.searchParams.set(name, filters[name]); });
    window.history.replaceState(null, "", url.href);
    pieces = runs(q).map(function (r) { return r[1]; });
    list.textContent = ""; more.hidden = true; shown = []; showing = 0;
    if (!queryTokens(q).length && !Object.keys(filters).length) {
      pagesBox.hidden = true;
      say(q ? "请输入汉字、字母或数字。" : "");
      return Promise.resolve();
    }
    say("正在搜索……");
    return search(q, filters).then(function (found) {
      if (mine !== generation) { return; }
      shown = found.items;
      var what = q ? "与“" + q + "”相关的" : "符合筛选条件的";
      var pagesFound = found.pages.length ? found.pages.length + " 个栏目、指南或目录" : "";
      say(shown.length ? "找到 " + shown.length + " 条" + what + "信息" + (pagesFound ? "，" + pagesFound : "")
        : "没有找到" + what + "信息" + (pagesFound ? "；找到 " + pagesFound : ""));
      return Promise.all([renderPages(found.pages, mine), renderMore(mine)]);
    });
  }

  function go(event) {
    if (event) { event.preventDefault(); }
    clearTimeout(timer);  // a submit right after typing: search once
    run().catch(function () { say("搜索出错，请稍后再试。"); });
  }

  var timer = null;
  form.addEventListener("submit", go);
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(go, 300); });
  more.addEventListener("click", function () { renderMore(generation).catch(function () { say("搜索出错，请稍后再试。"); }); });

  // The filters of the index searched, each set to ``wanted[name]`` when the index has that value.
  function buildFilters(manifest, wanted) {
    Object.keys(selects).forEach(function (name) { fieldset.removeChild(selects[name].parentNode); });
    selects = {};
    manifest.facets.forEach(function (f, i) {
      var name = f[0], values = f[1].slice();
      var id = "xxgk-filter-" + i, wrap = make("div", { "class": "xxgk-search-filter" });
      wrap.appendChild(make("label", { "for": id }, name));
      var select = make("select", { id: id, name: name });
      select.appendChild(make("option", { value: "" }, "全部"));
      if (name === "年份") { values.reverse(); }
      values.forEach(function (v) { select.appendChild(make("option", { value: v[0] }, v[0] + "（" + v[1] + "）")); });
      select.value = values.some(function (v) { return v[0] === wanted[name]; }) ? wanted[name] : "";
      select.addEventListener("change", go);
      selects[name] = select;
      wrap.appendChild(select);
      fieldset.appendChild(wrap);
    });
    var chosen = Object.keys(selected()).length;
    panelTitle.textContent = chosen ? "筛选条件（已选 " + chosen + " 项）" : "筛选条件";
    return chosen;
  }

  var intro = document.getElementById("xxgk-search-intro"), introText = intro ? intro.textContent : "";
  function describe() {
    if (!intro) { return; }
    intro.textContent = index.unit ? "在" + index.unit[1] + "主动公开的政府信息中检索标题和正文，可按栏目、年份、主题分类、文件类型和有效性筛选。"
      : introText;
  }

  // The other scope: its index is loaded, the filters kept where it has their values, the search run again.
  function switchTo(unit) {
    var wanted = selected();
    index = open(unit);
    describe();
    generation++;
    say("正在载入……");
    index.ready.then(function (manifest) {
      buildFilters(manifest, wanted);
      go();
    }).catch(function () { say("搜索功能加载失败，请稍后再试。"); });
  }

  describe();
  index.ready.then(function (manifest) {
    var wanted = {};
    manifest.facets.forEach(function (f) { wanted[f[0]] = params.get(f[0]); });
    var chosen = buildFilters(manifest, wanted);
    input.value = params.get("q") || "";
    panel.open = !window.matchMedia("(max-width: 44.9375em)").matches || !input.value;
    if (input.value || chosen) { go(); }
  }).catch(function () { say("搜索功能加载失败，请稍后再试。"); });
})(typeof window !== "undefined" ? window : globalThis);
