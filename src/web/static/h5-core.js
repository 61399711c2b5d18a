/* 岗通 H5 job seeker page, shared part: the namespace window.GTH5 every h5-*.js file adds to, the
 * session (localStorage with its expiry, so every WeChat or SMS link — a new tab — is already
 * signed in until the token runs out), the API client, and the helpers the cards use. Loaded right
 * after api.js; h5.js (loaded last) starts the page. Plain ES2017, no framework. */
(function () {
  "use strict";

  var SESSION = "gt.h5.session"; // localStorage: { token, expiresAt (ms) }
  /** @param {string} id @returns {any} an element the caller knows the kind of */
  var $ = function (id) {
    return document.getElementById(id);
  };

  // Chinese words for the API's codes, from /web/labels.js (generated from src/lib/enums.ts).
  var LABELS = window.GT_LABELS;
  var REASON_LABEL = LABELS.decline;
  var DECLINE_REASONS = Object.keys(REASON_LABEL).map(function (k) {
    return [k, REASON_LABEL[k]];
  });
  var UNIT = LABELS.wageUnit;

  var state = {
    labourerId: null,
    countyCode: null,
    near: false,
    searchCursor: null,
    searched: false,
    // Feedback requests go one at a time, so a "viewed" mark never lands after "applied" or "declined".
    chain: Promise.resolve(),
    observer: null,
    // The 报名 / 不合适 waiting out its undo window: { item, body, timer, revert }.
    pending: null,
    expired: false,
  };

  // ---------- session ----------

  /** The stored session, or null; an expired one is dropped on the way. */
  function session() {
    var s = null;
    try {
      s = JSON.parse(localStorage.getItem(SESSION) || "null");
    } catch {
      s = null;
    }
    if (!s || typeof s.token !== "string") return null;
    if (typeof s.expiresAt === "number" && s.expiresAt <= Date.now()) {
      localStorage.removeItem(SESSION);
      state.expired = true;
      return null;
    }
    return s;
  }

  function saveSession(token, expiresIn) {
    localStorage.setItem(
      SESSION,
      JSON.stringify({ token: token, expiresAt: Date.now() + (expiresIn || 0) * 1000 }),
    );
  }

  /**
   * Ends the session on this device and starts the page afresh: nothing of the previous person
   * (lists, search word, a half-typed code) survives in memory. The sign-in screen's message rides
   * along in sessionStorage.
   */
  function signOut(message) {
    localStorage.removeItem(SESSION);
    sessionStorage.removeItem("gt.h5.token"); // where the session lived before
    if (message) sessionStorage.setItem(H.NOTICE, message);
    location.replace("/h5/");
  }

  // ---------- API ----------

  var api = GTApi.client({
    token: function () {
      var s = session();
      return s ? s.token : null;
    },
    needsSession: true,
    onExpired: function (message) {
      signOut(state.expired ? "登录已过期，请重新登录" : message);
    },
    networkMessage: "网络不好，请稍后再试",
    failedMessage: "操作没有成功，请再试一次",
  });

  // ---------- small helpers ----------

  var el = GTApi.el;

  function yuan(fen) {
    var y = fen / 100;
    return Number.isInteger(y) ? y.toLocaleString("zh-CN") : y.toFixed(2);
  }

  /** "月薪 4,500–6,500 元" from integer fen. */
  function wageText(w) {
    var range = w.minFen === w.maxFen ? yuan(w.minFen) : yuan(w.minFen) + "–" + yuan(w.maxFen);
    return (UNIT[w.unit] || "工资") + " " + range + (w.unit === "piece" ? " 元/件" : " 元");
  }

  var placeText = GTApi.placeText;

  function dateText(iso) {
    var d = GTApi.chinaParts(iso); // China time, whatever the phone's zone
    return d.month + "月" + d.day + "日";
  }

  /** "13800138000" → "138 0013 8000": easier to read and to say out loud. */
  function spacedPhone(p) {
    return String(p).replace(/^(\d{3})(\d{4})(\d{4})$/, "$1 $2 $3");
  }

  /**
   * 查看电话 → the employer's full number (GET /api/v1/jobs/{id}/contact: audited, open postings
   * only, a daily cap) → one big 拨打电话 tel: link. Asked for only on a tap, never on render.
   */
  function contactBox(jobId) {
    var box = el("div", { class: "contact" });
    var show = el("button", { type: "button", class: "btn call", text: "查看电话" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    show.addEventListener("click", async function () {
      show.disabled = true;
      error.hidden = true;
      try {
        var c = await api("GET", "/api/v1/jobs/" + jobId + "/contact");
        box.textContent = "";
        box.appendChild(el("p", { class: "contact-name", text: "联系人：" + c.contactName }));
        var call = el("a", {
          class: "btn primary call",
          href: "tel:" + c.phone,
          text: "拨打电话 " + spacedPhone(c.phone),
        });
        box.appendChild(call);
        call.focus();
      } catch (e) {
        show.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    box.appendChild(show);
    box.appendChild(error);
    return box;
  }

  var H = {
    SESSION: SESSION,
    PHONE: "gt.h5.phone", // sessionStorage: the number typed, to fill in again after a resend
    NOTICE: "gt.h5.notice", // sessionStorage: what the sign-in screen says after a sign-out reload
    UNDO_MS: 5000, // how long 撤销 is offered after 我要报名 / 不合适
    DECLINE_REASONS: DECLINE_REASONS,
    REASON_LABEL: REASON_LABEL,
    $: $,
    el: el,
    showError: GTApi.showError,
    state: state,
    /**
     * The tabs, in the order of the buttons in #tabs: section `name`, button `tab-<name>`, and
     * `open()`, what showing it does. Each feature file adds its own: H.tabs.push({ name, open }).
     */
    tabs: [],
    /** Listeners a feature file hooks up once the page starts: H.inits.push(fn). */
    inits: [],
    /** What a feature file does once the person is signed in and the page shows: H.onStart.push(fn). */
    onStart: [],
    api: api,
    session: session,
    saveSession: saveSession,
    signOut: signOut,
    wageText: wageText,
    placeText: placeText,
    dateText: dateText,
    spacedPhone: spacedPhone,
    contactBox: contactBox,
  };
  window.GTH5 = H;
})();
