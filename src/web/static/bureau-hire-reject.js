/* 岗通 bureau portal: 不予确认 — county bureau staff do not confirm a hire the employer reported
 * (the application move hired → hire_rejected, POST /api/v1/applications/{id}/moves with a
 * reason). The record then no longer counts as employment, the person may be pushed jobs again,
 * and a subsidy claim not yet approved for it is withdrawn (docs/PLACEMENT.md). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    P = GT.placement;
  var el = GT.el,
    api = GT.api;
  /** The reasons and their words come from the server's one table (src/lib/enums.ts). */
  var REASONS = (window.GT_LABELS && window.GT_LABELS.hireRejectReason) || {};
  GT.addLabels({ hireRejectReason: REASONS });

  /** Only a hire the employer reported and confirmed itself, not yet rejected. */
  function mayReject(e) {
    return (
      e.source === "application" &&
      !!e.applicationId &&
      e.confirmed &&
      e.confirmedRole === "employer" &&
      !e.rejected
    );
  }

  /** The reason form under a record; `onDone(employment)` with the record as it is now. */
  function form(area, e, onDone) {
    var idp = "hr-" + e.id + "-";
    var reason = el(
      "select",
      null,
      Object.keys(REASONS).map(function (k) {
        return el("option", { value: k, text: REASONS[k] });
      }),
    );
    var note = el("textarea", { maxlength: "200", rows: "2" });
    var ok = el("button", { type: "button", class: "btn primary", text: "确定不予确认" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    ok.addEventListener("click", async function () {
      ok.disabled = true;
      error.hidden = true;
      var body = { to: "hire_rejected", reason: reason.value };
      if (note.value.trim()) body.note = note.value.trim();
      try {
        await api("POST", "/api/v1/applications/" + e.applicationId + "/moves", body);
        onDone(await api("GET", "/api/v1/employments/" + e.id));
      } catch (err) {
        ok.disabled = false;
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    area.appendChild(
      el(
        "div",
        { class: "form narrow" },
        [
          el("p", {
            class: "hint",
            text: "不予确认后，这条录用不计入就业，本人会重新收到岗位推荐；尚未审核通过的交通补贴申领会被撤销。",
          }),
        ]
          .concat(P.field(idp + "reason", "不予确认的原因", reason))
          .concat(P.field(idp + "note", "说明（选「其他原因」时必须写）", note))
          .concat([error, el("div", { class: "row tight" }, [ok])]),
      ),
    );
  }

  /** The 不予确认… button and its area for a record's <li>, or nothing. */
  function controls(e, li) {
    if (!mayReject(e)) return [];
    var area = el("div");
    var open = el("button", { type: "button", class: "btn", text: "不予确认…" });
    open.addEventListener("click", function () {
      open.remove();
      form(area, e, function (done) {
        li.replaceWith(B.employmentItem(done));
      });
    });
    return [el("div", { class: "row tight" }, [open]), area];
  }

  /** What a rejected record says instead of 已确认. */
  function rejectedText(e) {
    return (
      "县（区）人社部门不予确认 · " +
      GT.timeText(e.rejectedAt) +
      " · " +
      GT.label("hireRejectReason", e.rejectionReason) +
      (e.rejectionNote ? "：" + e.rejectionNote : "")
    );
  }

  B.hireReject = { mayReject: mayReject, controls: controls, rejectedText: rejectedText };
})();
