/* 岗通 employer portal: the posting form's fields — channel switch, reading and checking what was
 * typed, and the red message under the field at fault. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el;

  /** The form's inputs by API field (wages are typed in 元 and sent in fen). */
  var FIELD_INPUT = {
    title: "f-title",
    occupation: "f-occupation",
    physicalDemand: "f-physicalDemand",
    headcount: "f-headcount",
    wageUnit: "f-wageUnit",
    wageMinFen: "f-wageMin",
    wageMaxFen: "f-wageMax",
    workStartOn: "f-workStartOn",
    workEndOn: "f-workEndOn",
    regionCode: "f-regionCode",
    meetingPoint: "f-meetingPoint",
    address: "f-address",
    description: "f-description",
    contactName: "f-contactName",
    contactPhone: "f-contactPhone",
    expiresAt: "f-workEndOn",
    channel: "f-channel",
    coBuiltPark: "f-coBuiltPark",
    skills: "f-skills",
    certificates: "f-certificates",
    departureRegionCode: "f-departureRegionCode",
  };

  /** Wage units per channel: odd jobs by day or piece; enterprise and 粤桂 jobs also by month. */
  var WAGE_UNITS = {
    odd_job: [
      ["day", "按天（日薪）"],
      ["piece", "计件（每件）"],
    ],
    enterprise: [
      ["month", "按月（月薪）"],
      ["day", "按天（日薪）"],
      ["piece", "计件（每件）"],
    ],
  };
  WAGE_UNITS.gd_gx = WAGE_UNITS.enterprise;

  /** Shows the fields of the chosen channel: dates and a meeting point for odd jobs only, 共建园区
   * for enterprise jobs, 发车县 for 粤桂劳务协作. */
  function applyChannel() {
    var channel = $("f-channel").value || "odd_job";
    var odd = channel === "odd_job";
    $("f-odd-dates").hidden = !odd;
    $("f-odd-meeting").hidden = !odd;
    $("f-enterprise-only").hidden = channel !== "enterprise";
    $("f-gd-only").hidden = channel !== "gd_gx";
    var unit = $("f-wageUnit");
    unit.textContent = "";
    // The channel's usual unit first (month for enterprise jobs).
    WAGE_UNITS[channel].forEach(function (u) {
      unit.appendChild(el("option", { value: u[0], text: u[1] }));
    });
  }
  function clearFieldErrors() {
    Array.prototype.forEach.call(document.querySelectorAll("#job-form .field-error"), function (n) {
      n.remove();
    });
    Array.prototype.forEach.call(
      document.querySelectorAll("#job-form [aria-invalid]"),
      function (n) {
        n.removeAttribute("aria-invalid");
        n.removeAttribute("aria-describedby");
      },
    );
    GT.showError("form-error", "");
  }

  function fieldError(field, message) {
    var input = $(FIELD_INPUT[String(field).split(".")[0]] || "");
    if (!input) {
      GT.showError("form-error", message);
      return false;
    }
    var id = input.id + "-error";
    var existing = $(id);
    if (existing) {
      existing.textContent = message;
      return true;
    }
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    input.insertAdjacentElement(
      "afterend",
      el("p", { id: id, class: "field-error", text: message }),
    );
    return true;
  }

  function focusFirstError() {
    var first = /** @type {HTMLElement | null} */ (
      document.querySelector("#job-form [aria-invalid=true]")
    );
    if (first) first.focus();
  }

  function toFen(value) {
    if (value === "") return null;
    var n = Number(value);
    return Number.isFinite(n) ? Math.round(n * 100) : NaN;
  }

  /** Checks people can fix before a round trip; the API still has the last word (error.field). */
  function readForm() {
    var v = function (id) {
      return $(id).value.trim();
    };
    var body = {
      channel: "odd_job",
      title: v("f-title"),
      occupation: v("f-occupation"),
      physicalDemand: v("f-physicalDemand") || "normal",
      headcount: Number(v("f-headcount")),
      wageUnit: v("f-wageUnit"),
      wageMinFen: toFen(v("f-wageMin")),
      wageMaxFen: toFen(v("f-wageMax")),
      workStartOn: v("f-workStartOn"),
      workEndOn: v("f-workEndOn"),
      regionCode: v("f-regionCode"),
      contactName: v("f-contactName"),
      contactPhone: v("f-contactPhone"),
      description: v("f-description"),
    };
    ["meetingPoint", "address"].forEach(function (k) {
      var x = v("f-" + k);
      if (x) body[k] = x;
    });
    if (window.GTPin) window.GTPin.addTo(body);
    body.channel = v("f-channel") || "odd_job";
    var odd = body.channel === "odd_job";
    if (!odd) {
      delete body.workStartOn;
      delete body.workEndOn;
      delete body.meetingPoint;
    }
    if (body.channel === "enterprise") body.coBuiltPark = $("f-coBuiltPark").checked;
    var errors = [];
    E.jobExtras.readCreate(body, errors);
    if (body.title.length < 2) errors.push(["title", "请填写岗位名称（至少 2 个字）"]);
    if (!body.occupation) errors.push(["occupation", "请填写工种"]);
    if (!Number.isInteger(body.headcount) || body.headcount < 1)
      errors.push(["headcount", "请填写招几人（至少 1 人）"]);
    if (!(body.wageMinFen > 0)) errors.push(["wageMinFen", "请填写最低工资（元）"]);
    if (!(body.wageMaxFen > 0)) errors.push(["wageMaxFen", "请填写最高工资（元）"]);
    else if (body.wageMinFen > 0 && body.wageMaxFen < body.wageMinFen)
      errors.push(["wageMaxFen", "最高工资不能低于最低工资"]);
    if (odd && !body.workStartOn) errors.push(["workStartOn", "请选择开工日期"]);
    if (odd && !body.workEndOn) errors.push(["workEndOn", "请选择完工日期"]);
    else if (odd && body.workStartOn && body.workEndOn < body.workStartOn)
      errors.push(["workEndOn", "完工日期不能早于开工日期"]);
    if (!body.regionCode) errors.push(["regionCode", "请查找并选择工作地点"]);
    if (odd && !body.meetingPoint)
      errors.push(["meetingPoint", "请填写集合地点（零工在哪里集合上工）"]);
    if (!body.contactName) errors.push(["contactName", "请填写联系人"]);
    if (!/^[\d\s-]{7,20}$/.test(body.contactPhone)) errors.push(["contactPhone", "请填写联系电话"]);
    return { body: body, errors: errors };
  }

  E.applyChannel = applyChannel;
  E.clearFieldErrors = clearFieldErrors;
  E.fieldError = fieldError;
  E.focusFirstError = focusFirstError;
  E.readForm = readForm;
})();
