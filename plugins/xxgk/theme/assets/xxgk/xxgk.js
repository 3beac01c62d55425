/* xxgk: 适老化 mode switch (persists across pages). No dependencies. The catalogue filter is catalogue.js. */
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
})();
