/* 岗通 bureau portal: 就业登记 — employment records in the user's region: hires the employer
 * confirmed, and jobs found outside the system waiting to be checked. A record counts as a
 * placement only once confirmed: here staff look at (or upload) the evidence and confirm it. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var el = GT.el,
    api = GT.api;

  var names = {};
  /** A person's name, fetched once per id (the record carries only the id). */
  function nameOf(id) {
    if (!names[id]) {
      names[id] = api("GET", "/api/v1/labourers/" + id)
        .then(function (p) {
          return p.name;
        })
        .catch(function () {
          return "查看本人";
        });
    }
    return names[id];
  }

  function wageText(w) {
    if (!w) return "";
    return GT.wageText({ unit: w.unit, minFen: w.fen, maxFen: w.fen });
  }

  function confirmForm(area, e, li) {
    var idp = "cf-" + e.id + "-";
    var files = el("ul", { class: "evidence" });
    var note = el("textarea", { maxlength: "500", rows: "2" });
    var ok = el("button", { type: "button", class: "btn primary", text: "核实确认" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var refresh = function () {
      return B.evidence.fill(files, e.id).catch(function (err) {
        error.textContent = err.message;
        error.hidden = false;
      });
    };
    ok.addEventListener("click", async function () {
      ok.disabled = true;
      error.hidden = true;
      var body = {};
      if (note.value.trim()) body.note = note.value.trim();
      try {
        var done = await api("POST", "/api/v1/employments/" + e.id + "/confirm", body);
        li.replaceWith(employmentItem(done));
      } catch (err) {
        ok.disabled = false;
        error.textContent = err.message;
        error.hidden = false;
      }
    });
    area.appendChild(el("p", { class: "meta", text: "已上传的证明材料：" }));
    area.appendChild(files);
    area.appendChild(B.evidence.uploader(e.id, refresh));
    area.appendChild(
      el(
        "div",
        { class: "form narrow" },
        GT.placement
          .field(idp + "note", "核实依据（合同、工资条、电话核实等；已上传证明材料可不填）", note)
          .concat([error, el("div", { class: "row tight" }, [ok])]),
      ),
    );
    void refresh();
  }

  function employmentItem(e) {
    var li = el("li", { class: "item", "data-employment": e.id });
    var who = B.personLink(e.labourerId, "…");
    nameOf(e.labourerId).then(function (n) {
      who.textContent = n;
    });
    var badge = e.rejected
      ? el("span", { class: "badge warn", text: "不予确认" })
      : e.endDate
        ? el("span", { class: "badge", text: "已离岗" })
        : e.confirmed
          ? el("span", { class: "badge ok", text: "已确认" })
          : el("span", { class: "badge warn", text: "待核实" });
    li.appendChild(el("p", { class: "title" }, [who, badge]));
    li.appendChild(
      el("p", {
        text:
          e.employerName +
          " · " +
          GT.label("employmentSource", e.source) +
          (e.channel ? " · " + GT.label("channel", e.channel) : ""),
      }),
    );
    li.appendChild(
      el("p", null, [
        GT.regionSpan(e.regionCode),
        (e.outsideGuangxi ? "（区外）" : "") + " · " + e.startDate + " 上岗",
        e.wage ? " · " + wageText(e.wage) : null,
      ]),
    );
    if (e.confirmed) {
      li.appendChild(
        el("p", {
          class: "meta",
          text:
            "由" +
            GT.label("confirmedRole", e.confirmedRole) +
            "确认 · " +
            GT.timeText(e.confirmedAt) +
            (e.confirmationNote ? " · " + e.confirmationNote : ""),
        }),
      );
    }
    if (e.rejected) li.appendChild(el("p", { class: "meta", text: B.hireReject.rejectedText(e) }));
    if (e.stillWorkingAt && !e.endDate)
      li.appendChild(
        el("p", {
          class: "meta",
          text: "上岗回访：" + GT.timeText(e.stillWorkingAt) + " 回答仍在岗",
        }),
      );
    if (e.endDate) {
      li.appendChild(
        el("p", {
          class: "meta",
          text: e.endDate + " 离岗：" + GT.label("endReason", e.endReason),
        }),
      );
    }
    B.hireReject.controls(e, li).forEach(function (n) {
      li.appendChild(n);
    });
    // Other modules' buttons for the row (bureau-subsidy-start.js: 代为申请交通补贴).
    (B.employmentControls || []).forEach(function (make) {
      make(e).forEach(function (n) {
        li.appendChild(n);
      });
    });
    if (e.confirmed || e.rejected) li.appendChild(B.evidence.viewer(e.id));
    if (!e.confirmed && !e.rejected && !e.endDate) {
      var area = el("div");
      var open = el("button", { type: "button", class: "btn", text: "核实确认…" });
      open.addEventListener("click", function () {
        open.remove();
        confirmForm(area, e, li);
      });
      li.appendChild(el("div", { class: "row tight" }, [open]));
      li.appendChild(area);
    }
    return li;
  }

  B.lists.employments = {
    path: function () {
      return "/api/v1/employments?limit=20";
    },
    item: employmentItem,
    empty: "本辖区还没有就业记录。",
  };
  B.views.push("employments");
  B.tabs.push("employments");
  B.routes.push({
    pattern: /^\/employments$/,
    open: function () {
      B.show("employments");
      return B.loadList("employments", false);
    },
  });
  B.employmentItem = employmentItem;
})();
