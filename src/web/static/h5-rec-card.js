/* 岗通 H5: one recommended posting as a card — 我要报名, 不合适 (confirm, then why), 查看电话, and
 * the "viewed" mark once the card has been on screen. */
(function () {
  "use strict";

  var H = window.GTH5;
  var el = H.el,
    state = H.state;

  function markViewedWhenSeen(card, item) {
    if (item.feedback !== "none") return;
    var mark = function () {
      if (item.feedback !== "none") return;
      item.feedback = "viewed";
      H.sendFeedback(item.id, { action: "viewed" }).catch(function () {
        item.feedback = "none";
      });
    };
    if (!("IntersectionObserver" in window)) {
      mark();
      return;
    }
    if (!state.observer) {
      state.observer = new IntersectionObserver(
        function (entries) {
          entries.forEach(function (e) {
            if (!e.isIntersecting) return;
            state.observer.unobserve(e.target);
            var card = /** @type {any} */ (e.target);
            if (card._markViewed) card._markViewed();
          });
        },
        { threshold: 0.5 },
      );
    }
    card._markViewed = mark;
    state.observer.observe(card);
  }

  function doneNote(item) {
    if (item.feedback === "applied")
      return el("p", { class: "done applied", text: "已报名，用工单位会打电话联系您。" });
    if (item.feedback === "declined") {
      return el("p", {
        class: "done",
        text:
          "已记下：" +
          (H.REASON_LABEL[item.declineReason] || "不合适") +
          "。以后不再推荐这个岗位。",
      });
    }
    if (item.job.status !== "open")
      return el("p", { class: "done", text: "这个岗位已经招满或结束了。" });
    return null;
  }

  function renderRecCard(item) {
    var card = el("article", {
      class: "card",
      "data-recommendation": item.id,
      "aria-label": item.job.title,
    });
    var body = el("div", null, [
      el("h3", { text: item.job.title }),
      el("p", { class: "wage", text: H.wageText(item.job.wage) }),
      el("p", { class: "place", text: "地点：" + H.placeText(item.job.placeName) }),
      el("p", { class: "org", text: item.job.employerName }),
      item.reason ? el("p", { class: "reason", text: "推荐理由：" + item.reason }) : null,
      H.detailLink(item.job.id),
    ]);
    var bottom = el("div");
    card.appendChild(body);
    if (item.job.status === "open") card.appendChild(H.contactBox(item.job.id));
    card.appendChild(bottom);

    var drawBottom = function () {
      bottom.textContent = "";
      var note = doneNote(item);
      if (note) {
        bottom.appendChild(note);
        return;
      }
      var apply = el("button", { type: "button", class: "btn primary", text: "我要报名" });
      var decline = el("button", { type: "button", class: "btn", text: "不合适" });
      apply.addEventListener("click", function () {
        act(item, { action: "applied" });
      });
      decline.addEventListener("click", drawConfirm);
      bottom.appendChild(el("div", { class: "actions" }, [apply, decline]));
    };
    // 不合适 is final for this posting: say so before asking why.
    var drawConfirm = function () {
      bottom.textContent = "";
      var yes = el("button", { type: "button", class: "btn primary", text: "确定" });
      var no = el("button", { type: "button", class: "btn plain", text: "算了，返回" });
      yes.addEventListener("click", drawReasons);
      no.addEventListener("click", function () {
        drawBottom();
        focusFirst();
      });
      var ask = el("p", {
        class: "confirm",
        tabindex: "-1",
        text: "标记为不合适后，这个岗位不会再推荐给您。确定吗？",
      });
      bottom.appendChild(el("div", null, [ask, yes, no]));
      ask.focus();
    };
    var drawReasons = function () {
      bottom.textContent = "";
      var buttons = [];
      var choices = el("div", { class: "choices" });
      H.DECLINE_REASONS.forEach(function (r) {
        var b = el("button", { type: "button", class: "btn", text: r[1] });
        b.addEventListener("click", function () {
          act(item, { action: "declined", reason: r[0] });
        });
        buttons.push(b);
        choices.appendChild(b);
      });
      var cancel = el("button", { type: "button", class: "btn plain", text: "算了，返回" });
      cancel.addEventListener("click", function () {
        drawBottom();
        focusFirst();
      });
      var set = el("fieldset", null, [el("legend", { text: "为什么不合适？" }), choices, cancel]);
      bottom.appendChild(set);
      buttons[0].focus();
    };
    var focusFirst = function () {
      var b = bottom.querySelector("button");
      if (b) b.focus();
    };
    // The answer shows at once and the toast offers 撤销; it is sent when the window closes.
    var act = function (it, body) {
      H.showError("recs-error", "");
      var before = { feedback: it.feedback, declineReason: it.declineReason };
      it.feedback = body.action;
      it.declineReason = body.reason || null;
      drawBottom();
      var note = bottom.querySelector(".done");
      if (note) {
        note.setAttribute("tabindex", "-1");
        note.focus();
      }
      H.startPending(
        it,
        body,
        body.action === "applied" ? "已报名" : "已标记为不合适",
        function () {
          it.feedback = before.feedback;
          it.declineReason = before.declineReason;
          drawBottom();
          focusFirst();
        },
      );
    };
    drawBottom();
    markViewedWhenSeen(card, item);
    return card;
  }

  H.renderRecCard = renderRecCard;
})();
