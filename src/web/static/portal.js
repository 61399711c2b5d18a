/* 岗通 portals: what the employer and bureau pages share — the API call with the session token
 * (sessionStorage, per portal), sign-in and sign-out, DOM helpers and Chinese labels. Plain ES2017. */
(function () {
  "use strict";

  /** @param {string} id @returns {any} an element the caller knows the kind of */
  var $ = function (id) {
    return document.getElementById(id);
  };
  var tokenKey = "gt.portal.token";
  var storagePrefix = "gt.portal.";

  var cleanMessage = GTApi.cleanMessage;
  var api = GTApi.client({
    token: function () {
      return sessionStorage.getItem(tokenKey);
    },
    onExpired: function (message) {
      signOut(message);
    },
    networkMessage: "网络连接失败，请检查网络后重试",
    failedMessage: "操作没有成功",
  });

  var el = GTApi.el;
  var showError = GTApi.showError;

  function yuan(fen) {
    var y = fen / 100;
    return Number.isInteger(y) ? y.toLocaleString("zh-CN") : y.toFixed(2);
  }

  var UNIT = window.GT_LABELS.wageUnit;
  function wageText(w) {
    var range = w.minFen === w.maxFen ? yuan(w.minFen) : yuan(w.minFen) + "–" + yuan(w.maxFen);
    return (UNIT[w.unit] || "工资") + " " + range + (w.unit === "piece" ? " 元/件" : " 元");
  }

  function timeText(iso) {
    if (!iso) return "";
    // Always China time (UTC+8, no daylight saving), whatever the machine's zone.
    var d = GTApi.chinaParts(iso);
    return d.date + " " + d.time;
  }

  // The enums' Chinese words, from /web/labels.js (generated from src/lib/enums.ts); copied so a
  // feature file can add a group of its own with addLabels.
  var LABELS = {};
  Object.keys(window.GT_LABELS).forEach(function (g) {
    LABELS[g] = window.GT_LABELS[g];
  });
  /** The Chinese word for an API value; an unknown value reads 其他, never the code itself. */
  function label(group, value) {
    if (value === null || value === undefined || value === "") return "";
    return (LABELS[group] && LABELS[group][value]) || "其他";
  }

  /** More label groups, from a feature file: GT.addLabels({ group: { value: "中文" } }). */
  function addLabels(groups) {
    Object.keys(groups).forEach(function (g) {
      LABELS[g] = groups[g];
    });
  }

  /** A region's full name (without the province), looked up once per code; the code if the lookup fails. */
  var regionCache = {};
  function regionName(code) {
    if (!regionCache[code]) {
      regionCache[code] = api("GET", "/api/v1/regions/" + encodeURIComponent(code))
        .then(function (r) {
          return window.GTApi.placeText(r.fullName || r.name);
        })
        .catch(function () {
          return code;
        });
    }
    return regionCache[code];
  }

  /** A span showing `code` until its name arrives. */
  function regionSpan(code, prefix) {
    var span = el("span", { text: (prefix || "") + code });
    regionName(code).then(function (name) {
      span.textContent = (prefix || "") + name;
    });
    return span;
  }

  var ctx = { roles: [], onReady: null };

  /** Drops this portal's keys ("gt.employer.…") from both storages. */
  function clearStorage(prefix) {
    [sessionStorage, localStorage].forEach(function (store) {
      var keys = [];
      for (var i = 0; i < store.length; i++)
        if (store.key(i).indexOf(prefix) === 0) keys.push(store.key(i));
      keys.forEach(function (k) {
        store.removeItem(k);
      });
    });
  }

  /**
   * Signing out (退出, an expired session, the wrong kind of account) ends EVERYTHING of this
   * page: its storage is cleared and the start URL loaded afresh, so no form entry, filter, route
   * or cached list of the previous account survives in memory. A message for the sign-in screen
   * rides along in sessionStorage.
   */
  function signOut(message) {
    clearStorage(storagePrefix);
    if (message) sessionStorage.setItem(storagePrefix + "notice", message);
    location.replace(location.pathname);
  }

  /** 退出: the server forgets the session too (a 404 before that route exists is fine), then signOut. */
  async function logOut() {
    $("logout").disabled = true;
    try {
      await api("POST", "/api/v1/auth/logout", {});
    } catch {
      /* signed out here regardless */
    }
    signOut("");
  }

  function showSignIn(message) {
    $("app").hidden = true;
    $("logout").hidden = true;
    $("who").textContent = "";
    $("loading").hidden = true;
    $("signin").hidden = false;
    showError("signin-error", message || "");
    $("username").focus();
  }

  async function enter() {
    try {
      var me = await api("GET", "/api/v1/me");
      if (ctx.roles.indexOf(me.role) < 0) {
        signOut("该账号不能使用本页面（账号类型：" + label("role", me.role) + "）");
        return;
      }
      $("loading").hidden = true;
      $("signin").hidden = true;
      $("app").hidden = false;
      $("logout").hidden = false;
      $("who").textContent = me.displayName;
      ctx.onReady(me);
    } catch (e) {
      if (sessionStorage.getItem(tokenKey)) signOut(e.message);
    }
  }

  async function submitSignIn(event) {
    event.preventDefault();
    var username = $("username").value.trim();
    var password = $("password").value;
    if (!username || !password) {
      showError("signin-error", "请填写用户名和密码");
      return;
    }
    showError("signin-error", "");
    var btn = $("signin-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      var session = await api("POST", "/api/v1/auth/login", {
        username: username,
        password: password,
      });
      sessionStorage.setItem(tokenKey, session.token);
      $("password").value = "";
      await enter();
    } catch (e) {
      showError("signin-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  /** Starts a portal: `key` names its session, `roles` who may use it, `onReady(me)` draws it. */
  function boot(opts) {
    storagePrefix = "gt." + opts.key + ".";
    tokenKey = storagePrefix + "token";
    ctx.roles = opts.roles;
    ctx.onReady = opts.onReady;
    var go = function () {
      $("signin-form").addEventListener("submit", submitSignIn);
      $("logout").addEventListener("click", logOut);
      // A fresh start: no form keeps what the browser may have restored into it.
      Array.prototype.forEach.call(document.querySelectorAll("form"), function (f) {
        f.reset();
      });
      var notice = sessionStorage.getItem(storagePrefix + "notice") || "";
      sessionStorage.removeItem(storagePrefix + "notice");
      if (sessionStorage.getItem(tokenKey)) void enter();
      else showSignIn(notice);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  }

  window.GT = {
    $: $,
    api: api,
    /** This portal's session token, for the few calls that are not JSON (uploads, downloads). */
    token: function () {
      return sessionStorage.getItem(tokenKey);
    },
    el: el,
    showError: showError,
    wageText: wageText,
    yuan: yuan,
    timeText: timeText,
    label: label,
    addLabels: addLabels,
    boot: boot,
    signOut: signOut,
    cleanMessage: cleanMessage,
    regionSpan: regionSpan,
  };
})();
