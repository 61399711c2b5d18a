/* 岗通 H5: 还在这里工作吗？ — the check-ins 7, 30 and 90 days after a confirmed start
 * (GET /api/v1/check-ins/mine?status=pending), shown above the tabs once signed in. 在 answers at
 * once; 不在了 asks why (其他 needs words) and ends the job on the server, so new jobs are
 * recommended again. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el;

  /** Why the job ended: the API's end reasons, in its words (GT_LABELS from src/lib/enums.ts). */
  var LEFT_REASONS = Object.keys(window.GT_LABELS.endReason).map(function (k) {
    return [k, window.GT_LABELS.endReason[k]];
  });

  function answerPath(c) {
    return "/api/v1/employments/" + c.employmentId + "/check-ins/" + c.id + "/answer";
  }

  function checkInCard(c) {
    var card = el("article", {
      class: "card checkin",
      "data-check-in": c.id,
      "aria-label": c.question,
    });
    var bottom = el("div");
    var error = el("p", { class: "error", role: "alert", hidden: true });
    card.appendChild(el("h3", { text: c.question || "还在这里工作吗？" }));
    card.appendChild(el("p", { class: "org", text: c.employerName }));
    card.appendChild(bottom);
    card.appendChild(error);

    var send = async function (body, button) {
      button.disabled = true;
      error.hidden = true;
      try {
        var r = await H.api("POST", answerPath(c), body);
        bottom.textContent = "";
        var done = el("p", {
          class: "done applied",
          tabindex: "-1",
          text:
            r.answer === "left"
              ? "已记下：不在这里做了。会继续为您推荐岗位。"
              : "已记下：还在这里工作。祝工作顺利！",
        });
        bottom.appendChild(done);
        done.focus();
      } catch (e) {
        button.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    };
    var drawAnswers = function () {
      bottom.textContent = "";
      var yes = el("button", { type: "button", class: "btn primary", text: "在" });
      var no = el("button", { type: "button", class: "btn", text: "不在了" });
      yes.addEventListener("click", function () {
        void send({ answer: "still_working" }, yes);
      });
      no.addEventListener("click", drawReasons);
      bottom.appendChild(el("div", { class: "actions" }, [yes, no]));
    };
    var drawReasons = function () {
      bottom.textContent = "";
      var note = el("textarea", { id: "ci-note-" + c.id, maxlength: "200", rows: "2" });
      var noteBox = el("div", { hidden: true }, [
        el("label", { for: "ci-note-" + c.id, text: "写一下原因" }),
        note,
      ]);
      var choices = el("div", { class: "choices" });
      LEFT_REASONS.forEach(function (r) {
        var b = el("button", { type: "button", class: "btn", text: r[1] });
        b.addEventListener("click", function () {
          if (r[0] === "other" && !note.value.trim()) {
            noteBox.hidden = false;
            note.focus();
            return;
          }
          var body = { answer: "left", reason: r[0] };
          if (r[0] === "other") body.note = note.value.trim();
          void send(body, b);
        });
        choices.appendChild(b);
      });
      var back = el("button", { type: "button", class: "btn plain", text: "算了，返回" });
      back.addEventListener("click", drawAnswers);
      bottom.appendChild(
        el("fieldset", null, [el("legend", { text: "为什么不在了？" }), choices, noteBox, back]),
      );
      choices.querySelector("button").focus();
    };
    drawAnswers();
    return card;
  }

  async function loadCheckIns() {
    var list = $("checkins-list");
    try {
      var page = await H.api("GET", "/api/v1/check-ins/mine?status=pending&limit=5");
      list.textContent = "";
      page.items.forEach(function (c) {
        list.appendChild(checkInCard(c));
      });
      $("checkins").hidden = page.items.length === 0;
    } catch {
      // Not asked is better than an error above everything else: the cadre follows up anyway.
      $("checkins").hidden = true;
    }
  }

  H.onStart.push(loadCheckIns);
})();
