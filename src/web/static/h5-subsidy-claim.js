/* 岗通 H5: one subsidy claim (#subsidy/<id>, GET /api/v1/subsidy-claims/{id}) — the claim in
 * words (h5-subsidy.js), its tickets (each photo shown on a tap through the audited file route;
 * 删除 while the claim may change: DELETE …/proofs/{proofId}), then, while it may change, the
 * ticket upload and 提交申请 (h5-subsidy-upload.js), and the claim's history. Not a tab: it covers
 * the tab sections, and 返回 (or the phone's back, or a tab) brings 我的补贴 back. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el,
    showError = H.showError;
  var S = H.subsidy;
  var ROUTE = /^#subsidy\/([0-9a-f-]{36})$/i;
  var current = null; // the claim on screen, so a late answer for another one is dropped
  var viaTap = false;

  /** The photo, fetched with the session (an <img src> cannot carry it) and shown as a data: URL. */
  async function showPhoto(claimId, proof, box, button) {
    button.disabled = true;
    try {
      var s = H.session();
      var res = await fetch("/api/v1/subsidy-claims/" + claimId + "/proofs/" + proof.id + "/file", {
        headers: { authorization: "Bearer " + (s ? s.token : "") },
      });
      if (!res.ok) throw new Error("照片打不开，请稍后再试");
      var blob = await res.blob();
      var url = await new Promise(function (ok, fail) {
        var r = new FileReader();
        r.onload = function () {
          ok(r.result);
        };
        r.onerror = fail;
        r.readAsDataURL(blob);
      });
      if (proof.mediaType === "application/pdf") {
        box.appendChild(el("p", { class: "hint", text: "这是 PDF 文件，已上传。" }));
      } else box.appendChild(el("img", { src: url, alt: "车票 " + proof.ticketNo }));
      button.hidden = true;
    } catch (e) {
      button.disabled = false;
      box.appendChild(el("p", { class: "field-error", role: "alert", text: e.message }));
    }
  }

  function ticketRow(c, proof, editable) {
    var box = el("div", { class: "ticket", "data-proof": proof.id });
    box.appendChild(
      el("p", {
        text: "票号 " + proof.ticketNo + "，票价 " + GTMoney.yuanText(proof.amountFen),
      }),
    );
    if (proof.leg && proof.travelDate)
      box.appendChild(
        el("p", {
          text:
            (window.GT_LABELS.ticketLeg || {})[proof.leg] +
            "，" +
            S.dayText(proof.travelDate) +
            "乘车",
        }),
      );
    box.appendChild(el("p", { class: "hint", text: H.dateText(proof.createdAt) + "上传" }));
    var look = el("button", { type: "button", class: "btn plain", text: "看照片" });
    look.addEventListener("click", function () {
      void showPhoto(c.id, proof, box, look);
    });
    box.appendChild(look);
    if (editable) {
      var remove = el("button", { type: "button", class: "btn plain", text: "删除这张车票" });
      remove.addEventListener("click", async function () {
        remove.disabled = true;
        try {
          var fresh = await H.api(
            "DELETE",
            "/api/v1/subsidy-claims/" + c.id + "/proofs/" + proof.id,
          );
          draw(fresh, "已删除票号 " + proof.ticketNo + " 的车票。");
        } catch (e) {
          remove.disabled = false;
          box.appendChild(el("p", { class: "field-error", role: "alert", text: e.message }));
        }
      });
      box.appendChild(remove);
    }
    return box;
  }

  function historyList(c) {
    return el(
      "ul",
      { class: "events" },
      c.events.map(function (e) {
        return el("li", {
          text:
            H.dateText(e.at) +
            " " +
            GTApi.chinaParts(e.at).time +
            "　" +
            S.statusLabel(e.to) +
            // The bank's reference number means nothing to the person; every other reason does.
            (e.reason && e.to !== "paid" ? "：" + e.reason : ""),
        });
      }),
    );
  }

  /** Draws claim `c` (a detail answer); `said` is a line for the status area (what just happened). */
  function draw(c, said) {
    if (current !== c.id) return;
    var editable = S.EDITABLE.indexOf(c.status) >= 0;
    var body = $("claim-body");
    body.textContent = "";
    $("claim-status").textContent = said || "";
    var card = el("article", { class: "card detail", "data-claim": c.id }, S.claimSummary(c));
    if (c.minTickets > 0 || c.proofs.length) {
      card.appendChild(el("h4", { text: "车票（已上传 " + c.proofs.length + " 张）" }));
      if (!c.proofs.length) card.appendChild(el("p", { class: "hint", text: "还没有上传车票。" }));
      c.proofs.forEach(function (p) {
        card.appendChild(ticketRow(c, p, editable));
      });
    }
    if (editable && c.minTickets > 0) card.appendChild(S.uploadForm(c, draw));
    if (editable) card.appendChild(S.submitForm(c, draw));
    if (c.payee && !editable)
      card.appendChild(
        el("p", {
          class: "hint",
          text:
            "收款账号：" +
            ((window.GT_LABELS || {}).payeeAccount || {})[c.payee.accountType] +
            " " +
            c.payee.accountMasked,
        }),
      );
    card.appendChild(el("h4", { text: "办理记录" }));
    card.appendChild(historyList(c));
    body.appendChild(card);
  }

  async function openClaim(id, said) {
    current = id;
    H.hideSections();
    // A claim belongs to 我的补贴, also when it was opened from a link.
    H.tabs.forEach(function (t) {
      if (t.name === "subsidy") $("tab-" + t.name).setAttribute("aria-current", "page");
      else $("tab-" + t.name).removeAttribute("aria-current");
    });
    $("claim").hidden = false;
    $("claim-body").textContent = "";
    showError("claim-error", "");
    $("claim-status").textContent = "正在打开…";
    try {
      var c = await H.api("GET", "/api/v1/subsidy-claims/" + id);
      draw(c, said);
    } catch (e) {
      if (current !== id) return;
      $("claim-status").textContent = "";
      showError("claim-error", e.message);
    }
  }

  function closeClaim() {
    if (current === null) return;
    current = null;
    $("claim").hidden = true;
    $("claim-body").textContent = "";
    // Left for another page's address (a posting): that page shows itself.
    if (!location.hash) void H.showTab("subsidy");
  }

  function route() {
    if (!H.state.labourerId) return;
    var m = ROUTE.exec(location.hash);
    if (m) {
      viaTap = true;
      void openClaim(m[1].toLowerCase());
    } else closeClaim();
  }

  S.openClaim = openClaim;
  S.draw = draw;
  H.inits.push(function () {
    window.addEventListener("hashchange", route);
    $("claim-back").addEventListener("click", function () {
      if (viaTap && ROUTE.test(location.hash)) {
        window.history.back();
        return;
      }
      window.history.replaceState(null, "", location.pathname + location.search);
      closeClaim();
    });
    // A tab tapped while a claim shows: drop the claim (and its address) first.
    H.tabs.forEach(function (t) {
      $("tab-" + t.name).addEventListener("click", function () {
        if (current === null) return;
        current = null;
        viaTap = false;
        $("claim").hidden = true;
        window.history.replaceState(null, "", location.pathname + location.search);
      });
    });
  });
  // A link to /h5/#subsidy/<id> (e.g. from a notice): the claim covers 我的推荐 once it shows.
  H.onStart.push(async function () {
    var m = ROUTE.exec(location.hash);
    if (!m) return;
    await Promise.resolve();
    void openClaim(m[1].toLowerCase());
  });
})();
