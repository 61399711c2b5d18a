/* 岗通 H5: 推送设置 — whether job pushes come at all (contactConsent, with the time of the
 * decision: consentAt) and by which way, 微信 or 短信 (pushChannel; the words from
 * GT_LABELS.pushChannel, src/lib/enums.ts). Each tap saves at once (PATCH /api/v1/labourers/me).
 * Drawn by h5-profile.js into 我的资料 (H.drawPush). No quiet hours: the record has none. */
(function () {
  "use strict";

  var H = window.GTH5;
  var el = H.el;
  var LABELS = window.GT_LABELS.pushChannel;

  function consentText(p) {
    var when = p.consentAt ? H.dateText(p.consentAt) : "";
    if (p.contactConsent)
      return "现在：有合适的工作会通知您" + (when ? "（" + when + "打开）" : "") + "。";
    return (
      "现在：不给您推送工作" + (when ? "（" + when + "关闭）" : "") + "。您报名的进度还会通知您。"
    );
  }

  function drawPush(p) {
    var state = { consent: p.contactConsent, channel: p.pushChannel || "wechat" };
    var status = el("p", { id: "push-now", class: "status", role: "status", text: consentText(p) });
    var error = el("p", { id: "push-error", class: "error", role: "alert", hidden: true });
    var on = el("button", { type: "button", id: "push-on", class: "btn toggle", text: "接收推送" });
    var off = el("button", {
      type: "button",
      id: "push-off",
      class: "btn toggle",
      text: "不要推送",
    });
    var ways = el("div", { class: "choices", role: "group", "aria-label": "用什么方式通知我" });
    var wayButtons = Object.keys(LABELS).map(function (k) {
      var b = el("button", {
        type: "button",
        class: "btn toggle",
        "data-channel": k,
        text: "用" + LABELS[k] + "通知我",
      });
      b.addEventListener("click", function () {
        void save({ pushChannel: k });
      });
      ways.appendChild(b);
      return b;
    });
    var waysBox = el("div", null, [el("p", { class: "label", text: "用什么方式通知我" }), ways]);

    function draw() {
      on.setAttribute("aria-pressed", String(state.consent));
      off.setAttribute("aria-pressed", String(!state.consent));
      wayButtons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-channel") === state.channel));
      });
      waysBox.hidden = !state.consent;
    }

    async function save(body) {
      error.hidden = true;
      [on, off].concat(wayButtons).forEach(function (b) {
        b.disabled = true;
      });
      try {
        var next = await H.api("PATCH", "/api/v1/labourers/me", body);
        state.consent = next.contactConsent;
        state.channel = next.pushChannel;
        status.textContent =
          consentText(next) +
          (body.pushChannel ? "以后用" + LABELS[next.pushChannel] + "通知您。" : "");
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      } finally {
        [on, off].concat(wayButtons).forEach(function (b) {
          b.disabled = false;
        });
        draw();
      }
    }

    on.addEventListener("click", function () {
      if (!state.consent) void save({ contactConsent: true });
    });
    off.addEventListener("click", function () {
      if (state.consent) void save({ contactConsent: false });
    });
    draw();
    return el("div", { class: "card", id: "push-settings" }, [
      el("h3", { text: "推送设置" }),
      el("p", { class: "hint", text: "有合适的工作时，要不要通知您？" }),
      el("div", { class: "actions" }, [on, off]),
      waysBox,
      error,
      status,
    ]);
  }

  H.drawPush = drawPush;
})();
