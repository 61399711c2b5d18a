/* 岗通 bureau portal: 补贴审核 — the county's queue of subsidy claims (GET /api/v1/subsidy-claims,
 * by state, paged, kept to the user's region by the server): the person (name and masked ID
 * number), destination, amount and the automatic check's findings; each opens the claim's page
 * (bureau-subsidy-claim.js). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var $ = GT.$,
    el = GT.el;

  function statusBadge(c) {
    var kind =
      c.status === "paid" || c.status === "approved"
        ? "ok"
        : c.status === "rejected" || c.status === "payment_failed"
          ? "bad"
          : "warn";
    return el("span", { class: "badge " + kind, text: c.statusLabel });
  }

  /** The check's findings, failures first-marked, in the API's Chinese words. */
  function findingsList(findings) {
    var ul = el("ul", { class: "findings" });
    findings.forEach(function (f) {
      ul.appendChild(
        el("li", { class: "finding " + f.outcome }, [
          el("span", {
            class: "badge " + (f.outcome === "fail" ? "bad" : f.outcome === "pass" ? "ok" : ""),
            text: GT.label("findingOutcome", f.outcome),
          }),
          " " + f.text,
        ]),
      );
    });
    return ul;
  }

  function amountText(c) {
    if (c.amountFen === null) return "金额待核定";
    return "核定金额 " + S.yuan(c.amountFen) + " 元";
  }

  function checkText(c) {
    if (c.checkPassed === null) return "尚未自动核对";
    return c.checkPassed ? "自动核对通过" : "自动核对未通过";
  }

  function claimItem(c) {
    var li = el("li", { class: "item", "data-claim": c.id });
    li.appendChild(
      el("p", { class: "title" }, [
        el("a", { href: "#/subsidy/claims/" + c.id, text: c.labourerName }),
        " " + c.idNumberMasked + " ",
        statusBadge(c),
      ]),
    );
    li.appendChild(
      el("p", null, [
        c.programme.name + " · 去 ",
        S.placeSpan(c.destinationCode),
        " · " + amountText(c) + " · " + checkText(c),
      ]),
    );
    if (c.findings.length) li.appendChild(findingsList(c.findings));
    li.appendChild(
      el("div", { class: "row tight" }, [
        el("a", {
          class: "btn" + (c.status === "checked" ? " primary" : ""),
          href: "#/subsidy/claims/" + c.id,
          text: c.status === "checked" ? "审核" : "查看",
        }),
      ]),
    );
    return li;
  }

  B.lists["subsidy-claims"] = {
    path: function () {
      var s = $("sr-status").value;
      return "/api/v1/subsidy-claims?limit=20" + (s ? "&status=" + s : "");
    },
    item: claimItem,
    empty: "没有这个状态的申领。",
  };
  B.views.push("subsidy-review");
  B.tabs.push("subsidy-review");
  B.routes.push({
    pattern: /^\/subsidy\/review$/,
    open: function () {
      B.show("subsidy-review");
      return B.loadList("subsidy-claims", false);
    },
  });
  B.inits.push(function () {
    $("sr-status").addEventListener("change", function () {
      void B.loadList("subsidy-claims", false);
    });
  });
  S.findingsList = findingsList;
  S.statusBadge = statusBadge;
  S.amountText = amountText;
  S.checkText = checkText;
})();
