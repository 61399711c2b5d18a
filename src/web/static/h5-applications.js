/* 岗通 H5: 我的报名 — each application with its state in plain words and what happens next (both
 * from the server: STATUS_TEXT in src/modules/applications/rules.ts, the one place the words
 * live), and 撤回报名 with a reason. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el,
    showError = H.showError;

  /** The withdrawal reasons the API takes, in its words (GT_LABELS from src/lib/enums.ts). */
  var WITHDRAW_REASONS = Object.keys(window.GT_LABELS.withdrawReason).map(function (k) {
    return [k, window.GT_LABELS.withdrawReason[k]];
  });

  var cursor = null;

  /** Green for good news, grey for an end, plain while waiting. */
  function tone(status) {
    if (status === "accepted" || status === "hired") return "good";
    if (status === "rejected" || status === "withdrawn" || status === "no_show") return "ended";
    return "";
  }

  function renderApplication(a) {
    var card = el("article", {
      class: "card",
      "data-application": a.id,
      "aria-label": a.job.title,
    });
    var bottom = el("div");
    card.appendChild(el("h3", { text: a.job.title }));
    card.appendChild(el("p", { class: "org", text: a.job.employerName }));
    card.appendChild(el("p", { class: "place", text: "地点：" + H.placeText(a.job.placeName) }));
    card.appendChild(el("p", { class: "state " + tone(a.status), text: a.statusLabel }));
    card.appendChild(el("p", { class: "next", text: a.next }));
    card.appendChild(
      el("p", {
        class: "hint",
        text:
          (a.onBehalf ? "帮扶干部代您报名，" : "") +
          H.dateText(a.appliedAt) +
          "报名，" +
          H.dateText(a.statusChangedAt) +
          "更新",
      }),
    );
    card.appendChild(bottom);

    var drawBottom = function () {
      bottom.textContent = "";
      if (!a.canWithdraw) return;
      var withdraw = el("button", { type: "button", class: "btn", text: "撤回报名" });
      withdraw.addEventListener("click", drawReasons);
      bottom.appendChild(withdraw);
    };
    var drawReasons = function () {
      bottom.textContent = "";
      var error = el("p", { class: "error", role: "alert", hidden: true });
      var note = el("textarea", {
        id: "withdraw-note-" + a.id,
        maxlength: "200",
        rows: "2",
        "aria-label": "写一下原因",
      });
      var noteBox = el("div", { hidden: true }, [
        el("label", { for: "withdraw-note-" + a.id, text: "写一下原因" }),
        note,
      ]);
      var send = async function (reason, button) {
        if (reason === "other" && !note.value.trim()) {
          noteBox.hidden = false;
          note.focus();
          if (button.dataset.asked) {
            error.textContent = "请写一下原因";
            error.hidden = false;
          }
          button.dataset.asked = "1";
          return;
        }
        button.disabled = true;
        error.hidden = true;
        var body = { to: "withdrawn", reason: reason };
        if (reason === "other") body.note = note.value.trim();
        try {
          await H.api("POST", "/api/v1/applications/" + a.id + "/moves", body);
          // Drawn again from the server, which has the words for the new state.
          await loadApplications(false);
          var again = /** @type {HTMLElement | null} */ (
            document.querySelector('[data-application="' + a.id + '"] .state')
          );
          if (again) {
            again.setAttribute("tabindex", "-1");
            again.focus();
          }
        } catch (e) {
          button.disabled = false;
          error.textContent = e.message;
          error.hidden = false;
        }
      };
      var choices = el("div", { class: "choices" });
      var buttons = WITHDRAW_REASONS.map(function (r) {
        var b = el("button", { type: "button", class: "btn", text: r[1] });
        b.addEventListener("click", function () {
          void send(r[0], b);
        });
        choices.appendChild(b);
        return b;
      });
      var cancel = el("button", { type: "button", class: "btn plain", text: "算了，不撤回" });
      cancel.addEventListener("click", drawBottom);
      bottom.appendChild(
        el("fieldset", null, [
          el("legend", { text: "为什么要撤回？" }),
          choices,
          noteBox,
          error,
          cancel,
        ]),
      );
      buttons[0].focus();
    };
    drawBottom();
    return card;
  }

  async function loadApplications(more) {
    var list = $("apps-list");
    showError("apps-error", "");
    $("apps-status").textContent = "正在加载您的报名…";
    var path = "/api/v1/applications/mine?limit=10";
    if (more && cursor) path += "&cursor=" + encodeURIComponent(cursor);
    try {
      var page = await H.api("GET", path);
      if (!more) list.textContent = "";
      page.items.forEach(function (a) {
        list.appendChild(renderApplication(a));
      });
      cursor = page.nextCursor;
      $("apps-more").hidden = !page.nextCursor;
      $("apps-status").textContent = list.children.length
        ? "共 " + list.children.length + " 个报名" + (page.nextCursor ? "，还有更多" : "") + "。"
        : "您还没有报名。在“我的推荐”或“找工作”里看中了，就点“我要报名”。";
    } catch (e) {
      $("apps-status").textContent = "";
      showError("apps-error", e.message);
    }
  }

  H.inits.push(function () {
    $("apps-more").addEventListener("click", function () {
      void loadApplications(true);
    });
  });
  // Drawn afresh each time the tab is opened: the employer may have answered meanwhile.
  H.tabs.push({
    name: "apps",
    open: async function () {
      // A 报名 from 我的推荐 still in its undo window is sent first, so it is in the list.
      H.commitPending();
      try {
        await H.state.chain;
      } catch {
        /* its error shows on 我的推荐 */
      }
      return loadApplications(false);
    },
  });
})();
