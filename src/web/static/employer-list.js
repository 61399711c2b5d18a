/* 岗通 employer portal: the organisation's postings, filtered by status, 加载更多 to page on. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el,
    api = GT.api,
    state = E.state;

  function jobItem(job) {
    var badgeClass = job.status === "open" ? "ok" : job.status === "draft" ? "warn" : "";
    return el("li", null, [
      el("a", { class: "item", href: "#/jobs/" + job.id }, [
        el("span", { class: "title" }, [
          job.title,
          el("span", { class: "badge " + badgeClass, text: GT.label("jobStatus", job.status) }),
        ]),
        el("p", {
          text:
            GT.wageText(job.wage) +
            " · 招 " +
            job.headcount +
            " 人 · " +
            GT.label("channel", job.channel),
        }),
        el("p", {
          class: "meta",
          text:
            job.placeName + (job.postedAt ? " · 发布于 " + GT.timeText(job.postedAt) : " · 未发布"),
        }),
      ]),
    ]);
  }

  async function loadJobs(more) {
    var status = $("status-filter").value;
    var q = ["limit=20"];
    if (status) q.push("status=" + status);
    if (more && state.cursor) q.push("cursor=" + encodeURIComponent(state.cursor));
    $("jobs-status").textContent = "正在加载…";
    try {
      var page = await api("GET", "/api/v1/jobs?" + q.join("&"));
      if (!more) $("jobs").textContent = "";
      page.items.forEach(function (j) {
        $("jobs").appendChild(jobItem(j));
      });
      state.cursor = page.nextCursor;
      $("jobs-more").hidden = !page.nextCursor;
      $("jobs-status").textContent = $("jobs").children.length
        ? ""
        : "还没有岗位。点“发布岗位”发布第一个。";
    } catch (e) {
      $("jobs-status").textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  E.loadJobs = loadJobs;
})();
