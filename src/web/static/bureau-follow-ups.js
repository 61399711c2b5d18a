/* 岗通 bureau portal: 回访和求助 — the cadre's queue (GET /api/v1/follow-ups, region-scoped on the
 * server): check-ins nobody answered within 3 days, and help requests. 答复 writes what was done
 * (POST /follow-ups/{id}/resolve); for a check-in, 代为回答 answers 在 / 不在了 on the person's
 * behalf (the check-in answer route), which closes the task too. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    P = GT.placement;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;

  /** Small forms under a task, like the employer's (a 确定 that sends, errors in place). */
  function drawForm(area, fields, send) {
    area.textContent = "";
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var ok = el("button", { type: "submit", class: "btn primary", text: "确定" });
    var cancel = el("button", { type: "button", class: "btn", text: "取消" });
    var form = el(
      "form",
      { class: "form narrow", novalidate: true },
      fields.concat([error, el("div", { class: "row tight" }, [ok, cancel])]),
    );
    cancel.addEventListener("click", function () {
      area.textContent = "";
    });
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      ok.disabled = true;
      error.hidden = true;
      try {
        await send();
        await B.loadList("follow-ups", false);
      } catch (e) {
        ok.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    area.appendChild(form);
    form.querySelector("select, textarea, input").focus();
  }

  function resolveForm(area, t) {
    var answer = el("textarea", { maxlength: "500", rows: "3" });
    drawForm(area, P.field("fu-answer-" + t.id, "答复或处理情况", answer), function () {
      if (answer.value.trim().length < 2) throw new Error("请写明答复或处理情况");
      return api("POST", "/api/v1/follow-ups/" + t.id + "/resolve", {
        answer: answer.value.trim(),
      });
    });
  }

  function answerForm(area, t) {
    var idp = "fu-ci-" + t.id + "-";
    var answer = el("select", null, [
      el("option", { value: "still_working", text: "在（还在这里工作）" }),
      el("option", { value: "left", text: "不在了" }),
    ]);
    var reason = P.choiceSelect(idp + "reason", "endReason");
    var date = el("input", { type: "date", value: P.chinaDay(0), max: P.chinaDay(0) });
    var note = el("textarea", { maxlength: "200", rows: "2" });
    var fields = P.field(idp + "answer", "本人的回答", answer)
      .concat(P.field(idp + "reason", "不在了的原因", reason))
      .concat(P.field(idp + "date", "哪天不做了", date))
      .concat(P.field(idp + "note", "说明（原因选“其他原因”时必填）", note));
    drawForm(area, fields, function () {
      var body = { answer: answer.value };
      if (answer.value === "left") {
        body.reason = reason.value;
        if (date.value) body.endDate = date.value;
        if (note.value.trim()) body.note = note.value.trim();
        else if (reason.value === "other") throw new Error("选择「其他原因」时请写明原因");
      }
      var c = t.checkIn;
      return api(
        "POST",
        "/api/v1/employments/" + c.employmentId + "/check-ins/" + c.id + "/answer",
        body,
      );
    });
  }

  function taskItem(t) {
    var area = el("div");
    var li = el("li", { class: "item", "data-follow-up": t.id });
    li.appendChild(
      el("p", { class: "title" }, [
        B.personLink(t.labourer.id, t.labourer.name),
        el("span", {
          class: "badge " + (t.kind === "help_request" ? "bad" : "warn"),
          text: t.kindLabel,
        }),
        t.status === "resolved" ? el("span", { class: "badge ok", text: t.statusLabel }) : null,
      ]),
    );
    li.appendChild(
      el("p", { class: "meta" }, [
        GT.regionSpan(t.labourer.villageCode),
        t.labourer.phoneMasked ? " · " + t.labourer.phoneMasked : null,
        " · " + GT.timeText(t.createdAt),
      ]),
    );
    if (t.checkIn) {
      li.appendChild(
        el("p", {
          text:
            t.checkIn.employerName +
            " · 上岗第 " +
            t.checkIn.dayOffset +
            " 天回访（" +
            t.checkIn.dueDate +
            "），本人 3 天没有回答",
        }),
      );
    }
    if (t.helpRequest) {
      li.appendChild(
        el("p", {
          text: t.helpRequest.kindLabel + (t.helpRequest.text ? "：" + t.helpRequest.text : ""),
        }),
      );
    }
    if (t.answer) li.appendChild(el("p", { class: "meta", text: "处理情况：" + t.answer }));
    if (t.status === "open") {
      var buttons = el("div", { class: "row tight" });
      if (t.checkIn) {
        var onBehalf = el("button", { type: "button", class: "btn primary", text: "代为回答" });
        onBehalf.addEventListener("click", function () {
          answerForm(area, t);
        });
        buttons.appendChild(onBehalf);
      }
      var reply = el("button", { type: "button", class: "btn", text: "答复" });
      reply.addEventListener("click", function () {
        resolveForm(area, t);
      });
      buttons.appendChild(reply);
      li.appendChild(buttons);
      li.appendChild(area);
    }
    return li;
  }

  B.lists["follow-ups"] = {
    path: function () {
      return "/api/v1/follow-ups?limit=20&status=" + $("follow-up-status").value;
    },
    item: taskItem,
    empty: "没有待处理的回访和求助。",
  };
  B.views.push("follow-ups");
  B.tabs.push("follow-ups");
  B.routes.push({
    pattern: /^\/follow-ups$/,
    open: function () {
      B.show("follow-ups");
      return B.loadList("follow-ups", false);
    },
  });
  B.inits.push(function () {
    $("follow-up-status").addEventListener("change", function () {
      void B.loadList("follow-ups", false);
    });
  });
})();
