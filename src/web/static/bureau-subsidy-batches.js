/* 岗通 bureau portal: 发放批次 — payment batches of the user's region. 生成发放批次 takes the
 * approved claims (POST /api/v1/payment-batches); a batch's page shows its stored total, downloads
 * the bank's 代发 XLSX with the token (audited by the server), imports the bank's return file
 * (XLSX or CSV) and lists each row's result, and the batch's items (masked). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var $ = GT.$,
    el = GT.el;
  var state = { batchId: null, names: {} };

  function programmeName(id) {
    return state.names[id] || "补贴";
  }

  async function learnProgrammes() {
    var items = await S.fillProgrammes($("sb-programme"));
    items.forEach(function (p) {
      state.names[p.id] = p.name;
    });
  }

  function countsText(b) {
    var t = b.claimCount + " 笔，合计 " + b.total + " 元";
    if (b.paidCount || b.failedCount)
      t +=
        "；已发放 " +
        b.paidCount +
        " 笔（" +
        S.yuan(b.paidFen) +
        " 元），发放失败 " +
        b.failedCount +
        " 笔";
    return t;
  }

  function batchItem(b) {
    return el("li", { class: "item", "data-batch": b.id }, [
      el("p", { class: "title" }, [
        el("a", {
          href: "#/subsidy/batches/" + b.id,
          text: programmeName(b.programmeId) + " · " + GT.timeText(b.createdAt),
        }),
        el("span", {
          class: "badge " + (b.status === "closed" ? "ok" : "warn"),
          text: GT.label("batchStatus", b.status),
        }),
      ]),
      el("p", { text: countsText(b) }),
      el("p", { class: "meta" }, [GT.regionSpan(b.regionCode)]),
    ]);
  }

  function itemRow(i) {
    var result = i.result === "paid" ? "ok" : i.result === "failed" ? "bad" : "warn";
    return el("li", { class: "item", "data-item": i.id }, [
      el("p", { class: "title" }, [
        i.seq + ". ",
        el("a", { href: "#/subsidy/claims/" + i.claimId, text: i.name }),
        " " + i.idNumberMasked + " ",
        el("span", { class: "badge " + result, text: GT.label("itemResult", i.result) }),
      ]),
      el("p", {
        text:
          S.yuan(i.amountFen) +
          " 元 · " +
          (i.accountType
            ? GT.label("subsidyAccount", i.accountType) + " " + (i.accountMasked || "")
            : "无收款账户"),
      }),
      i.reference ? el("p", { class: "meta", text: "银行流水号：" + i.reference }) : null,
      i.failureReason ? el("p", { class: "meta", text: "失败原因：" + i.failureReason }) : null,
    ]);
  }

  function batchFacts(b) {
    var dl = $("bt-facts");
    dl.textContent = "";
    var add = function (t, v) {
      dl.appendChild(el("dt", { text: t }));
      dl.appendChild(el("dd", null, [typeof v === "string" ? document.createTextNode(v) : v]));
    };
    add("补贴项目", programmeName(b.programmeId));
    add("辖区", GT.regionSpan(b.regionCode));
    add("生成时间", GT.timeText(b.createdAt));
    add("笔数", b.claimCount + " 笔");
    add("合计金额", b.total + " 元");
    add(
      "状态",
      GT.label("batchStatus", b.status) + (b.closedAt ? "（" + GT.timeText(b.closedAt) + "）" : ""),
    );
    add("已发放", b.paidCount + " 笔，" + S.yuan(b.paidFen) + " 元");
    add("发放失败", b.failedCount + " 笔");
  }

  async function openBatch(id) {
    state.batchId = id;
    GT.showError("bt-error", "");
    $("bt-result").hidden = true;
    try {
      if (!Object.keys(state.names).length) await learnProgrammes();
      var b = await GT.api("GET", "/api/v1/payment-batches/" + id);
      $("bt-title").textContent = "发放批次 · " + GT.timeText(b.createdAt);
      batchFacts(b);
      await B.loadList("bt-items", false);
    } catch (e) {
      GT.showError("app-error", e.message);
    }
  }

  async function createBatch() {
    GT.showError("sb-error", "");
    var btn = $("sb-create");
    btn.disabled = true;
    try {
      var b = await GT.api("POST", "/api/v1/payment-batches", {
        programme: $("sb-programme").value || "transport_subsidy",
      });
      location.hash = "#/subsidy/batches/" + b.id;
    } catch (e) {
      GT.showError("sb-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  async function importReturn(e) {
    e.preventDefault();
    GT.showError("bt-error", "");
    var input = $("bt-return-file");
    var file = input.files[0];
    input.removeAttribute("aria-invalid");
    if (!file) {
      input.setAttribute("aria-invalid", "true");
      GT.showError("bt-error", "请选择银行回盘文件（.xlsx 或 CSV）");
      return;
    }
    var btn = $("bt-return-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      var form = new FormData();
      form.append("file", file);
      var r = await GT.api(
        "POST",
        "/api/v1/payment-batches/" + state.batchId + "/return-file",
        form,
      );
      $("bt-result-counts").textContent =
        "已发放 " +
        r.counts.paid +
        " 行，发放失败 " +
        r.counts.failed +
        " 行，拒收 " +
        r.counts.refused +
        " 行。";
      var ul = $("bt-result-rows");
      ul.textContent = "";
      r.rows.forEach(function (row) {
        var kind = row.outcome === "paid" ? "ok" : "bad";
        ul.appendChild(
          el("li", { class: "item", "data-row": String(row.rowNumber) }, [
            el("p", { class: "title" }, [
              "第 " + row.rowNumber + " 行 ",
              el("span", { class: "badge " + kind, text: GT.label("returnOutcome", row.outcome) }),
            ]),
            el("p", { text: row.reason }),
          ]),
        );
      });
      $("bt-result").hidden = false;
      input.value = "";
      var b = await GT.api("GET", "/api/v1/payment-batches/" + state.batchId);
      batchFacts(b);
      await B.loadList("bt-items", false);
    } catch (err) {
      GT.showError("bt-error", err.message);
    } finally {
      btn.disabled = false;
    }
  }

  B.lists["subsidy-batches"] = {
    path: function () {
      return "/api/v1/payment-batches?limit=20";
    },
    item: batchItem,
    empty: "还没有发放批次。",
  };
  B.lists["bt-items"] = {
    path: function () {
      return "/api/v1/payment-batches/" + state.batchId + "/items?limit=50";
    },
    item: itemRow,
    empty: "这个批次没有明细。",
  };
  B.views.push("subsidy-batches", "subsidy-batch");
  B.tabs.push("subsidy-batches");
  B.tabOf["subsidy-batch"] = "subsidy-batches";
  B.routes.push(
    {
      pattern: /^\/subsidy\/batches$/,
      open: async function () {
        B.show("subsidy-batches");
        try {
          await learnProgrammes();
        } catch (e) {
          GT.showError("app-error", e.message);
        }
        return B.loadList("subsidy-batches", false);
      },
    },
    {
      pattern: /^\/subsidy\/batches\/([0-9a-f-]{36})$/,
      open: function (m) {
        B.show("subsidy-batch");
        return openBatch(m[1]);
      },
    },
  );
  B.inits.push(function () {
    // Payment batches are the bureau's (the API refuses a cadre): a cadre's page has no such tab.
    S.account().then(
      function (m) {
        $("tab-subsidy-batches").hidden = m.role === "cadre";
      },
      function () {},
    );
    $("sb-create").addEventListener("click", function () {
      void createBatch();
    });
    $("bt-return-form").addEventListener("submit", importReturn);
    $("bt-download").addEventListener("click", function () {
      var btn = $("bt-download");
      btn.disabled = true;
      GT.showError("bt-error", "");
      S.download("/api/v1/payment-batches/" + state.batchId + "/export", "代发明细.xlsx")
        .catch(function (e) {
          GT.showError("bt-error", e.message);
        })
        .finally(function () {
          btn.disabled = false;
        });
    });
  });
})();
