/* 岗通 bureau portal: one person — their facts, their recommendation rounds, and 重新推荐. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    el = GT.el,
    api = GT.api,
    state = B.state;

  function roundBlock(r) {
    var head =
      "第 " +
      r.round +
      " 轮 · " +
      GT.label("trigger", r.trigger) +
      " · " +
      GT.label("outcome", r.outcome) +
      " · " +
      GT.timeText(r.createdAt);
    var items = r.items.map(function (it) {
      var fb =
        GT.label("feedback", it.feedback) +
        (it.declineReason ? "：" + GT.label("decline", it.declineReason) : "");
      return el("li", null, [
        el("strong", { text: it.job.title }),
        el("span", {
          class:
            "badge " +
            (it.feedback === "applied" ? "ok" : it.feedback === "declined" ? "warn" : ""),
          text: fb,
        }),
        el("p", {
          text: it.job.employerName + " · " + GT.wageText(it.job.wage) + " · " + it.job.placeName,
        }),
        el("p", {
          class: "meta",
          text: "理由：" + it.reason + " · 推送：" + GT.label("delivery", it.deliveryStatus),
        }),
      ]);
    });
    return el("div", { class: "round" }, [
      el("p", { class: "title", text: head }),
      r.ineligibleReason
        ? el("p", { class: "meta", text: "原因：" + GT.label("ineligible", r.ineligibleReason) })
        : null,
      r.shortage
        ? el("p", { class: "meta", text: "岗位不足：还差 " + r.shortage.missing + " 个" })
        : null,
      items.length ? el("ol", null, items) : el("p", { class: "meta", text: "本轮没有推荐岗位。" }),
    ]);
  }

  async function loadRounds(id) {
    $("rounds-status").textContent = "正在加载…";
    $("rounds").textContent = "";
    try {
      var data = await api("GET", "/api/v1/labourers/" + id + "/recommendations?limit=10");
      data.rounds.forEach(function (r) {
        $("rounds").appendChild(roundBlock(r));
      });
      $("rounds-status").textContent = data.rounds.length
        ? ""
        : "还没有推荐记录。培训合格后会自动推荐。";
    } catch (e) {
      $("rounds-status").textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  async function loadPerson(id) {
    state.personId = id;
    $("person-title").textContent = "正在加载…";
    $("person-facts").textContent = "";
    $("rerun-result").hidden = true;
    GT.showError("rerun-error", "");
    try {
      var p = await api("GET", "/api/v1/labourers/" + id);
      $("person-title").textContent = p.name + " 的推荐记录";
      $("person-facts").textContent =
        (p.sex === "female" ? "女" : "男") +
        " · " +
        p.age +
        " 岁 · " +
        GT.label("employment", p.employmentStatus) +
        " · " +
        GT.label("intention", p.workIntention) +
        (p.occupations.length ? " · 工种：" + p.occupations.join("、") : "");
    } catch (e) {
      $("person-title").textContent = "";
      GT.showError("app-error", e.message);
      return;
    }
    await loadRounds(id);
  }

  async function rerun() {
    var btn = $("rerun");
    btn.disabled = true;
    GT.showError("rerun-error", "");
    $("rerun-result").hidden = true;
    try {
      var res = await api(
        "POST",
        "/api/v1/labourers/" + state.personId + "/recommendations/rerun",
        {},
      );
      $("rerun-result").textContent =
        (res.message || "已安排新一轮推荐") + "（第 " + res.round + " 轮）";
      $("rerun-result").hidden = false;
    } catch (e) {
      GT.showError("rerun-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  B.loadPerson = loadPerson;
  B.rerun = rerun;
})();
