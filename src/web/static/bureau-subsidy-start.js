/* 岗通 bureau portal: 代为申请交通补贴 on an employment row (就业登记) — for a confirmed job outside
 * Guangxi that is still held, county staff (and a cadre, and admins) start the claim for the
 * person (POST /api/v1/subsidy-claims, origin `staff`); a claim already there (the system's own
 * proposal) is answered as it is. Either way the claim's page opens (#/subsidy/claims/<id>); a
 * refusal (已有申领, 已被驳回, 不符合条件) shows under the button in the API's words. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var el = GT.el;
  var STAFF = ["bureau", "cadre", "admin"];

  function mayStart(e) {
    return e.confirmed && e.outsideGuangxi && !e.endDate && !e.rejected;
  }

  function controls(e) {
    if (!mayStart(e)) return [];
    var box = el("div", { class: "row tight subsidy-start" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    B.subsidy
      .account()
      .then(function (m) {
        if (STAFF.indexOf(m.role) < 0) return;
        var start = el("button", { type: "button", class: "btn", text: "代为申请交通补贴" });
        start.addEventListener("click", async function () {
          start.disabled = true;
          error.hidden = true;
          try {
            var c = await GT.api("POST", "/api/v1/subsidy-claims", { employmentId: e.id });
            location.hash = "#/subsidy/claims/" + c.id;
          } catch (err) {
            start.disabled = false;
            error.textContent = err.message;
            error.hidden = false;
          }
        });
        box.appendChild(start);
      })
      .catch(function () {});
    return [box, error];
  }

  B.employmentControls = B.employmentControls || [];
  B.employmentControls.push(controls);
})();
