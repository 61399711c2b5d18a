/* 岗通 employer portal: 编辑岗位 — on a draft or open posting, a form for every field the API's
 * PATCH takes but the pin (title, headcount, wage in 元, place, address, description here;
 * occupation, skills, certificates and the 粤桂 departure county in employer-job-extras.js; the
 * rest — physical demand, ages, benefits, deadline, contact, and each channel's own fields — in
 * employer-edit-more.js), prefilled from the posting; 保存修改 sends only the changed
 * fields (PATCH /api/v1/jobs/{id}), each refusal under its input. An open posting's change
 * reaches the search index through the outbox (job.upserted). */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el,
    F = GT.forms;
  var FIELDS = {
    title: "ed-title",
    occupation: "ed-occupation",
    skills: "ed-skills",
    certificates: "ed-certificates",
    departureRegionCode: "ed-departureRegionCode",
    headcount: "ed-headcount",
    wageMinFen: "ed-wageMin",
    wageMaxFen: "ed-wageMax",
    regionCode: "ed-regionCode",
    address: "ed-address",
    description: "ed-description",
    physicalDemand: "ed-physicalDemand",
    ageMin: "ed-ageMin",
    ageMax: "ed-ageMax",
    benefits: "ed-benefits",
    meetingPoint: "ed-meetingPoint",
    workStartOn: "ed-workStartOn",
    workEndOn: "ed-workEndOn",
    boardAndLodging: "ed-boardAndLodging",
    pointToPoint: "ed-pointToPoint",
    coBuiltPark: "ed-coBuiltPark",
    expiresAt: "ed-expiresOn",
    contactName: "ed-contactName",
    contactPhone: "ed-contactPhone",
  };
  var UNIT = { day: "按天（日薪）", month: "按月（月薪）", piece: "计件（每件）" };
  var editing = null;

  E.views.push("view-edit");

  function yuanValue(fen) {
    return String(fen / 100);
  }

  function toFen(value) {
    if (value === "") return NaN;
    var n = Number(value);
    return Number.isFinite(n) ? Math.round(n * 100) : NaN;
  }

  async function openEdit(id) {
    E.show("view-edit");
    F.unmount("edit-area");
    editing = null;
    $("edit-back").href = "#/jobs/" + id;
    $("edit-title").textContent = "编辑岗位";
    try {
      var job = await GT.api("GET", "/api/v1/jobs/" + id);
      if (job.status !== "draft" && job.status !== "open") {
        GT.showError("app-error", "岗位已结束，不能修改");
        return;
      }
      editing = job;
      F.mount("edit-template", "edit-area");
      $("edit-form").addEventListener("submit", submit);
      F.placePicker("ed-place-q", "ed-place-find", "ed-regionCode", { level: "village" });
      $("edit-title").textContent = "编辑岗位：" + job.title;
      $("ed-cancel").href = "#/jobs/" + id;
      $("ed-title").value = job.title;
      $("ed-headcount").value = String(job.headcount);
      $("ed-wage-legend").textContent = "工资 *（" + (UNIT[job.wage.unit] || "") + "）";
      $("ed-wageMin").value = yuanValue(job.wage.minFen);
      $("ed-wageMax").value = yuanValue(job.wage.maxFen);
      $("ed-place-q").value = "";
      var place = $("ed-regionCode");
      place.textContent = "";
      place.appendChild(
        el("option", {
          value: job.regionCode,
          text: window.GTApi.placeText(job.placeName) + "（现在的地点）",
        }),
      );
      $("ed-address").value = job.address || "";
      $("ed-description").value = job.description || "";
      E.editMore.fill(job);
      void E.jobExtras.fillEdit(job);
      $("ed-title").focus();
    } catch (e) {
      GT.showError("app-error", e.message);
    }
  }

  /** Only what changed, checked as far as the page can. */
  function readChanges() {
    var job = editing;
    var body = {};
    var errors = [];
    var title = $("ed-title").value.trim();
    if (title.length < 2) errors.push(["ed-title", "请填写岗位名称（至少 2 个字）"]);
    else if (title !== job.title) body.title = title;
    var headcount = Number($("ed-headcount").value);
    if (!Number.isInteger(headcount) || headcount < 1 || headcount > 10000)
      errors.push(["ed-headcount", "招几人：请填写 1 到 10000 之间的整数"]);
    else if (headcount !== job.headcount) body.headcount = headcount;
    var min = toFen($("ed-wageMin").value.trim());
    var max = toFen($("ed-wageMax").value.trim());
    if (!(min > 0)) errors.push(["ed-wageMin", "请填写最低工资（元）"]);
    if (!(max > 0)) errors.push(["ed-wageMax", "请填写最高工资（元）"]);
    else if (min > 0 && max < min) errors.push(["ed-wageMax", "最高工资不能低于最低工资"]);
    if (min > 0 && max >= min) {
      if (min !== job.wage.minFen) body.wageMinFen = min;
      if (max !== job.wage.maxFen) body.wageMaxFen = max;
    }
    var region = $("ed-regionCode").value;
    if (!region) errors.push(["ed-regionCode", "请先查找并选择工作地点"]);
    else if (region !== job.regionCode) body.regionCode = region;
    var address = $("ed-address").value.trim();
    if (address !== (job.address || "") && address) body.address = address;
    var description = $("ed-description").value.trim();
    if (description !== (job.description || "")) body.description = description;
    E.jobExtras.readEdit(job, body, errors);
    E.editMore.read(job, body, errors);
    return { body: body, errors: errors };
  }

  async function submit(event) {
    event.preventDefault();
    var form = $("edit-form");
    F.clear(form, "ed-error");
    var read = readChanges();
    if (read.errors.length) return F.showErrors(form, "ed-error", read.errors);
    var id = editing.id;
    if (!Object.keys(read.body).length) {
      location.hash = "#/jobs/" + id;
      return;
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await GT.api("PATCH", "/api/v1/jobs/" + id, read.body);
      E.state.flash = null;
      location.hash = "#/jobs/" + id;
    } catch (e) {
      F.apiError(form, "ed-error", e, FIELDS);
    } finally {
      button.disabled = false;
    }
  }

  function addButton(job, actions) {
    if (job.status !== "draft" && job.status !== "open") return;
    actions.appendChild(
      el("a", { class: "btn", href: "#/jobs/" + job.id + "/edit", text: "编辑岗位" }),
    );
  }

  E.jobActions = E.jobActions || [];
  E.jobActions.push(addButton);
  E.routes.push({
    pattern: /^\/jobs\/([0-9a-f-]{36})\/edit$/,
    open: function (m) {
      return openEdit(m[1]);
    },
  });
  E.inits.push(function () {
    window.addEventListener("hashchange", function () {
      if (!/\/edit$/.test(location.hash)) F.unmount("edit-area");
    });
  });
})();
