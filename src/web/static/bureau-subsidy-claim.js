/* 岗通 bureau portal: one subsidy claim (#/subsidy/claims/<id>) — its facts, the automatic
 * check's findings, the ticket photos (fetched with the token and shown from blob: URLs, each
 * view audited by the server), 批准 / 驳回 / 退回补充材料 (POST …/review) and the audit trail
 * (the claim's `events`: when, who, from → to, why). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var $ = GT.$,
    el = GT.el;
  var blobs = [];
  var state = { reviewer: false };

  function dropBlobs() {
    blobs.forEach(function (u) {
      URL.revokeObjectURL(u);
    });
    blobs = [];
  }

  function facts(c) {
    var dl = $("sc-facts");
    dl.textContent = "";
    var add = function (term, value) {
      if (value === null || value === undefined || value === "") return;
      dl.appendChild(el("dt", { text: term }));
      dl.appendChild(
        el("dd", null, [typeof value === "string" ? document.createTextNode(value) : value]),
      );
    };
    add(
      "申领人",
      el("span", null, [B.personLink(c.labourerId, c.labourerName), " " + c.idNumberMasked]),
    );
    add("状态", el("span", null, [S.statusBadge(c), " " + c.statusNext]));
    add(
      "补贴项目",
      c.programme.name + "（" + c.policyYear + " 年度政策第 " + c.policyVersion + " 版）",
    );
    add("目的地", S.placeSpan(c.destinationCode));
    add("来源", GT.label("subsidyOrigin", c.origin));
    add("车票合计", c.provenFen === null ? "" : S.yuan(c.provenFen) + " 元");
    add("上限", c.capFen === null ? "" : S.yuan(c.capFen) + " 元");
    add("核定金额", c.amountFen === null ? "待核定" : S.yuan(c.amountFen) + " 元");
    add(
      "收款账户",
      c.payee
        ? GT.label("subsidyAccount", c.payee.accountType) + " " + c.payee.accountMasked
        : "未填写",
    );
    add("审核意见", c.reviewReason);
    add("银行流水号", c.paymentReference);
    add("发放失败原因", c.paymentFailureReason);
  }

  /** One ticket: number, fare and the photo itself (a PDF opens as a download). */
  function proofItem(claimId, p) {
    var path = "/api/v1/subsidy-claims/" + claimId + "/proofs/" + p.id + "/file";
    var li = el("li", { class: "item", "data-proof": p.id }, [
      el("p", {
        class: "title",
        text: "票号 " + p.ticketNo + " · 票价 " + S.yuan(p.amountFen) + " 元",
      }),
      // The day and leg on the ticket (null on tickets uploaded before they were asked).
      p.leg && p.travelDate
        ? el("p", {
            class: "meta ticket-travel",
            text: GT.label("ticketLeg", p.leg) + " · 乘车日期 " + p.travelDate,
          })
        : null,
      el("p", {
        class: "meta",
        text: GT.timeText(p.createdAt) + " 由" + S.actorText(p.uploadedRole) + "上传",
      }),
    ]);
    var error = el("p", { class: "error", role: "alert", hidden: true });
    if (p.mediaType === "application/pdf") {
      var open = el("button", { type: "button", class: "btn", text: "下载车票（PDF）" });
      open.addEventListener("click", function () {
        S.download(path, "车票-" + p.ticketNo + ".pdf").catch(function (e) {
          error.textContent = e.message;
          error.hidden = false;
        });
      });
      li.appendChild(el("div", { class: "row tight" }, [open]));
    } else {
      var img = el("img", { class: "proof", alt: "车票照片 " + p.ticketNo });
      li.appendChild(img);
      S.fetchFile(path)
        .then(function (f) {
          var url = URL.createObjectURL(f.blob);
          blobs.push(url);
          img.src = url;
        })
        .catch(function (e) {
          img.remove();
          error.textContent = "车票照片没有打开：" + e.message;
          error.hidden = false;
        });
    }
    li.appendChild(error);
    return li;
  }

  var DECISIONS = [
    ["approve", "批准", "primary"],
    ["reject", "驳回", ""],
    ["return", "退回补充材料", ""],
  ];
  var NEED_REASON = {
    reject: "驳回时请写明原因",
    return: "退回时请写明需要补充什么材料",
  };

  /** 批准 / 驳回 / 退回补充材料 for a claim waiting for review (bureau staff; a cadre only reads). */
  function reviewBox(c) {
    var box = $("sc-review");
    box.textContent = "";
    if (c.status !== "checked" || !state.reviewer) return;
    var reason = el("textarea", { id: "sc-reason", maxlength: "300", rows: "3" });
    var error = el("p", { id: "sc-review-error", class: "error", role: "alert", hidden: true });
    var buttons = DECISIONS.map(function (d) {
      var b = el("button", { type: "button", class: "btn " + d[2], text: d[1] });
      if (d[0] === "approve" && !c.checkPassed) b.disabled = true;
      b.addEventListener("click", function () {
        void decide(c, d[0], reason, error, buttons);
      });
      return b;
    });
    box.appendChild(el("h3", { text: "审核" }));
    if (!c.checkPassed)
      box.appendChild(
        el("p", {
          class: "notice",
          text: "自动核对未通过，不能批准：请退回补充材料，或驳回并写明原因。",
        }),
      );
    box.appendChild(
      el("div", { class: "form narrow" }, [
        el("label", { for: "sc-reason", text: "驳回原因，或需要补充的材料（驳回、退回时必填）" }),
        reason,
        error,
        el("div", { class: "row tight" }, buttons),
      ]),
    );
  }

  async function decide(c, decision, reason, error, buttons) {
    error.hidden = true;
    reason.removeAttribute("aria-invalid");
    var text = reason.value.trim();
    if (NEED_REASON[decision] && text.length < 2) {
      error.textContent = NEED_REASON[decision];
      error.hidden = false;
      reason.setAttribute("aria-invalid", "true");
      reason.focus();
      return;
    }
    var body = { decision: decision };
    if (text) body.reason = text;
    buttons.forEach(function (b) {
      b.disabled = true;
    });
    try {
      var done = await GT.api("POST", "/api/v1/subsidy-claims/" + c.id + "/review", body);
      draw(done);
      $("sc-status").textContent =
        "已" +
        (decision === "approve" ? "批准" : decision === "reject" ? "驳回" : "退回补充材料") +
        "。";
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      buttons.forEach(function (b, i) {
        b.disabled = i === 0 && !c.checkPassed;
      });
    }
  }

  function draw(c) {
    dropBlobs();
    $("sc-title").textContent = c.labourerName + " 的" + c.programme.name;
    facts(c);
    var fl = $("sc-findings");
    fl.textContent = "";
    if (c.findings.length) fl.appendChild(el("li", null, [S.findingsList(c.findings)]));
    else fl.appendChild(el("li", { class: "meta", text: "尚未自动核对。" }));
    var pl = $("sc-proofs");
    pl.textContent = "";
    c.proofs.forEach(function (p) {
      pl.appendChild(proofItem(c.id, p));
    });
    if (!c.proofs.length) pl.appendChild(el("li", { class: "meta", text: "还没有上传车票。" }));
    reviewBox(c);
    // 代为上传车票 and 代为提交申请 (bureau-subsidy-upload.js).
    if (B.subsidyUpload)
      B.subsidyUpload(c, function (fresh, message) {
        draw(fresh);
        $("sc-status").textContent = message;
      }).catch(function (e) {
        GT.showError("app-error", e.message);
      });
    var ev = $("sc-events");
    ev.textContent = "";
    c.events.forEach(function (e) {
      ev.appendChild(S.eventItem(e));
    });
  }

  async function load(id) {
    $("sc-title").textContent = "补贴申领";
    $("sc-status").textContent = "正在加载…";
    $("sc-review").textContent = "";
    try {
      var m = await S.account();
      state.reviewer = m.role === "bureau" || m.role === "admin";
      draw(await GT.api("GET", "/api/v1/subsidy-claims/" + id));
      $("sc-status").textContent = "";
    } catch (e) {
      $("sc-status").textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  B.views.push("subsidy-claim");
  B.tabOf["subsidy-claim"] = "subsidy-review";
  B.routes.push({
    pattern: /^\/subsidy\/claims\/([0-9a-f-]{36})$/,
    open: function (m) {
      B.show("subsidy-claim");
      return load(m[1]);
    },
  });
})();
