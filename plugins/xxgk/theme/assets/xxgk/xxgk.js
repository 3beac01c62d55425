/* xxgk: 适老化 mode switch (persists across pages) and the catalogue filter. No dependencies. */
(function () {
  "use strict";
  var root = document.documentElement;

  function elder(on) {
    if (on) { root.setAttribute("data-xxgk-elder", "on"); } else { root.removeAttribute("data-xxgk-elder"); }
    var button = document.getElementById("xxgk-elder");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "退出适老化模式" : "适老化模式";
    }
    try { localStorage.setItem("xxgk-elder", on ? "on" : "off"); } catch (e) { /* private mode */ }
  }

  var toggle = document.getElementById("xxgk-elder");
  if (toggle) {
    elder(root.getAttribute("data-xxgk-elder") === "on");
    toggle.addEventListener("click", function () { elder(root.getAttribute("data-xxgk-elder") !== "on"); });
  }

  // Catalogue: filter the rows of this page by words, column, year and validity.
  Array.prototype.forEach.call(document.querySelectorAll("form.xxgk-filter"), function (form) {
    var table = document.getElementById(form.getAttribute("data-filter-table"));
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.dataset.year; });
    function fill(name, key) {
      var select = form.elements[name], seen = {};
      rows.forEach(function (r) { seen[r.dataset[key]] = true; });
      Object.keys(seen).sort().reverse().forEach(function (value) {
        var option = document.createElement("option");
        option.textContent = value;
        select.appendChild(option);
      });
    }
    fill("column", "column");
    fill("year", "year");
    var output = form.querySelector("output");
    function apply() {
      var q = form.elements.q.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
          (!form.elements.column.value || r.dataset.column === form.elements.column.value) &&
          (!form.elements.year.value || r.dataset.year === form.elements.year.value) &&
          (!form.elements.validity.value || r.dataset.validity === form.elements.validity.value);
        r.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      output.textContent = "本页显示 " + shown + " / " + rows.length + " 条";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  });
})();
