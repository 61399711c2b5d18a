/* 岗通 employer portal: one posting — its facts, 发布 for a draft, and the suggested candidates. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;

  function fact(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", { text: String(value) }));
  }

  function candidateItem(c) {
    var who = c.name + (c.age ? "，" + c.age + " 岁" : "");
    return el("li", { class: "item" }, [
      el("span", { class: "title" }, [
        who,
        c.applied
          ? el("span", { class: "badge ok", text: "已报名" })
          : el("span", { class: "badge", text: "未报名" }),
      ]),
      el("p", { text: (c.place || "") + " · " + GT.label("capacity", c.labourCapacity) }),
      c.certificates.length ? el("p", { text: "证书：" + c.certificates.join("、") }) : null,
      el("p", { class: "meta", text: "推荐理由：" + c.reason }),
      c.applied && c.phoneMasked ? el("p", { text: "联系电话：" + c.phoneMasked }) : null,
    ]);
  }

  async function openJob(id) {
    E.show("view-job");
    $("job-title").textContent = "正在加载…";
    $("job-facts").textContent = "";
    $("job-actions").textContent = "";
    $("candidates").textContent = "";
    try {
      var job = await api("GET", "/api/v1/jobs/" + id);
      $("job-title").textContent = job.title;
      var dl = $("job-facts");
      fact(dl, "状态", GT.label("jobStatus", job.status));
      fact(dl, "类型", GT.label("channel", job.channel) + " · " + job.occupation);
      fact(dl, "体力要求", GT.label("physicalDemand", job.physicalDemand || "normal"));
      fact(dl, "工资", GT.wageText(job.wage));
      fact(dl, "人数", job.headcount + " 人");
      fact(dl, "地点", job.placeName + (job.address ? " " + job.address : ""));
      if (job.workStartOn) fact(dl, "工期", job.workStartOn + " 至 " + (job.workEndOn || ""));
      fact(dl, "集合地点", job.meetingPoint);
      fact(dl, "联系人", job.contactName + " " + job.contactPhone);
      fact(dl, "截止", GT.timeText(job.expiresAt));
      fact(dl, "工作内容", job.description);
      if (job.status === "draft") {
        var open = el("button", { type: "button", class: "btn primary", text: "发布（开始招聘）" });
        open.addEventListener("click", async function () {
          open.disabled = true;
          try {
            await api("POST", "/api/v1/jobs/" + id + "/open", {});
            await openJob(id);
          } catch (e) {
            open.disabled = false;
            GT.showError("app-error", e.message);
          }
        });
        $("job-actions").appendChild(open);
      }
      // Feature files add their buttons for a posting (employer-job-status.js: 招满 / 关闭).
      (E.jobActions || []).forEach(function (add) {
        add(job, $("job-actions"));
      });
    } catch (e) {
      $("job-title").textContent = "";
      GT.showError("app-error", e.message);
      return;
    }
    E.onJob.forEach(function (fn) {
      void fn(job);
    });
    // Only an open posting has candidates (the API answers JOB_NOT_OPEN otherwise).
    if (job.status !== "open") {
      $("candidates-status").textContent =
        job.status === "draft"
          ? "岗位发布后，系统会把它推荐给培训合格的求职者，并在这里列出合适的人选。"
          : "岗位已不在招聘中。";
      return;
    }
    $("candidates-status").textContent = "正在查找合适的人选…";
    try {
      var list = await api("GET", "/api/v1/jobs/" + id + "/candidates");
      list.items.forEach(function (c) {
        $("candidates").appendChild(candidateItem(c));
      });
      $("candidates-status").textContent = list.items.length
        ? ""
        : "暂时没有合适的人选。岗位发布后，系统会把它推荐给培训合格的求职者。";
    } catch (e) {
      $("candidates-status").textContent = e.message;
    }
  }

  E.fact = fact;
  E.openJob = openJob;
})();
