/* 岗通 bureau portal: 登记系统外就业 on a person's page — a job the person found without the system
 * (自主就业, 自主创业, 劳务派遣 …): where, since when, the wage, and evidence files. The record
 * starts 待核实 and counts only once confirmed (the 核实确认 under it, or later in 就业登记). A bad
 * file is refused before anything is recorded. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    P = GT.placement;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;

  var SOURCES = ["self_found", "own_business", "dispatch", "other"];
  var UNITS = Object.keys(window.GT_LABELS.wageUnit).map(function (k) {
    return [k, window.GT_LABELS.wageUnit[k]];
  });

  function select(options) {
    return el(
      "select",
      null,
      options.map(function (o) {
        return el("option", { value: o[0], text: o[1] });
      }),
    );
  }

  function drawForm() {
    var area = $("outside-area");
    area.textContent = "";
    var source = select(
      SOURCES.map(function (s) {
        return [s, GT.label("employmentSource", s)];
      }),
    );
    var employer = el("input", { maxlength: "100", placeholder: "例如：深圳市宝安区某电子厂" });
    var placeQ = el("input", { placeholder: "输入县、乡镇名查找，如：宝安" });
    var find = el("button", { type: "button", class: "btn small", text: "查找" });
    var region = el("select", { "aria-label": "选择工作地点" });
    var start = el("input", { type: "date", value: P.chinaDay(0), max: P.chinaDay(0) });
    var wage = el("input", { type: "number", min: "0", step: "0.01", inputmode: "decimal" });
    var unit = select(UNITS);
    unit.value = "month"; // a job away from home is mostly paid by the month
    var note = el("textarea", { maxlength: "200", rows: "2" });
    var file = el("input", {
      type: "file",
      accept: "image/jpeg,image/png,image/webp,application/pdf",
    });
    var kind = P.choiceSelect("oj-kind", "evidenceKind", "contract_photo");
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var save = el("button", { type: "submit", class: "btn primary", text: "登记" });
    var cancel = el("button", { type: "button", class: "btn", text: "取消" });

    find.addEventListener("click", async function () {
      var q = placeQ.value.trim();
      if (!q) return;
      try {
        var res = await api("GET", "/api/v1/regions/search?limit=10&q=" + encodeURIComponent(q));
        region.textContent = "";
        if (!res.items.length)
          region.appendChild(el("option", { value: "", text: "没有找到，请换个名称" }));
        res.items.forEach(function (r) {
          region.appendChild(
            el("option", {
              value: r.code,
              text: window.GTApi.placeText(r.fullName),
            }),
          );
        });
      } catch (e) {
        fail(e.message);
      }
    });
    placeQ.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        find.click();
      }
    });
    cancel.addEventListener("click", function () {
      area.textContent = "";
    });

    var fail = function (message) {
      error.textContent = message;
      error.hidden = false;
    };

    var form = el(
      "form",
      { class: "form narrow", novalidate: true, "aria-label": "登记系统外就业" },
      [el("h3", { text: "登记系统外就业" })]
        .concat(P.field("oj-source", "怎么找到的工作", source))
        .concat(P.field("oj-employer", "单位名称（自主创业写经营项目）", employer))
        .concat(P.field("oj-place", "工作地点", placeQ))
        .concat([el("div", { class: "row tight" }, [find]), region])
        .concat(P.field("oj-start", "上岗日期", start))
        .concat([
          el("div", { class: "pair" }, [
            el("div", null, P.field("oj-wage", "工资（元，可不填）", wage)),
            el("div", null, P.field("oj-unit", "结算方式", unit)),
          ]),
        ])
        .concat(P.field("oj-note", "说明", note))
        .concat(
          P.field(
            "oj-file",
            "证明材料（劳动合同照片等，照片或 PDF，最大 5 MB，可以以后再传）",
            file,
          ),
        )
        .concat(P.field("oj-kind", "材料类型", kind))
        .concat([error, el("div", { class: "row tight" }, [save, cancel])]),
    );

    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      error.hidden = true;
      var chosen = file.files[0];
      var problem = !employer.value.trim()
        ? "请填写单位名称"
        : !region.value
          ? "请查找并选择工作地点"
          : !start.value
            ? "请填写上岗日期"
            : chosen
              ? B.evidence.fileProblem(chosen)
              : "";
      if (problem) return fail(problem);
      var body = {
        labourerId: B.state.personId,
        source: source.value,
        employerName: employer.value.trim(),
        regionCode: region.value,
        startDate: start.value,
      };
      if (wage.value !== "") {
        body.wageFen = Math.round(Number(wage.value) * 100);
        body.wageUnit = unit.value;
      }
      if (note.value.trim()) body.note = note.value.trim();
      save.disabled = true;
      try {
        var record = await api("POST", "/api/v1/employments", body);
        var uploadError = "";
        if (chosen) {
          try {
            await B.evidence.upload(record.id, chosen, kind.value);
          } catch (e) {
            uploadError = "就业已登记，但证明材料没有传上：" + e.message + "。请在下面重新上传。";
          }
        }
        area.textContent = "";
        area.appendChild(
          el("p", {
            class: "notice",
            role: "status",
            text: "已登记，待核实。核实后点“核实确认”，确认后才算就业。",
          }),
        );
        if (uploadError)
          area.appendChild(el("p", { class: "error", role: "alert", text: uploadError }));
        area.appendChild(el("ul", { class: "list" }, [B.employmentItem(record)]));
      } catch (e) {
        save.disabled = false;
        fail(e.message);
      }
    });
    area.appendChild(form);
    source.focus();
  }

  B.inits.push(function () {
    $("outside-open").addEventListener("click", drawForm);
    // Another person (or view): the half-filled form of the previous one goes.
    window.addEventListener("hashchange", function () {
      $("outside-area").textContent = "";
    });
  });
})();
