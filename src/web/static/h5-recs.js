/* 岗通 H5: 我的推荐 — the latest rounds, newest first, each posting once; and what to say when
 * there is nothing to show (including changing a "no work intention" on the spot). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el,
    api = H.api,
    state = H.state,
    showError = H.showError;

  async function loadRecommendations() {
    var list = $("recs-list");
    showError("recs-error", "");
    H.commitPending(); // the list is drawn afresh from the server: an answer waiting to be sent goes first
    try {
      await state.chain;
    } catch {
      /* its error is shown by commitPending */
    }
    $("recs-status").textContent = "正在加载推荐的岗位…";
    try {
      var data = await api(
        "GET",
        "/api/v1/labourers/" + state.labourerId + "/recommendations?limit=3",
      );
      if (state.observer) state.observer.disconnect(); // the old cards are about to go
      list.textContent = "";
      var rounds = (data && data.rounds) || [];
      var seen = {};
      var shown = 0;
      rounds.forEach(function (round, i) {
        var items = round.items.filter(function (it) {
          if (seen[it.job.id]) return false;
          seen[it.job.id] = true;
          return true;
        });
        if (items.length === 0) return;
        list.appendChild(
          el("h2", {
            class: "round-title",
            text: (i === 0 ? "最新推荐" : "以前的推荐") + "（" + H.dateText(round.createdAt) + "）",
          }),
        );
        items.forEach(function (it) {
          list.appendChild(H.renderRecCard(it));
          shown += 1;
        });
      });
      if (shown === 0) {
        $("recs-status").textContent = "";
        var latest = rounds[0];
        var me = await api("GET", "/api/v1/labourers/me");
        if (me.workIntention === "none") {
          list.appendChild(noIntentionNotice());
          return;
        }
        var text = !latest
          ? "现在还没有给您推荐的岗位。培训合格后，会为您推荐至少 3 个岗位，并发短信告诉您。"
          : latest.outcome === "ineligible"
            ? "您的登记信息里写的是没有劳动能力，所以没有推送岗位。情况有变化的话，请联系村里的帮扶干部改一下。"
            : "暂时没有合适的岗位。工作人员正在帮您找，有了会发短信告诉您。";
        list.appendChild(
          el("div", { class: "notice" }, [
            el("p", { text: text }),
            el("p", { text: "您也可以点上面的“找工作”自己看看。" }),
          ]),
        );
      } else {
        $("recs-status").textContent = "共 " + shown + " 个岗位，看中了就点“我要报名”。";
      }
    } catch (e) {
      $("recs-status").textContent = "";
      showError("recs-error", e.message);
    }
  }

  var INTENTIONS = [
    ["local", "就近就业（本县、本市）"],
    ["in_province", "区内务工（广西区内）"],
    ["out_province", "区外务工（可去广东）"],
  ];

  /** No work intention on record: say so, and let the person change it here. */
  function noIntentionNotice() {
    var select = el(
      "select",
      { id: "intention", name: "workIntention" },
      INTENTIONS.map(function (o) {
        return el("option", { value: o[0], text: o[1] });
      }),
    );
    var status = el("p", { class: "status", role: "status" });
    var button = el("button", { type: "submit", text: "保存务工意愿" });
    var form = el("form", { class: "intention-form" }, [
      el("label", { for: "intention", text: "想怎么找工作" }),
      select,
      button,
      status,
    ]);
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      button.disabled = true;
      status.textContent = "正在保存…";
      try {
        await api("PATCH", "/api/v1/labourers/me", { workIntention: select.value });
        status.textContent =
          "已改好。正在为您推荐岗位，过一会儿再点“推荐岗位”看看，推荐好了也会发短信告诉您。";
      } catch (e) {
        status.textContent = "";
        button.disabled = false;
        showError("recs-error", e.message);
      }
    });
    return el("div", { class: "notice" }, [
      el("p", { text: "您登记的是暂无就业意愿，所以没有推送岗位。" }),
      el("p", { text: "如果想找工作，选一下务工意愿并保存，马上就为您推荐岗位。" }),
      form,
    ]);
  }

  H.loadRecommendations = loadRecommendations;
  // Drawn afresh from the server each time the tab is opened.
  H.tabs.push({ name: "recs", open: loadRecommendations });
})();
