/* 岗通 H5: 求助 — one tap (the button in the top bar) to tell the cadre: 找工作, 工资被拖欠 or 其他,
 * with words if the person wants (POST /api/v1/help-requests); the cadre is told at once. Below,
 * the person's requests and the answers (GET /api/v1/help-requests/mine). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el,
    showError = H.showError;

  /** The API's HELP_KINDS (src/modules/retention/rules.ts), same words. */
  var KINDS = [
    ["find_job", "找工作"],
    ["wage_arrears", "工资被拖欠"],
    ["other", "其他事"],
  ];
  var chosen = null;

  function drawKinds() {
    var box = $("help-kinds");
    box.textContent = "";
    KINDS.forEach(function (k) {
      var b = el("button", {
        type: "button",
        class: "btn toggle",
        "aria-pressed": String(chosen === k[0]),
        text: k[1],
      });
      b.addEventListener("click", function () {
        chosen = k[0];
        drawKinds();
        box.querySelector("[aria-pressed=true]").focus();
      });
      box.appendChild(b);
    });
  }

  function requestCard(r) {
    return el("article", { class: "card", "data-help-request": r.id }, [
      el("h3", { text: r.kindLabel }),
      r.text ? el("p", { text: r.text }) : null,
      el("p", { class: "state " + (r.status === "answered" ? "good" : ""), text: r.statusLabel }),
      r.answer ? el("p", { class: "next", text: "帮扶干部答复：" + r.answer }) : null,
      el("p", { class: "hint", text: H.dateText(r.createdAt) + "求助" }),
    ]);
  }

  async function loadRequests() {
    var list = $("help-list");
    try {
      var page = await H.api("GET", "/api/v1/help-requests/mine?limit=10");
      list.textContent = "";
      page.items.forEach(function (r) {
        list.appendChild(requestCard(r));
      });
      $("help-mine").hidden = page.items.length === 0;
    } catch (e) {
      showError("help-error", e.message);
    }
  }

  async function sendHelp() {
    showError("help-error", "");
    $("help-status").textContent = "";
    if (!chosen) {
      showError("help-error", "请先点一下遇到了什么事");
      $("help-kinds").querySelector("button").focus();
      return;
    }
    var body = { kind: chosen };
    var text = $("help-text").value.trim();
    if (text) body.text = text;
    $("help-send").disabled = true;
    try {
      await H.api("POST", "/api/v1/help-requests", body);
      $("help-text").value = "";
      chosen = null;
      drawKinds();
      $("help-status").textContent = "已经告诉帮扶干部了，他们会尽快联系您，请保持电话畅通。";
      await loadRequests();
    } catch (e) {
      showError("help-error", e.message);
    } finally {
      $("help-send").disabled = false;
    }
  }

  H.inits.push(function () {
    drawKinds();
    $("help-send").addEventListener("click", sendHelp);
  });
  H.onStart.push(function () {
    $("tab-help").hidden = false;
  });
  H.tabs.push({
    name: "help",
    open: function () {
      $("help-status").textContent = "";
      return loadRequests();
    },
  });
})();
