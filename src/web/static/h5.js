/* 岗通 H5 job seeker page: the tabs, the start and the wiring. Plain ES2017, no framework: it must
 * load fast on old phones in WeChat. Loaded last (defer keeps the order): api.js, h5-core.js
 * (the namespace window.GTH5, session, API client), then one file per feature, each adding its
 * functions to GTH5 — h5-signin.js, h5-undo.js, h5-rec-card.js, h5-recs.js, h5-search.js,
 * h5-apply.js, h5-applications.js, h5-checkin.js, h5-help.js, h5-job.js, h5-push.js,
 * h5-profile.js (labels.js and h5-search-filters.js for the search tabs). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    state = H.state;

  function hideSections() {
    H.tabs.forEach(function (t) {
      $(t.name).hidden = true;
    });
  }

  /** Shows one tab and opens it (its list is fetched afresh, or kept, as the tab decides). */
  function showTab(name) {
    var chosen = /** @type {any} */ (null);
    H.tabs.forEach(function (t) {
      var on = t.name === name;
      $(t.name).hidden = !on;
      if (on) $("tab-" + t.name).setAttribute("aria-current", "page");
      else $("tab-" + t.name).removeAttribute("aria-current");
      if (on) chosen = t;
    });
    return chosen ? chosen.open() : null;
  }

  async function start() {
    var notice = sessionStorage.getItem(H.NOTICE) || "";
    sessionStorage.removeItem(H.NOTICE);
    if (!H.session()) {
      // Inside WeChat with WeChat sign-in on: the official account's OAuth (h5-wechat.js).
      if (H.wechatSignIn && (await H.wechatSignIn())) return;
      H.showSignIn(notice || (state.expired ? "登录已过期，请重新登录" : ""));
      return;
    }
    try {
      var me = await H.api("GET", "/api/v1/me");
      if (me.role !== "labourer" || !me.labourerId) {
        H.signOut("这个账号不是求职者账号，请用手机号登录");
        return;
      }
      state.labourerId = me.labourerId;
    } catch (e) {
      // A 401 has already signed out; anything else (network) is said on the sign-in screen.
      if (H.session()) H.showSignIn(e.message);
      return;
    }
    $("loading").hidden = true;
    $("signin").hidden = true;
    $("tabs").hidden = false;
    $("logout").hidden = false;
    H.onStart.forEach(function (fn) {
      void fn();
    });
    await showTab("recs");
  }

  function init() {
    H.initSignIn();
    H.initUndo();
    H.initSearch();
    H.inits.forEach(function (fn) {
      fn();
    });
    // Signed out in another tab: this one follows at once (its next API call would anyway).
    window.addEventListener("storage", function (e) {
      if (e.key === H.SESSION && !e.newValue && state.labourerId)
        H.signOut("您已退出登录，请重新登录");
      else if (e.key === H.SESSION && e.newValue && !state.labourerId) void start();
    });
    H.tabs.forEach(function (t) {
      $("tab-" + t.name).addEventListener("click", function () {
        void showTab(t.name);
      });
    });
    void start();
  }

  H.hideSections = hideSections;
  H.showTab = showTab;
  H.start = start;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
