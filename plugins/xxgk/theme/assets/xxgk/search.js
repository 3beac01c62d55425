/* xxgk: Pagefind UI in Chinese; results show the 发布机构, 发布日期 and 索引号 meta of each item;
   ?q= comes from the header search box. */
(function () {
  "use strict";
  var element = document.getElementById("xxgk-search");
  if (!element || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#xxgk-search",
    bundlePath: element.getAttribute("data-bundle"),
    showImages: false,
    resetStyles: true,
    showEmptyFilters: false,
    translations: {
      placeholder: "输入标题或正文中的词",
      clear_search: "清除",
      load_more: "更多结果",
      search_label: "站内搜索",
      filters_label: "筛选",
      zero_results: "没有找到与“[SEARCH_TERM]”相关的信息",
      many_results: "找到 [COUNT] 条与“[SEARCH_TERM]”相关的信息",
      one_result: "找到 [COUNT] 条与“[SEARCH_TERM]”相关的信息",
      alt_search: "没有找到“[SEARCH_TERM]”，以下是“[DIFFERENT_TERM]”的结果",
      search_suggestion: "没有找到“[SEARCH_TERM]”，可以换个词试试：",
      searching: "正在搜索“[SEARCH_TERM]”……"
    }
  });
  // Pagefind's input carries only a placeholder: give it an accessible name.
  var input = element.querySelector("input");
  if (input) { input.setAttribute("aria-label", "站内搜索"); }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
})();
