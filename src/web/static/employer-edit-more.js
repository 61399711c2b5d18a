/* 岗通 employer portal: the rest of 编辑岗位 (employer-edit.js) — 体力要求 (GT_LABELS.physicalDemand),
 * 年龄要求, 待遇, each channel's own fields (零工: 集合地点 and the work dates; 粤桂劳务协作: 包吃住 and
 * 点对点接送; 区内企业岗位: 共建园区), 报名截止日期 (the end of that China day) and the contact.
 * The contact phone is shown masked by the API, so its box starts empty: left empty, it stays. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el;

  var words = window.GTApi.words;
  var same = function (a, b) {
    return a.join("|") === b.join("|");
  };

  function fill(job) {
    var pd = $("ed-physicalDemand");
    pd.textContent = "";
    Object.keys(GT_LABELS.physicalDemand).forEach(function (k) {
      pd.appendChild(el("option", { value: k, text: GT_LABELS.physicalDemand[k] }));
    });
    pd.value = job.physicalDemand;
    $("ed-ageMin").value = String(job.ageMin);
    $("ed-ageMax").value = String(job.ageMax);
    $("ed-benefits").value = job.benefits.join(" ");
    $("ed-odd").hidden = job.channel !== "odd_job";
    $("ed-gd").hidden = job.channel !== "gd_gx";
    $("ed-ent").hidden = job.channel !== "enterprise";
    $("ed-meetingPoint").value = job.meetingPoint || "";
    $("ed-workStartOn").value = job.workStartOn || "";
    $("ed-workEndOn").value = job.workEndOn || "";
    $("ed-boardAndLodging").value = String(job.boardAndLodging);
    $("ed-pointToPoint").value = String(job.pointToPoint);
    $("ed-coBuiltPark").value = String(!!job.coBuiltPark);
    $("ed-expiresOn").value = GTApi.chinaParts(job.expiresAt).date;
    $("ed-contactName").value = job.contactName;
    $("ed-contactPhone").value = "";
    $("ed-contactPhone").placeholder = "不改就留空（现在是 " + job.contactPhone + "）";
  }

  /** Adds what changed to body, and what the page can already tell is wrong to errors. */
  function read(job, body, errors) {
    var v = function (id) {
      return $(id).value.trim();
    };
    if (v("ed-physicalDemand") !== job.physicalDemand) body.physicalDemand = v("ed-physicalDemand");
    var ageMin = Number(v("ed-ageMin"));
    var ageMax = Number(v("ed-ageMax"));
    if (!Number.isInteger(ageMin) || ageMin < 16 || ageMin > 100)
      errors.push(["ed-ageMin", "最小年龄请填 16 到 100 之间的整数"]);
    else if (!Number.isInteger(ageMax) || ageMax < ageMin || ageMax > 100)
      errors.push(["ed-ageMax", "最大年龄不能小于最小年龄，也不能超过 100"]);
    else {
      if (ageMin !== job.ageMin) body.ageMin = ageMin;
      if (ageMax !== job.ageMax) body.ageMax = ageMax;
    }
    var benefits = words(v("ed-benefits"));
    if (!same(benefits, job.benefits)) body.benefits = benefits;
    if (job.channel === "odd_job") {
      if (!v("ed-meetingPoint")) errors.push(["ed-meetingPoint", "请填写集合地点"]);
      else if (v("ed-meetingPoint") !== (job.meetingPoint || ""))
        body.meetingPoint = v("ed-meetingPoint");
      var start = v("ed-workStartOn"),
        end = v("ed-workEndOn");
      if (!start) errors.push(["ed-workStartOn", "请选择开工日期"]);
      else if (!end || end < start) errors.push(["ed-workEndOn", "完工日期不能早于开工日期"]);
      else {
        if (start !== job.workStartOn) body.workStartOn = start;
        if (end !== job.workEndOn) body.workEndOn = end;
      }
    }
    if (job.channel === "gd_gx") {
      var board = v("ed-boardAndLodging") === "true";
      var p2p = v("ed-pointToPoint") === "true";
      if (board !== job.boardAndLodging) body.boardAndLodging = board;
      if (p2p !== job.pointToPoint) body.pointToPoint = p2p;
    }
    if (job.channel === "enterprise") {
      var park = v("ed-coBuiltPark") === "true";
      if (park !== !!job.coBuiltPark) body.coBuiltPark = park;
    }
    var until = v("ed-expiresOn");
    if (!until) errors.push(["ed-expiresOn", "请选择报名截止日期"]);
    else if (until !== GTApi.chinaParts(job.expiresAt).date)
      body.expiresAt = until + "T23:59:59+08:00";
    if (!v("ed-contactName")) errors.push(["ed-contactName", "请填写联系人"]);
    else if (v("ed-contactName") !== job.contactName) body.contactName = v("ed-contactName");
    var phone = v("ed-contactPhone");
    if (phone && !/^[\d\s-]{7,20}$/.test(phone))
      errors.push(["ed-contactPhone", "请填写正确的联系电话"]);
    else if (phone) body.contactPhone = phone.replace(/[\s-]/g, "");
  }

  E.editMore = { fill: fill, read: read };
})();
