/* 岗通 employer portal: posting fields that 发布岗位 (employer-form.js) and 编辑岗位
 * (employer-edit.js) share — 技能 (words → `skills`), 证书要求 (one box per labour brand from
 * GET /api/v1/training/brands, labelled with its Chinese name → `certificates`, the brand codes)
 * and, for 粤桂劳务协作 only, 发车县 (a Guangxi county found by name with GT.forms.placePicker →
 * `departureRegionCode`). On 编辑岗位 also 工种; each is prefilled there and sent only when changed. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el;

  var MAX_SKILLS = 20;
  /** The 发车县 option that clears it on 编辑岗位. */
  var NO_DEPARTURE = "none";
  var words = window.GTApi.words;
  var same = function (a, b) {
    return a.slice().sort().join("|") === b.slice().sort().join("|");
  };

  /** The brand catalogue, asked for once a page (again after a failure). */
  function loadBrands() {
    return window.GTApi.brands(GT.api);
  }

  /** Draws a box per brand into the fieldset `id`, ticking the codes in `selected`. */
  async function drawBrands(id, selected) {
    var box = $(id);
    if (!box || box.dataset.ready === "1") return;
    var list;
    try {
      list = await loadBrands();
    } catch (e) {
      box.appendChild(el("p", { class: "hint", text: "劳务品牌目录暂时打不开：" + e.message }));
      return;
    }
    Array.prototype.slice.call(box.children).forEach(function (c) {
      if (c.tagName !== "LEGEND") c.remove();
    });
    list.forEach(function (b) {
      var input = el("input", {
        type: "checkbox",
        value: b.code,
        checked: selected.indexOf(b.code) >= 0,
      });
      box.appendChild(el("label", {}, [input, b.name]));
    });
    box.dataset.ready = "1";
  }

  var boxes = function (id) {
    return Array.prototype.slice.call($(id).querySelectorAll("input[type=checkbox]"));
  };
  var ticked = function (id) {
    return boxes(id)
      .filter(function (i) {
        return i.checked;
      })
      .map(function (i) {
        return i.value;
      });
  };

  /** The skills typed in `id`; what the page can already tell is wrong goes to errors under `key`. */
  function readSkills(id, errors, key) {
    var list = words($(id).value.trim());
    var long = list.filter(function (w) {
      return w.length > 30;
    })[0];
    if (list.length > MAX_SKILLS) errors.push([key, "技能最多填 " + MAX_SKILLS + " 个"]);
    else if (long) errors.push([key, "每个技能最多 30 个字：" + long]);
    else return list;
    return null;
  }

  function departurePicker(prefix) {
    GT.forms.placePicker(
      prefix + "-departure-q",
      prefix + "-departure-find",
      prefix + "-departureRegionCode",
      { level: "county", within: "45", only: ["county"] },
    );
  }

  /** 发布岗位: hooked up once by employer-form-submit.js's initForm. */
  function initCreate() {
    departurePicker("f");
    // A reset (after a posting is saved) forgets the counties found, so none is sent unasked.
    $("job-form").addEventListener("reset", function () {
      var select = $("f-departureRegionCode");
      select.textContent = "";
      select.appendChild(el("option", { value: "", text: "不指定" }));
    });
  }

  /** 发布岗位: the brand boxes, drawn the first time the form opens. */
  function openCreate() {
    return drawBrands("f-certificates", []);
  }

  /** 发布岗位: adds skills, certificates and (粤桂) the departure county to the create body. */
  function readCreate(body, errors) {
    var skills = readSkills("f-skills", errors, "skills");
    if (skills) body.skills = skills;
    body.certificates = ticked("f-certificates");
    var departure = $("f-departureRegionCode").value;
    if (body.channel === "gd_gx" && departure) body.departureRegionCode = departure;
  }

  /** 编辑岗位: prefills 工种, 技能, 证书要求 and (粤桂) 发车县 from the posting. */
  async function fillEdit(job) {
    $("ed-occupation").value = job.occupation;
    $("ed-skills").value = job.skills.join(" ");
    departurePicker("ed");
    var select = $("ed-departureRegionCode");
    select.textContent = "";
    var current = el("option", {
      value: job.departureRegionCode || "",
      text: job.departureRegionCode ? "现在的发车县" : "未指定（输入县名查找）",
    });
    select.appendChild(current);
    // A named county can be dropped again (PATCH departureRegionCode: null).
    if (job.departureRegionCode)
      select.appendChild(el("option", { value: NO_DEPARTURE, text: "不指定发车县" }));
    var drawn = drawBrands("ed-certificates", job.certificates);
    if (job.channel === "gd_gx" && job.departureRegionCode) {
      try {
        var county = await GT.api("GET", "/api/v1/regions/" + job.departureRegionCode);
        current.textContent = window.GTApi.placeText(county.fullName) + "（现在的发车县）";
      } catch {
        /* the option still keeps the county; a search finds another */
      }
    }
    await drawn;
  }

  /** 编辑岗位: adds what changed to body, and what is plainly wrong to errors. */
  function readEdit(job, body, errors) {
    var occupation = $("ed-occupation").value.trim();
    if (!occupation) errors.push(["ed-occupation", "请填写工种"]);
    else if (occupation !== job.occupation) body.occupation = occupation;
    var skills = readSkills("ed-skills", errors, "ed-skills");
    if (skills && skills.join("|") !== job.skills.join("|")) body.skills = skills;
    if ($("ed-certificates").dataset.ready === "1") {
      var shown = boxes("ed-certificates").map(function (i) {
        return i.value;
      });
      // A code no longer in the catalogue has no box: it is kept as it is.
      var certificates = ticked("ed-certificates").concat(
        job.certificates.filter(function (c) {
          return shown.indexOf(c) < 0;
        }),
      );
      if (!same(certificates, job.certificates)) body.certificates = certificates;
    }
    var departure = $("ed-departureRegionCode").value;
    if (job.channel !== "gd_gx" || !departure) return;
    if (departure === NO_DEPARTURE) {
      if (job.departureRegionCode) body.departureRegionCode = null;
    } else if (departure !== (job.departureRegionCode || "")) body.departureRegionCode = departure;
  }

  E.jobExtras = {
    initCreate: initCreate,
    openCreate: openCreate,
    readCreate: readCreate,
    fillEdit: fillEdit,
    readEdit: readEdit,
  };
})();
