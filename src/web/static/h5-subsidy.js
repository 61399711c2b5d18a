/* 岗通 H5: 我的补贴 — the person's subsidy claims (GET /api/v1/subsidy-claims: only their own),
 * including the ones the system proposed without being asked (免申即享), each with its state in
 * plain words (GT_LABELS.subsidyStatus, from src/lib/enums.ts), the amount in 元, what is still
 * missing, and the reasons of the automatic check, of a return or a rejection and of a failed
 * payment. Below, a job outside Guangxi with no claim yet can be claimed for
 * (POST /api/v1/subsidy-claims). A claim's own page is h5-subsidy-claim.js (#subsidy/<id>). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el,
    showError = H.showError;
  var LABELS = window.GT_LABELS || {};
  var EDITABLE = ["proposed", "returned"];

  function statusLabel(status) {
    return (LABELS.subsidyStatus || {})[status] || "其他";
  }

  /** Green for money on its way or paid, grey for an end, yellow while something is to do or wait for. */
  function tone(status) {
    if (status === "approved" || status === "paid") return "good";
    if (status === "rejected") return "ended";
    return "";
  }

  function dayText(ymd) {
    var p = String(ymd).split("-");
    return Number(p[1]) + "月" + Number(p[2]) + "日";
  }

  /** What the person still has to do on a claim they may change, in plain words. */
  function missing(c) {
    if (EDITABLE.indexOf(c.status) < 0) return [];
    var out = [];
    var tickets = c.minTickets - c.proofCount;
    if (tickets > 0)
      out.push(
        c.proofCount === 0 ? "拍照上传车票，填上票号和票价" : "还要再上传 " + tickets + " 张车票",
      );
    if (!c.payee) out.push("填写收款的银行卡号或社保卡号");
    out.push("都填好后点“提交申请”");
    return out;
  }

  /** The amount line: paid with the date, or the amount decided, or the most it can be. */
  function moneyLine(c) {
    if (c.status === "paid" && c.amountFen !== null)
      return el("p", {
        class: "money paid",
        text:
          "金额 " +
          GTMoney.yuanText(c.amountFen) +
          (c.paidAt ? "，" + H.dateText(c.paidAt) + "到账" : ""),
      });
    if (c.amountFen !== null && c.status !== "rejected")
      return el("p", { class: "money", text: "补贴金额 " + GTMoney.yuanText(c.amountFen) });
    return null;
  }

  /** Why: the failed checks, the county's words on a return or rejection, the bank's on a failure. */
  function reasons(c) {
    var out = [];
    var failed = (c.findings || []).filter(function (f) {
      return f.outcome === "fail";
    });
    if (failed.length && c.status !== "paid" && c.status !== "approved")
      out.push(
        el("p", { class: "said", text: "自动核对发现的问题：" }),
        el(
          "ul",
          { class: "reasons" },
          failed.map(function (f) {
            return el("li", { text: f.text });
          }),
        ),
      );
    if (c.reviewReason && (c.status === "returned" || c.status === "rejected"))
      out.push(
        el("p", {
          class: "said",
          text: (c.status === "returned" ? "退回原因：" : "没有通过的原因：") + c.reviewReason,
        }),
      );
    if (c.paymentFailureReason && c.status === "payment_failed")
      out.push(el("p", { class: "said", text: "银行说：" + c.paymentFailureReason }));
    return out;
  }

  /** The claim in words: what, where, the state, the money, what is missing and why. */
  function claimSummary(c) {
    var todo = missing(c);
    return [
      el("h3", { text: c.programme.name }),
      el("p", { class: "org", text: c.employerName }),
      el("p", {
        class: "place",
        text:
          "工作地：" +
          H.placeText(c.destinationName || "广西区外") +
          "，" +
          dayText(c.startDate) +
          "上岗",
      }),
      el("p", { class: "state " + tone(c.status), text: statusLabel(c.status) }),
      moneyLine(c),
      el("p", { class: "next", text: c.statusNext }),
      todo.length ? el("p", { class: "said", text: "还需要您做：" }) : null,
      todo.length
        ? el(
            "ol",
            { class: "missing" },
            todo.map(function (t) {
              return el("li", { text: t });
            }),
          )
        : null,
    ].concat(reasons(c));
  }

  function claimCard(c) {
    var editable = EDITABLE.indexOf(c.status) >= 0;
    return el(
      "article",
      { class: "card", "data-claim": c.id, "aria-label": c.programme.name },
      claimSummary(c).concat([
        el("a", {
          class: "btn " + (editable ? "primary" : "plain"),
          href: "#subsidy/" + c.id,
          text: editable ? "上传车票并提交申请" : "查看详情",
        }),
      ]),
    );
  }

  /** 申请交通补贴 for a job outside Guangxi that has no claim; the API says why not, if not. */
  function startCard(e) {
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var button = el("button", { type: "button", class: "btn primary", text: "申请交通补贴" });
    button.addEventListener("click", async function () {
      button.disabled = true;
      error.hidden = true;
      try {
        var c = await H.api("POST", "/api/v1/subsidy-claims", { employmentId: e.id });
        location.hash = "#subsidy/" + c.id;
      } catch (err) {
        button.disabled = false;
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    return el("article", { class: "card", "data-employment": e.id }, [
      el("h3", { text: "去广西区外务工，可以申请往返交通补贴" }),
      el("p", { class: "org", text: e.employerName }),
      el("p", { class: "place", text: dayText(e.startDate) + "上岗" }),
      button,
      error,
    ]);
  }

  async function loadClaims() {
    showError("subsidy-error", "");
    $("subsidy-status").textContent = "正在打开…";
    try {
      var both = await Promise.all([
        H.api("GET", "/api/v1/subsidy-claims?limit=50"),
        H.api("GET", "/api/v1/employments?limit=100"),
      ]);
      var claims = both[0].items.slice().reverse(); // newest first
      var claimed = {};
      // One transport claim per job, whatever became of it (a refused one is not made again).
      claims.forEach(function (c) {
        if (c.programme.code === "transport_subsidy") claimed[c.employmentId] = true;
      });
      var open = both[1].items.filter(function (e) {
        return e.outsideGuangxi && !e.endDate && !claimed[e.id];
      });
      var list = $("subsidy-list");
      list.textContent = "";
      claims.forEach(function (c) {
        list.appendChild(claimCard(c));
      });
      var start = $("subsidy-start");
      start.textContent = "";
      open.forEach(function (e) {
        start.appendChild(startCard(e));
      });
      $("subsidy-status").textContent =
        claims.length || open.length
          ? ""
          : "您还没有补贴。到广西区外（比如广东）务工，就业登记确认后，系统会自动为您申请往返交通补贴，不用您自己找。";
    } catch (e) {
      $("subsidy-status").textContent = "";
      showError("subsidy-error", e.message);
    }
  }

  H.subsidy = {
    EDITABLE: EDITABLE,
    statusLabel: statusLabel,
    claimSummary: claimSummary,
    dayText: dayText,
  };
  H.tabs.push({ name: "subsidy", open: loadClaims });
})();
