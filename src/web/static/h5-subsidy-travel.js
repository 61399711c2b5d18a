/* 岗通 H5: the ticket's travel date and leg on the upload form (h5-subsidy-upload.js) — a date
 * input (the phone's own date picker, no later than today in China) and two big buttons for the
 * leg, their words from GT_LABELS.ticketLeg (src/lib/enums.ts). `check()` says what is missing
 * under each field, `values()` gives what the API takes (travelDate YYYY-MM-DD, leg). */
(function () {
  "use strict";

  var H = window.GTH5;
  var el = H.el;
  var S = H.subsidy;
  var LEG = window.GT_LABELS.ticketLeg;
  var LEG_HINT = { outbound: "从家去务工地", return: "从务工地回家" };

  function legField() {
    var leg = null;
    var error = el("p", {
      id: "ticket-leg-error",
      class: "field-error",
      role: "alert",
      hidden: true,
    });
    var title = el("p", { id: "ticket-leg-label", class: "label", text: "这张车票是" });
    var group = el("div", {
      class: "choices legs",
      role: "group",
      "aria-labelledby": "ticket-leg-label",
      "aria-describedby": "ticket-leg-error",
      tabindex: "-1",
    });
    var f = {
      input: group,
      nodes: [title, group, error],
      value: function () {
        return leg;
      },
      say: function (message) {
        error.textContent = message || "";
        error.hidden = !message;
        if (message) group.setAttribute("aria-invalid", "true");
        else group.removeAttribute("aria-invalid");
      },
    };
    function draw() {
      group.textContent = "";
      Object.keys(LEG).forEach(function (k) {
        var b = el("button", {
          type: "button",
          class: "btn toggle",
          "aria-pressed": String(leg === k),
          text: LEG[k] + "（" + LEG_HINT[k] + "）",
        });
        b.addEventListener("click", function () {
          leg = k;
          f.say("");
          draw();
        });
        group.appendChild(b);
      });
    }
    draw();
    return f;
  }

  S.travelFields = function () {
    var today = GTApi.chinaParts(new Date()).date;
    var date = S.field("ticket-date", "乘车日期（车票上印的日子）", {
      type: "date",
      max: today,
      autocomplete: "off",
    });
    var leg = legField();
    return {
      nodes: date.nodes.concat(leg.nodes),
      /** By the API's field names, so its errors land under the right field. */
      fields: { travelDate: date, leg: leg },
      list: [date, leg],
      check: function () {
        var d = date.input.value;
        if (!d) date.say("请选择车票上的乘车日期");
        else if (d > today) date.say("乘车日期不能晚于今天，请核对车票上的日期");
        if (!leg.value()) leg.say("请选择这张车票是去程还是返程");
      },
      values: function () {
        return { travelDate: date.input.value, leg: leg.value() };
      },
    };
  };
})();
