/* 岗通 employer portal: 报名人员 on a posting's page — applicants masked until accepted (surname +
 * 某, township, age band, certificates), their state, the moves the server allows next (the
 * state table in src/modules/applications/rules.ts decides; this page only draws nextMoves), and
 * after 同意录用 the name and phone through the audited read. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;

  var current = { jobId: null, cursor: null, employments: null };

  /** The button text for each move an employer can make (state words stay the server's). */
  var MOVE_TEXT = {
    accepted: "同意录用",
    rejected: "不录用",
    hired: "录用上岗",
    no_show: window.GT_LABELS.applicationStatus.no_show,
  };

  /**
   * This employer's employment records by application, for 登记离岗 under hired applicants
   * (GET /api/v1/employments lists an employer's hires; the newest 100 are enough for one screen).
   */
  async function employmentsByApplication() {
    if (current.employments) return current.employments;
    var map = {};
    try {
      var page = await api("GET", "/api/v1/employments?limit=100");
      page.items.forEach(function (e) {
        if (e.applicationId) map[e.applicationId] = e;
      });
    } catch {
      /* the 登记离岗 button is left out */
    }
    current.employments = map;
    return map;
  }

  function contactBox(a) {
    var box = el("div", { class: "row tight" });
    var btn = el("button", { type: "button", class: "btn small", text: "查看姓名和电话" });
    btn.addEventListener("click", async function () {
      btn.disabled = true;
      try {
        var c = await api("GET", "/api/v1/applications/" + a.id + "/contact");
        box.textContent = "";
        box.appendChild(el("strong", { class: "contact", text: c.name + " " }));
        if (c.phone) box.appendChild(el("a", { href: "tel:" + c.phone, text: c.phone }));
        else box.appendChild(el("span", { text: "（没有登记电话）" }));
      } catch (e) {
        btn.disabled = false;
        GT.showError("app-error", e.message);
      }
    });
    box.appendChild(btn);
    return box;
  }

  function applicantItem(a, employment) {
    var p = a.applicant;
    var li = el("li", { class: "item", "data-application": a.id });
    var area = el("div", { class: "moves" });
    li.appendChild(
      el("p", { class: "title" }, [
        p.name,
        el("span", {
          class:
            "badge " +
            (a.status === "accepted" || a.status === "hired"
              ? "ok"
              : a.status === "submitted" || a.status === "viewed"
                ? "warn"
                : ""),
          text: a.statusLabel,
        }),
      ]),
    );
    li.appendChild(el("p", { text: [p.township || "乡镇不详", p.ageBand].join(" · ") }));
    li.appendChild(
      el("p", { text: p.certificates.length ? "证书：" + p.certificates.join("、") : "暂无证书" }),
    );
    li.appendChild(el("p", { class: "meta", text: "报名时间：" + GT.timeText(a.appliedAt) }));
    if (a.contactAvailable) li.appendChild(contactBox(a));
    if (employment) {
      li.appendChild(
        el("p", {
          class: "meta",
          text:
            "上岗日期：" +
            employment.startDate +
            (employment.endDate
              ? " · 已于 " + employment.endDate + " 离岗（" + E.endReasonText(employment) + "）"
              : ""),
        }),
      );
    }
    var buttons = el("div", { class: "row tight" });
    a.nextMoves
      .filter(function (to) {
        return MOVE_TEXT[to];
      })
      .forEach(function (to) {
        var b = el("button", {
          type: "button",
          class: "btn" + (to === "accepted" || to === "hired" ? " primary" : ""),
          text: MOVE_TEXT[to],
        });
        b.addEventListener("click", function () {
          E.moveForm(area, a, to, reload);
        });
        buttons.appendChild(b);
      });
    if (employment && !employment.endDate) {
      var end = el("button", { type: "button", class: "btn", text: "登记离岗" });
      end.addEventListener("click", function () {
        E.endForm(area, employment, reload);
      });
      buttons.appendChild(end);
    }
    if (buttons.children.length) li.appendChild(buttons);
    li.appendChild(area);
    return li;
  }

  /** After a move: the list again from the server, which knows the new state and next moves. */
  function reload() {
    current.employments = null;
    return loadApplicants(current.jobId, false);
  }

  async function loadApplicants(jobId, more) {
    var list = $("applicants");
    if (!more) current.cursor = null;
    current.jobId = jobId;
    $("applicants-status").textContent = "正在加载报名人员…";
    var path = "/api/v1/jobs/" + jobId + "/applications?limit=20";
    if (more && current.cursor) path += "&cursor=" + encodeURIComponent(current.cursor);
    try {
      var page = await api("GET", path);
      var anyHired = page.items.some(function (a) {
        return a.status === "hired";
      });
      var employments = anyHired ? await employmentsByApplication() : {};
      if (!more) list.textContent = "";
      page.items.forEach(function (a) {
        list.appendChild(applicantItem(a, employments[a.id]));
      });
      current.cursor = page.nextCursor;
      $("applicants-more").hidden = !page.nextCursor;
      $("applicants-status").textContent = list.children.length ? "" : "还没有人报名。";
    } catch (e) {
      $("applicants-status").textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  E.onJob.push(function (job) {
    $("applicants").textContent = "";
    current.employments = null;
    return loadApplicants(job.id, false);
  });
  E.inits.push(function () {
    $("applicants-more").addEventListener("click", function () {
      void loadApplicants(current.jobId, true);
    });
  });
})();
