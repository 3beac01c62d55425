/* xxgk's parts of the web editor (cms/editor.py writes this folder): the 索引号 widget that
   numbers a new item as `xxgk new` does, and a preview laid out like the public item page.
   Runs before decap-cms.js: it holds the CMS back until editor.json, the repository's numbers,
   is loaded, then registers its parts and starts it. */
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  var SERIAL = /^(\d{4})-\d{2}-\d{2}/;
  var handedOut = {}; // unit/year → the highest serial this page gave out (two new items, two numbers)

  function pad(n) { return ("0000" + n).slice(-5); }
  function yearOf(date) {
    var m = SERIAL.exec(String(date || ""));
    return m ? Number(m[1]) : new Date().getFullYear();
  }

  function nextIndex(data, field, year) {
    var unit = field.get("unit"), key = unit + "/" + year;
    var used = ((data.serials[unit] || {})[String(year)]) || 0;
    var serial = Math.max(used, handedOut[key] || 0) + 1;
    handedOut[key] = serial;
    return field.get("credit_code") + "/" + year + "-" + pad(serial);
  }

  function indexWidget(data) {
    return createClass({
      isNew: function () { return !this.props.entry || this.props.entry.get("newRecord") !== false; },
      published: function () { return this.props.entry && this.props.entry.getIn(["data", "published"]); },
      componentDidMount: function () {
        if (!this.props.value && this.isNew()) this.assign();
      },
      assign: function () {
        this.props.onChange(nextIndex(data, this.props.field, yearOf(this.published())));
      },
      render: function () {
        var self = this, props = this.props, value = props.value || "";
        var fresh = this.isNew();
        var year = /\/(\d{4})-\d{5}$/.exec(value);
        var stale = fresh && year && Number(year[1]) !== yearOf(this.published());
        return h("div", { className: props.classNameWrapper },
          h("input", {
            id: props.forID, type: "text", value: value, readOnly: !fresh,
            style: { width: "100%", border: 0, background: "transparent", font: "inherit", padding: 0 },
            onChange: function (e) { props.onChange(e.target.value); },
            onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
          }),
          fresh ? h("button", {
            type: "button", onClick: function () { self.assign(); },
            style: { marginTop: "8px", padding: "4px 10px", cursor: "pointer" },
          }, "取下一个索引号") : h("p", { style: { margin: "6px 0 0", color: "#555" } }, "已有信息的索引号不得更改。"),
          stale ? h("p", { role: "alert", style: { margin: "6px 0 0", color: "#b3261e" } },
            "发布日期的年份已改为 " + yearOf(this.published()) + " 年：请点“取下一个索引号”。") : null);
      },
    });
  }

  function text(entry, path) {
    var value = entry.getIn(["data"].concat(path));
    return value == null ? "" : String(value);
  }

  function itemPreview(data) {
    return createClass({
      render: function () {
        var entry = this.props.entry;
        // the folder says whose (an item may leave unit: out of its front matter)
        var unitId = text(entry, ["unit"]) || data.collections[entry.get("collection")];
        var unit = data.units[unitId] || { name: unitId };
        var status = text(entry, ["validity", "status"]) || "有效";
        var rows = [
          ["索引号", text(entry, ["index"]), "主题分类", text(entry, ["topic"])],
          ["发布机构", unit.name, "文件类型", text(entry, ["kind"])],
          ["生成日期", text(entry, ["formed"]), "发布日期", text(entry, ["published"])],
          ["发文字号", text(entry, ["doc_number"]) || "—", "有效性", status],
          ["公开方式", text(entry, ["mode"]), "公开范围", text(entry, ["scope"])],
        ];
        var banner = data.banner_states[status] ? h("div", { className: "xxgk-banner xxgk-banner--" + status, role: "note" },
          h("p", null, h("strong", null, "本文件" + data.banner_states[status]),
            text(entry, ["validity", "date"]) ? "（" + text(entry, ["validity", "date"]) + "）" : "",
            text(entry, ["validity", "note"]) ? "：" + text(entry, ["validity", "note"]) : "")) : null;
        var attachments = (entry.getIn(["data", "attachments"]) || []).filter(Boolean);
        var docNumber = text(entry, ["doc_number"]);
        return h("div", { className: "md-typeset" }, h("div", { className: "xxgk-page xxgk-page--item" },
          h("div", { className: "xxgk-item" },
            h("header", { className: "xxgk-item__head" },
              h("h1", null, text(entry, ["title"]) || "（名称）"),
              docNumber ? h("p", { className: "xxgk-doc-number" }, docNumber) : null),
            banner,
            h("div", { className: "xxgk-table-wrap" }, h("table", { className: "xxgk-meta" }, h("tbody", null,
              rows.map(function (r) {
                return h("tr", { key: r[0] }, h("th", { scope: "row" }, r[0]), h("td", null, r[1]),
                  h("th", { scope: "row" }, r[2]), h("td", null, r[3]));
              }),
              h("tr", null, h("th", { scope: "row" }, "名称"), h("td", { colSpan: 3 }, text(entry, ["title"]))),
              text(entry, ["summary"]) ? h("tr", null, h("th", { scope: "row" }, "内容概述"),
                h("td", { colSpan: 3 }, text(entry, ["summary"]))) : null))),
            h("div", { className: "xxgk-body" }, this.props.widgetFor("body")),
            attachments.size ? h("section", { className: "xxgk-attachments" }, h("h2", null, "附件"),
              h("ul", null, attachments.map(function (a, i) {
                return h("li", { key: i }, a.get("title") || a.get("file"), " ",
                  h("span", { className: "xxgk-file" }, "（" + (a.get("file") || "") + "）"));
              }))) : null)));
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fetch("editor.json", { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("editor.json: " + r.status); return r.json(); })
      .then(function (data) {
        CMS.registerWidget("xxgk-index", indexWidget(data));
        var preview = itemPreview(data);
        Object.keys(data.collections).forEach(function (name) { CMS.registerPreviewTemplate(name, preview); });
        data.preview_styles.forEach(function (href) { CMS.registerPreviewStyle(href); });
        CMS.init();
      })
      .catch(function (err) {
        document.body.textContent = "编辑器无法启动：" + err.message + "（请重新运行 xxgk editor）";
      });
  });
})();
