/* 岗通 employer portal: the small forms under an applicant — 同意录用 and 未按约定报到 (confirm),
 * 不录用 (a reason; 其他原因 needs words), 录用上岗 (the start date), and 登记离岗 on a hire (end date
 * and reason). Every answer comes back from the server; the list is then drawn again. */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE,
    P = GT.placement;
  var el = GT.el,
    api = GT.api;

  var ASK = {
    accepted: "同意录用后可以查看对方姓名和电话，请尽快打电话约定上岗时间。",
    no_show: "对方没有按约定来报到？确定后这个报名结束，系统会告诉本人和帮扶干部。",
    rejected: "请选择不录用的原因，系统会告诉本人。",
    hired: "对方已经来上班（或约定好了上岗日期）？填上岗日期后确定。",
  };

  /**
   * Draws a form into `area`: `fields` (elements), a 确定 that calls `send()` (a promise; its
   * error is shown in Chinese under the form), and 取消.
   */
  function drawForm(area, text, fields, send, done) {
    area.textContent = "";
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var ok = el("button", { type: "submit", class: "btn primary", text: "确定" });
    var cancel = el("button", { type: "button", class: "btn", text: "取消" });
    var form = el("form", { class: "form narrow", novalidate: true }, [
      el("p", { class: "hint", text: text }),
    ]);
    fields.forEach(function (f) {
      form.appendChild(f);
    });
    form.appendChild(error);
    form.appendChild(el("div", { class: "row tight" }, [ok, cancel]));
    cancel.addEventListener("click", function () {
      area.textContent = "";
    });
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      ok.disabled = true;
      GT.showError("app-error", "");
      error.hidden = true;
      try {
        await send();
        area.textContent = "";
        await done();
      } catch (e) {
        ok.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    area.appendChild(form);
    var first = form.querySelector("select, input, textarea, button");
    if (first) first.focus();
  }

  function noteInput(id) {
    return el("textarea", { id: id, maxlength: "200", rows: "2" });
  }

  /** "其他原因" needs words: checked here first, the API checks again. */
  function reasonBody(reason, note, body) {
    var words = note.value.trim();
    if (reason === "other" && !words) {
      note.focus();
      throw new Error("选择「其他原因」时请写明原因");
    }
    if (words) body.note = words;
    return body;
  }

  /** The form for one move of application `a` to `to`. */
  function moveForm(area, a, to, done) {
    var idp = "m-" + a.id + "-";
    var fields = [];
    var body = function () {
      return { to: to };
    };
    if (to === "rejected") {
      var reason = P.choiceSelect(idp + "reason", "rejectReason");
      var note = noteInput(idp + "note");
      fields = P.field(idp + "reason", "不录用原因", reason).concat(
        P.field(idp + "note", "说明（选“其他原因”时必填）", note),
      );
      body = function () {
        return reasonBody(reason.value, note, { to: to, reason: reason.value });
      };
    } else if (to === "hired") {
      var start = el("input", { type: "date", value: P.chinaDay(0) });
      fields = P.field(idp + "start", "上岗日期", start);
      body = function () {
        if (!start.value) throw new Error("请填写上岗日期");
        return { to: to, startDate: start.value };
      };
    }
    drawForm(
      area,
      ASK[to],
      fields,
      function () {
        return api("POST", "/api/v1/applications/" + a.id + "/moves", body());
      },
      done,
    );
  }

  /** 登记离岗: the end date (not before the start, not in the future) and why. */
  function endForm(area, employment, done) {
    var idp = "end-" + employment.id + "-";
    var date = el("input", {
      type: "date",
      value: P.chinaDay(0),
      min: employment.startDate,
      max: P.chinaDay(0),
    });
    var reason = P.choiceSelect(idp + "reason", "endReason");
    var note = noteInput(idp + "note");
    var fields = P.field(idp + "date", "离岗日期", date)
      .concat(P.field(idp + "reason", "离岗原因", reason))
      .concat(P.field(idp + "note", "说明（选“其他原因”时必填）", note));
    drawForm(
      area,
      "登记这个人已经不在本单位工作。",
      fields,
      function () {
        if (!date.value) throw new Error("请填写离岗日期");
        var b = reasonBody(reason.value, note, { endDate: date.value, reason: reason.value });
        return api("POST", "/api/v1/employments/" + employment.id + "/end", b);
      },
      done,
    );
  }

  function endReasonText(employment) {
    return GT.label("endReason", employment.endReason);
  }

  E.moveForm = moveForm;
  E.endForm = endForm;
  E.endReasonText = endReasonText;
})();
