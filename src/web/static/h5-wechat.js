/* 岗通 H5 inside WeChat: sign-in through the official account's web OAuth (snsapi_base: nothing to
 * tap), the phone code asked once to bind a new WeChat, and 微信提醒 — the wx-open-subscribe tag
 * of WeChat's JS-SDK (served by us, /web/jweixin.js) — recorded with the API so pushes go by
 * WeChat. Outside WeChat, or with WeChat not configured, this file does nothing. docs/WECHAT.md. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el;
  var STATE = "gt.h5.wx.state"; // sessionStorage: the OAuth state we sent, checked on the way back
  var HASH = "gt.h5.wx.hash"; // sessionStorage: the in-page route (#job/…) to come back to
  var TRIED = "gt.h5.wx.tried"; // sessionStorage: one automatic round trip per tab, never a loop
  var config = null;

  var inWechat = function () {
    return /MicroMessenger/i.test(navigator.userAgent);
  };

  async function wechatConfig() {
    if (config) return config;
    try {
      var r = await fetch("/api/v1/wechat/config", { headers: { accept: "application/json" } });
      config = r.ok ? await r.json() : { enabled: false, templates: [] };
    } catch {
      config = { enabled: false, templates: [] };
    }
    return config;
  }

  function randomState() {
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map
      .call(a, function (b) {
        return (b < 16 ? "0" : "") + b.toString(16);
      })
      .join("");
  }

  /** To WeChat's authorise page; it comes back to /h5/?code=…&state=…. */
  function goAuthorise(cfg) {
    var state = randomState();
    sessionStorage.setItem(STATE, state);
    sessionStorage.setItem(TRIED, "1");
    if (location.hash) sessionStorage.setItem(HASH, location.hash);
    var back = location.origin + "/h5/";
    location.replace(
      cfg.authorizeUrl +
        "?appid=" +
        encodeURIComponent(cfg.appId) +
        "&redirect_uri=" +
        encodeURIComponent(back) +
        "&response_type=code&scope=snsapi_base&state=" +
        state +
        "#wechat_redirect",
    );
  }

  /**
   * Called by h5.js when nobody is signed in. Answers true when it took the page over (gone to
   * WeChat, or signed in and started); false leaves the phone sign-in to show.
   */
  async function wechatSignIn() {
    if (!inWechat()) return false;
    var cfg = await wechatConfig();
    if (!cfg.enabled) return false;
    var q = new URLSearchParams(location.search);
    var code = q.get("code");
    if (!code) {
      if (sessionStorage.getItem(TRIED)) return false;
      goAuthorise(cfg);
      return true;
    }
    var expected = sessionStorage.getItem(STATE);
    sessionStorage.removeItem(STATE);
    // The code leaves the address bar at once: a reload or a shared link must not reuse it.
    history.replaceState(null, "", "/h5/" + (sessionStorage.getItem(HASH) || ""));
    sessionStorage.removeItem(HASH);
    if (!expected || q.get("state") !== expected) {
      H.showSignIn("微信登录没有成功，请用手机号登录");
      return true;
    }
    try {
      var s = await H.api("POST", "/api/v1/auth/wechat", { code: code });
      H.saveSession(s.token, s.expiresIn);
      await H.start();
    } catch (e) {
      if (e.code === "WECHAT_NOT_BOUND" && e.details && e.details.bindToken) {
        H.state.wechatBindToken = e.details.bindToken;
        H.showSignIn("");
        $("signin-title").textContent = "第一次用微信打开，请验证一次手机号";
        showError("signin-error", "");
        $("wx-bind-hint").hidden = false;
      } else H.showSignIn(e.message || "微信登录没有成功，请用手机号登录");
    }
    return true;
  }

  var showError = H.showError;

  function loadSdk() {
    return new Promise(function (resolve, reject) {
      if (window.wx) return resolve(window.wx);
      var s = document.createElement("script");
      s.src = "/web/jweixin.js";
      s.onload = function () {
        resolve(window.wx);
      };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  /** Reads wx-open-subscribe's answer: { templateId: "{\"status\":\"accept\"}" } (or objects). */
  function acceptedOf(detail) {
    var raw = detail && detail.subscribeDetails;
    var all = typeof raw === "string" ? JSON.parse(raw) : raw || {};
    return Object.keys(all).filter(function (t) {
      var v = all[t];
      var status = typeof v === "string" ? JSON.parse(v).status : v && v.status;
      return status === "accept";
    });
  }

  /** The 微信提醒 box on 我的推荐, while some reminder has none left. */
  async function offerSubscribe() {
    if (!inWechat()) return;
    var cfg = await wechatConfig();
    if (!cfg.enabled || !cfg.templates.length) return;
    var mine = await H.api("GET", "/api/v1/wechat/subscriptions");
    var wanted = mine.subscriptions.filter(function (s) {
      return s.remaining === 0;
    });
    var box = $("wx-subscribe");
    if (!mine.bound || !wanted.length) {
      box.hidden = true;
      return;
    }
    var tag = document.createElement("wx-open-subscribe");
    tag.id = "wx-subscribe-tag";
    tag.setAttribute("template", wanted.map((s) => s.templateId).join(","));
    var tpl = document.createElement("script");
    tpl.setAttribute("type", "text/wxtag-template");
    tpl.textContent =
      '<button style="font-size:20px;min-height:56px;width:100%;border:0;border-radius:8px;background:#07c160;color:#fff">在微信里提醒我</button>';
    tag.appendChild(tpl);
    tag.addEventListener("success", async function (e) {
      var accepted = acceptedOf(/** @type {CustomEvent} */ (e).detail);
      if (!accepted.length) return;
      try {
        await H.api("POST", "/api/v1/wechat/subscriptions", { accepted: accepted });
        $("wx-subscribe-status").textContent = "好了，有新工作会在微信里告诉您";
        $("wx-subscribe-slot").textContent = "";
      } catch (err) {
        $("wx-subscribe-status").textContent = err.message;
      }
    });
    $("wx-subscribe-slot").textContent = "";
    $("wx-subscribe-slot").appendChild(tag);
    box.hidden = false;
    try {
      var wx = await loadSdk();
      var url = location.href.split("#")[0];
      var sig = await H.api("GET", "/api/v1/wechat/js-config?url=" + encodeURIComponent(url));
      wx.config({
        debug: false,
        appId: sig.appId,
        timestamp: sig.timestamp,
        nonceStr: sig.nonceStr,
        signature: sig.signature,
        jsApiList: ["checkJsApi"],
        openTagList: ["wx-open-subscribe"],
      });
    } catch {
      box.hidden = true; // no reminder button that cannot work; SMS still carries the pushes
    }
  }

  H.inits.push(function () {
    var recs = $("recs");
    recs.insertBefore(
      el("div", { id: "wx-subscribe", class: "card", hidden: true }, [
        el("p", { text: "想在微信里收到新工作的提醒吗？点下面的按钮，再点「允许」。" }),
        el("div", { id: "wx-subscribe-slot" }),
        el("p", { id: "wx-subscribe-status", class: "status", role: "status" }),
      ]),
      recs.firstChild,
    );
    var hint = el("p", {
      id: "wx-bind-hint",
      class: "hint",
      hidden: true,
      text: "验证以后，用微信打开岗通就不用再输验证码了。",
    });
    $("signin").insertBefore(hint, $("phone-form"));
  });
  H.onStart.push(function () {
    return offerSubscribe().catch(function () {
      /* the reminder box is extra: SMS still carries the pushes */
    });
  });
  H.wechatSignIn = wechatSignIn;
})();
