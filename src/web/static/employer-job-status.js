/* 岗通 employer portal: on an open posting, 已招满 (POST /api/v1/jobs/{id}/fill) and 关闭岗位
 * (POST /api/v1/jobs/{id}/close), each asking once in plain words before it acts. Hooked in by
 * employer-job.js through E.jobActions. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var el = GT.el;

  var ACTIONS = [
    {
      label: "已招满",
      ask: "标记已招满后，这个岗位不再推荐给求职者，也不能再报名。确定已经招满了吗？",
      yes: "确定已招满",
      path: "/fill",
      body: undefined,
    },
    {
      label: "关闭岗位",
      ask: "关闭后，求职者看不到这个岗位，也不能再报名。确定关闭吗？",
      yes: "确定关闭",
      path: "/close",
      body: {},
    },
  ];

  function confirmRow(job, action, box) {
    var yes = el("button", { type: "button", class: "btn primary", text: action.yes });
    var no = el("button", { type: "button", class: "btn", text: "取消" });
    var row = el("div", { class: "notice", role: "group", "aria-label": action.label }, [
      el("p", { text: action.ask }),
      el("div", { class: "row" }, [yes, no]),
    ]);
    no.addEventListener("click", function () {
      row.remove();
      box.hidden = false;
    });
    yes.addEventListener("click", async function () {
      yes.disabled = true;
      try {
        await GT.api("POST", "/api/v1/jobs/" + job.id + action.path, action.body);
        await E.openJob(job.id);
      } catch (e) {
        yes.disabled = false;
        GT.showError("app-error", e.message);
      }
    });
    return row;
  }

  function addButtons(job, actions) {
    if (job.status !== "open") return;
    var box = el("div", { class: "row" });
    ACTIONS.forEach(function (action) {
      var b = el("button", { type: "button", class: "btn", text: action.label });
      b.addEventListener("click", function () {
        box.hidden = true;
        actions.appendChild(confirmRow(job, action, box));
      });
      box.appendChild(b);
    });
    actions.appendChild(box);
  }

  E.jobActions = E.jobActions || [];
  E.jobActions.push(addButtons);
})();
