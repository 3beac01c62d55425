/* xxgk: the online 政府信息公开申请 on a unit's 依申请公开 page (templates/apply.html).
 *
 * Composes a complete application from the form, in the browser: a printable 申请书 and a mailto:
 * link to the unit's office. Nothing typed is sent anywhere (the form is never submitted: method
 * "dialog", and submit is handled here), nothing is stored (no storage, no cookies), and every
 * typed value is rendered with textContent or set as a form value, never parsed as markup.
 */
(function () {
  "use strict";

  var root = document.getElementById("xxgk-apply");
  var form = document.getElementById("xxgk-apply-form");
  if (!root || !form) return;
  var output = document.getElementById("xxgk-apply-output");
  var errors = document.getElementById("xxgk-apply-errors");
  var rows = document.getElementById("xxgk-apply-rows");
  var dateOut = document.getElementById("xxgk-apply-date");
  var mail = document.getElementById("xxgk-apply-mail");
  var copyText = document.getElementById("xxgk-apply-text");
  var copyButton = document.getElementById("xxgk-apply-copy");
  var copied = document.getElementById("xxgk-apply-copied");
  var office = root.getAttribute("data-office") || "";
  var unitName = root.getAttribute("data-unit") || "";
  var email = root.getAttribute("data-email") || "";

  var CITIZEN = "公民";
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  // -- reading the form --------------------------------------------------------------------

  function field(name) { return form.elements.namedItem(name); }

  function text(name) {
    var el = field(name);
    return el && typeof el.value === "string" ? el.value.trim() : "";
  }

  function ticked(name) {
    var found = [];
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked && !boxes[i].disabled) found.push(boxes[i].value);
    }
    return found;
  }

  function applicant() { return ticked("applicant")[0] || ""; }

  // -- checks ------------------------------------------------------------------------------

  function residentIdOk(id) {
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
    return "10X98765432".charAt(sum % 11) === id.charAt(17).toUpperCase();
  }

  function creditCodeOk(code) {
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code.charAt(i)) * USCC_WEIGHTS[i];
    var check = (31 - (sum % 31)) % 31;
    return USCC_CHARS.charAt(check) === code.charAt(17);
  }

  /* Each problem: [field name or group id, message]. Only the applicant's own fieldset counts. */
  function problems() {
    var found = [];
    var kind = applicant();
    var delivery = ticked("delivery");
    function need(name, message) { if (!text(name)) { found.push([name, message]); return false; } return true; }

    if (!kind) found.push(["applicant", "请选择申请人类型。"]);
    if (kind === CITIZEN) {
      need("name", "请填写申请人姓名。");
      if (need("id_number", "请填写证件号码。") && text("id_type") === "居民身份证") {
        var id = text("id_number").toUpperCase();
        if (!/^\d{17}[\dX]$/.test(id)) found.push(["id_number", "居民身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X。"]);
        else if (!residentIdOk(id)) found.push(["id_number", "居民身份证号码的校验位不符，请核对后重新填写。"]);
      }
    } else if (kind) {
      need("org_name", "请填写法人或者其他组织的名称。");
      if (need("credit_code", "请填写统一社会信用代码。")) {
        var code = text("credit_code").toUpperCase();
        if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) found.push(["credit_code", "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）。"]);
        else if (!creditCodeOk(code)) found.push(["credit_code", "统一社会信用代码的校验位不符，请核对后重新填写。"]);
      }
      need("legal_rep", "请填写法定代表人或者负责人的姓名。");
      need("contact_name", "请填写联系人姓名。");
    }
    if (need("phone", "请填写联系电话。")) {
      var phone = text("phone");
      if (!/^\+?[0-9][0-9 ()-]{5,28}$/.test(phone) || phone.replace(/\D/g, "").length < 7) {
        found.push(["phone", "联系电话只能由数字、空格、括号和“-”组成，例如 0795-3261001 或 13800000000。"]);
      }
    }
    if (text("email") && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(text("email"))) {
      found.push(["email", "电子邮箱格式不正确，例如 name@example.com。"]);
    } else if (!text("email") && delivery.indexOf("电子邮件") >= 0) {
      found.push(["email", "选择以电子邮件获取信息时，请填写电子邮箱。"]);
    }
    if (!text("address") && delivery.indexOf("邮寄") >= 0) found.push(["address", "选择邮寄时，请填写通信地址。"]);
    if (text("postcode") && !/^\d{6}$/.test(text("postcode"))) found.push(["postcode", "邮政编码应为 6 位数字。"]);
    need("description", "请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。");
    if (!ticked("format").length) found.push(["format", "请至少选择一种提供政府信息的形式（纸质或电子）。"]);
    if (!delivery.length) found.push(["delivery", "请至少选择一种获取信息的方式。"]);
    return found;
  }

  // -- showing problems --------------------------------------------------------------------

  function target(name) {
    var group = document.getElementById("xxgk-g-" + name);
    return group || document.getElementById("xxgk-f-" + name);
  }

  function focusable(name) {
    var group = document.getElementById("xxgk-g-" + name);
    return group ? group.querySelector("input") : document.getElementById("xxgk-f-" + name);
  }

  function clearProblems() {
    var marked = form.querySelectorAll("[aria-invalid]");
    for (var i = 0; i < marked.length; i++) marked[i].removeAttribute("aria-invalid");
    var notes = form.querySelectorAll(".xxgk-field-error");
    for (var j = notes.length - 1; j >= 0; j--) {
      var owner = notes[j].__owner;
      if (owner) {
        var ids = (owner.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== notes[j].id; });
        if (ids.length) owner.setAttribute("aria-describedby", ids.join(" "));
        else owner.removeAttribute("aria-describedby");
      }
      notes[j].parentNode.removeChild(notes[j]);
    }
    errors.hidden = true;
    errors.removeAttribute("role");
    errors.textContent = "";
  }

  function showProblems(found) {
    clearProblems();
    var heading = document.createElement("p");
    heading.className = "xxgk-apply-errors__title";
    heading.textContent = "申请书尚未生成：请修改以下 " + found.length + " 处。";
    var list = document.createElement("ul");
    found.forEach(function (problem) {
      var name = problem[0], message = problem[1];
      var owner = target(name), control = focusable(name);
      var note = document.createElement("p");
      note.className = "xxgk-field-error";
      note.id = "xxgk-e-" + name;
      note.textContent = message;
      note.__owner = owner.tagName === "FIELDSET" ? owner : control;
      if (owner.tagName === "FIELDSET") {
        owner.insertBefore(note, owner.querySelector("label"));
        owner.setAttribute("aria-invalid", "true");
      } else {
        owner.parentNode.insertBefore(note, owner);
        owner.setAttribute("aria-invalid", "true");
      }
      var described = note.__owner.getAttribute("aria-describedby");
      note.__owner.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
      var item = document.createElement("li");
      var jump = document.createElement("a");
      jump.href = "#" + (control ? control.id || owner.id : owner.id);
      jump.textContent = message;
      jump.addEventListener("click", function (event) {
        event.preventDefault();
        if (control) control.focus();
      });
      item.appendChild(jump);
      list.appendChild(item);
    });
    errors.appendChild(heading);
    errors.appendChild(list);
    errors.setAttribute("role", "alert");
    errors.hidden = false;
    errors.focus();
  }

  // -- composing ---------------------------------------------------------------------------

  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function application() {
    var kind = applicant();
    var out = [["申请人类型", kind]];
    function add(label, value) { if (value) out.push([label, value]); }
    if (kind === CITIZEN) {
      add("姓名", text("name"));
      add("工作单位", text("work_unit"));
      add("证件类型", text("id_type"));
      add("证件号码", text("id_number").toUpperCase());
    } else {
      add("名称", text("org_name"));
      add("统一社会信用代码", text("credit_code").toUpperCase());
      add("法定代表人或者负责人", text("legal_rep"));
      add("联系人", text("contact_name"));
    }
    add("联系电话", text("phone"));
    add("电子邮箱", text("email"));
    add("通信地址", text("address"));
    add("邮政编码", text("postcode"));
    add("所需政府信息的名称、文号或者便于查询的其他特征性描述", text("description"));
    add("其他说明", text("note"));
    add("提供政府信息的形式", ticked("format").join("、"));
    add("获取信息的方式", ticked("delivery").join("、"));
    return out;
  }

  function plainText(entries, date) {
    var lines = [office + "：", "",
      "根据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，现向" + unitName + "申请获取下列政府信息。", ""];
    entries.forEach(function (entry) { lines.push(entry[0] + "：" + entry[1]); });
    lines.push("", "申请日期：" + date);
    return lines.join("\r\n");
  }

  function compose() {
    var entries = application();
    var date = today();
    rows.textContent = "";
    entries.forEach(function (entry) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = entry[0];
      var td = document.createElement("td");
      td.textContent = entry[1];
      tr.appendChild(th);
      tr.appendChild(td);
      rows.appendChild(tr);
    });
    dateOut.textContent = date;
    var body = plainText(entries, date);
    if (mail && email) {
      var who = text(applicant() === CITIZEN ? "name" : "org_name");
      var subject = "政府信息公开申请（" + who + "）";
      mail.setAttribute("href", "mailto:" + encodeURIComponent(email).replace(/%40/g, "@") +
        "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body));
    }
    if (copyText) copyText.value = body;
    if (copied) copied.textContent = "";
    output.hidden = false;
    root.classList.add("is-composed");
    output.focus();
    output.scrollIntoView({block: "start"});
  }

  function discard() {
    output.hidden = true;
    root.classList.remove("is-composed");
    rows.textContent = "";
    dateOut.textContent = "";
    if (mail) mail.setAttribute("href", "mailto:" + email);
    if (copyText) copyText.value = "";
  }

  // -- wiring ------------------------------------------------------------------------------

  function showApplicant() {
    var kind = applicant();
    var groups = form.querySelectorAll("fieldset[data-applicant]");
    for (var i = 0; i < groups.length; i++) {
      var mine = groups[i].getAttribute("data-applicant") === kind;
      groups[i].hidden = !mine;
      groups[i].disabled = !mine;
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = problems();
    if (found.length) {
      discard();
      showProblems(found);
      return;
    }
    clearProblems();
    compose();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { clearProblems(); discard(); showApplicant(); }, 0);
  });
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "applicant") showApplicant();
  });
  form.addEventListener("input", function () {
    if (!output.hidden) discard();  // an application must match what the form now says
  });
  form.addEventListener("change", function () {
    if (!output.hidden) discard();
  });
  document.getElementById("xxgk-apply-print").addEventListener("click", function () { window.print(); });
  document.getElementById("xxgk-apply-edit").addEventListener("click", function () {
    var first = form.querySelector("input:not([disabled]):not([type=radio]), textarea");
    if (first) first.focus();
  });
  if (copyButton && copyText) {
    copyButton.addEventListener("click", function () {
      function done(ok) { copied.textContent = ok ? "已复制，请粘贴到邮件正文。" : "无法自动复制，请选中上面的文字后复制。"; }
      copyText.focus();
      copyText.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(copyText.value).then(function () { done(true); }, function () { done(false); });
      } else {
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        done(ok);
      }
    });
  }

  showApplicant();
  form.hidden = false;
})();
