/* xxgk: the catalogue filter (公开目录). No dependencies, no remote assets.

   It filters the WHOLE catalogue, not the page shown: by keyword (名称, 索引号, 发文字号), 主题分类,
   发布机构 (site catalogue), 栏目 (a column and the columns below it), 年份, 文件类型 and 有效性.
   The rows come from data/filter/ (opendata.filter_chunks): manifest.json, fetched on the first
   filter, then <unit>/<year>.json, only the chunks the filter can match (this unit's, the chosen
   unit's, the chosen year's), each fetched once, newest year first: the first page of results
   shows as soon as the years it needs are in, the count when all are. The state lives in the URL query (?q=…&topic=…
   &page=2), so a filtered view can be shared and survives reload, back and forward. Results show
   100 a page, newest first, in the markup of the catalogue table (_macros.html catalogue_table),
   built with createElement and textContent only: titles and 内容概述 are editors' text, never markup.
   A row (filter format 2): [索引号, 名称, 内容概述, column, topic, kind, 发文字号, 生成日期, 发布日期,
   validity?, serial?]; R below names the positions.
   Without JavaScript the form stays hidden and the catalogue is its plain paginated pages. */
(function () {
  "use strict";
  var form = document.getElementById("xxgk-filter");
  if (!form || !window.fetch || !window.URLSearchParams || !window.Promise || !window.history || !history.pushState) { return; }
  var statusLine = document.getElementById("xxgk-filter-status");
  var results = document.getElementById("xxgk-filter-results");
  var plain = document.getElementById("xxgk-catalogue-static");
  var dataBase = form.getAttribute("data-data");
  var siteRoot = form.getAttribute("data-root");
  var pageUnit = form.getAttribute("data-unit") || "";
  var pageSize = parseInt(form.getAttribute("data-page-size"), 10) || 100;
  var FIELDS = ["q", "topic", "unit", "column", "year", "kind", "validity"];
  var VALID = 0;  // validity code of 有效: rows omit it
  var R = {index: 0, title: 1, summary: 2, column: 3, topic: 4, kind: 5, number: 6, formed: 7, published: 8,
           validity: 9, serial: 10};
  function validityOf(row) { return row.length > R.validity ? row[R.validity] : VALID; }

  // -- data ------------------------------------------------------------------------------------

  var cache = {};
  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(dataBase + path, {credentials: "same-origin"}).then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + path); }
        return response.json();
      });
      cache[path].catch(function () { delete cache[path]; });  // a failed fetch is tried again next time
    }
    return cache[path];
  }

  function manifest() { return getJSON("manifest.json"); }

  // The chunks a state can match, newest year first: [[year, [[unit number, path], …]], …]. The
  // catalogue lists newest first, so once a year and every later one are in, the matches found
  // so far are final and in order: the first page shows before the older years arrive.
  function plan(m, state) {
    var years = {};
    m.units.forEach(function (unit, n) {
      var id = unit[0];
      if ((pageUnit && id !== pageUnit) || (!pageUnit && state.unit && id !== state.unit)) { return; }
      unit[3].forEach(function (pair) {
        var year = String(pair[0]);
        if (state.year && year !== state.year) { return; }
        (years[year] = years[year] || []).push([n, id + "/" + year + ".json"]);
      });
    });
    return Object.keys(years).sort().reverse().map(function (year) { return [year, years[year]]; });
  }

  // -- matching --------------------------------------------------------------------------------

  // NFKC, lower case, every bracket pair as 〔〕: 发文字号 are typed with [] or （） as often as 〔〕.
  function normal(text) {
    if (text.normalize) { text = text.normalize("NFKC"); }
    return text.toLowerCase().replace(/[\[［(（【〔]/g, "〔").replace(/[\]］)）】〕]/g, "〕");
  }

  function haystack(row) {
    if (row.hay === undefined) { row.hay = normal(row[R.index] + " " + row[R.title] + " " + row[R.number]); }
    return row.hay;
  }

  function subtree(m, id) {
    var codes = {}, found = false;
    m.columns.forEach(function (column, n) {
      if (column[0] === id || (column[2] >= 0 && codes[column[2]])) { codes[n] = true; found = true; }
    });  // parents come before their children in catalogue order
    return found ? codes : null;
  }

  // A test for the state's conditions, or null when nothing can match (a value not in the lists).
  function matcher(m, state) {
    var words = normal(state.q).split(/\s+/).filter(Boolean);
    var topic = state.topic ? m.topics.indexOf(state.topic) : -2;
    var kind = state.kind ? m.kinds.indexOf(state.kind) : -2;
    var validity = state.validity ? m.validity.indexOf(state.validity) : -2;
    var columns = state.column ? subtree(m, state.column) : null;
    if (topic === -1 || kind === -1 || validity === -1 || (state.column && !columns)) { return null; }
    return function (row) {
      if (topic >= 0 && row[R.topic] !== topic) { return false; }
      if (kind >= 0 && row[R.kind] !== kind) { return false; }
      if (validity >= 0 && validityOf(row) !== validity) { return false; }
      if (columns && !columns[row[R.column]]) { return false; }
      if (words.length) {
        var hay = haystack(row);
        for (var i = 0; i < words.length; i++) { if (hay.indexOf(words[i]) < 0) { return false; } }
      }
      return true;
    };
  }

  // newest first, as the catalogue: by 发布日期, then 索引号, both descending
  function newestFirst(a, b) {
    var x = a[1], y = b[1], p = R.published;
    if (x[p] !== y[p]) { return x[p] < y[p] ? 1 : -1; }
    return x[R.index] < y[R.index] ? 1 : (x[R.index] > y[R.index] ? -1 : 0);
  }

  // -- the state and the URL ---------------------------------------------------------------------

  function fromForm() {
    var state = {page: 1};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      state[name] = field ? field.value.trim() : "";
    });
    if (pageUnit) { state.unit = ""; }
    return state;
  }

  function toForm(state) {
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field) { field.value = state[name] || ""; }
    });
  }

  function fromURL() {
    var params = new URLSearchParams(location.search), state = {};
    FIELDS.forEach(function (name) { state[name] = (params.get(name) || "").trim(); });
    toForm(state);  // a value the form does not offer is dropped, as the form would
    var known = fromForm();
    known.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    return known;
  }

  function query(state, page) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    if (page > 1) { params.set("page", String(page)); }
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function active(state) {
    return FIELDS.some(function (name) { return state[name]; });
  }

  // -- rendering (createElement and textContent only) --------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function time(day) {
    var node = el("time", "", day);
    node.setAttribute("datetime", day);
    return node;
  }

  function itemRow(m, entry) {
    var unit = m.units[entry[0]], row = entry[1], column = m.columns[row[R.column]];
    var status = validityOf(row), index = row[R.index];
    var serial = row.length > R.serial ? row[R.serial] : index.slice(index.indexOf("/") + 1);
    var tr = el("tr"), name = el("td", "xxgk-cat-name"), facts = el("span", "xxgk-cat-facts");
    var link = el("a", "xxgk-cat-title", row[R.title]);
    link.href = siteRoot + unit[0] + "/" + column[0] + "/" + serial + "/";
    var pub = el("span", "xxgk-cat-pub");
    pub.appendChild(time(row[R.published]));
    facts.appendChild(pub);
    if (row[R.number]) { facts.appendChild(el("span", "xxgk-cat-number", row[R.number])); }
    facts.appendChild(el("span", "xxgk-cat-column", column[1]));
    if (!pageUnit) { facts.appendChild(el("span", "xxgk-cat-unit", unit[2])); }
    var formed = el("span", "xxgk-cat-formed", "生成日期 ");
    formed.appendChild(time(row[R.formed]));
    facts.appendChild(formed);
    facts.appendChild(el("span", "xxgk-cat-validity" + (status === VALID ? "" : " xxgk-cat-validity--off"), m.validity[status]));
    name.appendChild(link);
    if (row[R.summary]) { name.appendChild(el("span", "xxgk-cat-summary", row[R.summary])); }
    name.appendChild(facts);
    tr.appendChild(name);
    tr.appendChild(el("td", "xxgk-index", index));
    var date = el("td", "xxgk-cat-date");
    date.appendChild(time(row[R.published]));
    tr.appendChild(date);
    return tr;
  }

  function table(m, rows, caption) {
    var wrap = el("div", "xxgk-table-wrap xxgk-cat-wrap");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption);
    var t = el("table", "xxgk-catalogue"), head = el("thead"), headRow = el("tr"), body = el("tbody");
    t.id = "xxgk-filter-table";
    t.appendChild(el("caption", "", caption));
    [["xxgk-cat-name", "名称"], ["xxgk-cat-index", "索引号"], ["xxgk-cat-date", "发布日期"]].forEach(function (h) {
      var th = el("th", h[0], h[1]);
      th.scope = "col";
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    rows.forEach(function (entry) { body.appendChild(itemRow(m, entry)); });
    t.appendChild(head);
    t.appendChild(body);
    wrap.appendChild(t);
    return wrap;
  }

  // Page links as the static pagination has them: 上一页, 1, …, n−3 … n+3, …, last, 下一页.
  function pager(state, page, pages) {
    var nav = el("nav", "xxgk-pagination"), list = el("ul");
    nav.setAttribute("aria-label", "筛选结果分页");
    function item(n, label, rel) {
      var li = el("li");
      if (n === page && !rel) {
        var current = el("span", "", label);
        current.setAttribute("aria-current", "page");
        li.appendChild(current);
      } else {
        var a = el("a", "", label);
        a.href = location.pathname + query(state, n);
        if (rel) { a.rel = rel; }
        a.addEventListener("click", function (event) {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
          event.preventDefault();
          state.page = n;
          run(state, "push", true);
        });
        li.appendChild(a);
      }
      list.appendChild(li);
    }
    if (page > 1) { item(page - 1, "上一页", "prev"); }
    for (var n = 1; n <= pages; n++) {
      if (n === page || n === 1 || n === pages || Math.abs(n - page) <= 3) {
        item(n, String(n));
      } else if (Math.abs(n - page) === 4) {
        var gap = el("li");
        gap.appendChild(el("span", "xxgk-gap", "…"));
        list.appendChild(gap);
      }
    }
    if (page < pages) { item(page + 1, "下一页", "next"); }
    nav.appendChild(list);
    nav.appendChild(el("p", "", "第 " + page + " 页，共 " + pages + " 页"));
    return nav;
  }

  function show(filtering) {
    plain.hidden = filtering;
    results.hidden = !filtering;
    statusLine.hidden = !filtering;
  }

  // Show page state.page of what was found; ``done``: every chunk is in (else the count so far).
  function render(m, found, state, done, focus) {
    var pages = Math.max(1, Math.ceil(found.length / pageSize));
    var page = done ? Math.min(state.page, pages) : state.page;
    state.page = page;
    results.textContent = "";
    if (!found.length) {
      results.appendChild(el("p", "xxgk-empty", "没有符合条件的信息。可以减少筛选条件，或换一个关键词。"));
    } else {
      var rows = found.slice((page - 1) * pageSize, page * pageSize);
      results.appendChild(table(m, rows, "筛选结果（第 " + page + " 页）"));
    }
    count(found, state, done);
    show(true);
    if (focus) {
      statusLine.focus();
      if (statusLine.scrollIntoView) { statusLine.scrollIntoView({block: "start"}); }
    }
  }

  function count(found, state, done, since) {
    if (!done) {
      statusLine.textContent = "已找到 " + found.length + " 条（" + since + " 年及以后），正在检索更早的信息……";
      return;
    }
    var pages = Math.max(1, Math.ceil(found.length / pageSize));
    statusLine.textContent = "共 " + found.length + " 条" + (pages > 1 ? "，第 " + state.page + " / " + pages + " 页" : "");
    var old = results.querySelector("nav.xxgk-pagination");
    if (old) { old.parentNode.removeChild(old); }
    if (pages > 1) { results.appendChild(pager(state, state.page, pages)); }
  }

  // -- running a filter ----------------------------------------------------------------------------

  var latest = 0, shown = location.search;
  function run(state, history_, focus) {
    var url = location.pathname + query(state, state.page) + location.hash;
    if (history_ === "push") { history.pushState(null, "", url); }
    if (history_ === "replace" && url !== location.pathname + location.search + location.hash) { history.replaceState(null, "", url); }
    shown = location.search;
    fold(form.classList.contains("xxgk-filter--open"));  // (its label counts the conditions in use)
    var ticket = ++latest;
    if (!active(state)) {
      show(false);
      statusLine.textContent = "";
      results.textContent = "";
      return;
    }
    statusLine.hidden = false;
    statusLine.textContent = "正在检索全部目录……";
    function failed() {
      if (ticket !== latest) { return; }
      show(false);
      statusLine.hidden = false;
      statusLine.textContent = "目录数据载入失败，请检查网络后重试；下方仍是本页目录。";
    }
    manifest().then(function (m) {
      if (ticket !== latest) { return; }  // a newer filter has started meanwhile
      var test = matcher(m, state), batches = test ? plan(m, state) : [], found = [], rendered = false;
      function next(i) {
        if (ticket !== latest) { return; }
        if (i === batches.length) {  // everything is in: the count, and the page if not shown yet
          if (rendered) { count(found, state, true); } else { render(m, found, state, true, focus); }
          return;
        }
        Promise.all(batches[i][1].map(function (w) { return getJSON(w[1]); })).then(function (chunks) {
          if (ticket !== latest) { return; }
          var batch = [];
          chunks.forEach(function (chunk, k) {
            var n = batches[i][1][k][0];
            chunk.rows.forEach(function (row) { if (test(row)) { batch.push([n, row]); } });
          });
          found = found.concat(batch.sort(newestFirst));  // every later year is already in
          var last = i === batches.length - 1;
          if (!last && !rendered && found.length >= state.page * pageSize) {
            render(m, found, state, false, focus);
            rendered = true;
          }
          if (!last) { count(found, state, false, batches[i][0]); }
          next(i + 1);
        }, failed);
      }
      next(0);
    }, failed);
  }

  var typing = 0;
  form.addEventListener("input", function (event) {
    clearTimeout(typing);
    if (event.target === form.elements.q) {
      typing = setTimeout(function () { run(fromForm(), "replace"); }, 250);
    } else {
      run(fromForm(), "replace");
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    run(fromForm(), "replace");
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    toForm({});
    run(fromForm(), "replace");
    form.elements.q.focus();
  });
  form.addEventListener("focusin", function () { manifest().catch(function () {}); }, {once: true});  // warm up: a few kB
  window.addEventListener("popstate", function () {
    if (location.search !== shown) { run(fromURL(), "none"); }  // (not for a jump to an anchor)
  });

  // 更多条件 (shown on phones only, catalogue.css): the conditions besides the keyword, folded
  // away until asked for or in use.
  var toggle = form.querySelector(".xxgk-filter__toggle");
  function fold(open) {
    form.classList.toggle("xxgk-filter--open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    var used = FIELDS.filter(function (name) { return name !== "q" && form.elements[name] && form.elements[name].value; }).length;
    toggle.textContent = open ? "收起条件" : (used ? "更多条件（已选 " + used + " 项）" : "更多条件");
  }
  toggle.addEventListener("click", function () { fold(!form.classList.contains("xxgk-filter--open")); });

  form.hidden = false;
  var initial = fromURL();
  fold(FIELDS.some(function (name) { return name !== "q" && initial[name]; }));
  if (active(initial)) { run(initial, "replace"); }
})();
