/* 岗通 employer portal: the organisation's postings, suggested candidates per posting, and a
 * form for odd-job postings (created as a draft, then opened). Routes live in location.hash.
 * Loaded last (defer keeps the order): api.js, portal.js, employer-core.js (the namespace
 * window.GTE), then one file per feature — employer-list.js, employer-job.js, employer-form.js,
 * employer-form-submit.js. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    api = GT.api,
    state = E.state;

  function route() {
    if (!state.ready) return;
    var h = location.hash.replace(/^#/, "");
    for (var i = 0; i < E.routes.length; i++) {
      var found = E.routes[i].pattern.exec(h);
      if (found) return E.routes[i].open(found);
    }
    var m = /^\/jobs\/([0-9a-f-]{36})$/.exec(h);
    if (m) return E.openJob(m[1]);
    if (h === "/new") return E.openForm();
    E.show("view-list");
    void E.loadJobs(false);
  }

  GT.boot({
    key: "employer",
    roles: ["employer"],
    onReady: async function (me) {
      state.me = me;
      try {
        state.employer = await api("GET", "/api/v1/employers/" + me.employerId);
      } catch {
        state.employer = null;
      }
      if (state.employer) {
        $("who").textContent = state.employer.name;
        var v = state.employer.verification;
        $("org-note").textContent =
          v && v.status !== "verified"
            ? "本单位状态：" + v.label + "。人社部门审核通过后，岗位才能发布。"
            : "";
        $("org-note").hidden = !(v && v.status !== "verified");
      }
      if (!state.ready) {
        state.ready = true;
        window.addEventListener("hashchange", route);
        $("status-filter").addEventListener("change", function () {
          void E.loadJobs(false);
        });
        $("jobs-more").addEventListener("click", function () {
          void E.loadJobs(true);
        });
        E.initForm();
        E.inits.forEach(function (init) {
          init();
        });
      }
      void route();
    },
  });
})();
