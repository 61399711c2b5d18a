/* 岗通: the one API client every page uses — JSON over fetch with the session token, and errors
 * carrying the API's stable code, its Chinese message and the field at fault — and the two DOM
 * helpers every page uses. Plain ES2017. */
(function () {
  "use strict";

  function ApiError(status, code, message, field, details) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.field = field;
    this.details = details;
  }

  /** The API's Chinese message, without the "field: " prefix its validation messages carry. */
  function cleanMessage(msg) {
    return String(msg || "").replace(/^[A-Za-z0-9_.]+:\s*/, "");
  }

  /**
   * opts.token(): this page's session token, or null (the H5 page keeps it in localStorage with
   * its expiry; a portal in sessionStorage under the key it learns at boot). With no token, a call
   * outside /api/v1/auth/ counts as expired when opts.needsSession says so (the H5 page: signed
   * out in another tab);
   * opts.onExpired(message): called when a signed-in call answers 401 (not for sign-in itself);
   * opts.networkMessage / opts.failedMessage: the page's own words for no network and a refusal
   * without a message.
   */
  function client(opts) {
    return async function api(method, path, body) {
      var headers = { accept: "application/json" };
      var token = opts.token();
      var authPath = path.indexOf("/api/v1/auth/") === 0;
      if (token) headers.authorization = "Bearer " + token;
      else if (opts.needsSession && !authPath) {
        opts.onExpired("您已退出登录，请重新登录");
        throw new ApiError(401, "UNAUTHENTICATED", "您已退出登录，请重新登录");
      }
      var upload = typeof FormData !== "undefined" && body instanceof FormData;
      // keepalive: a 报名 sent as the page closes (the undo window's end) still arrives. Never for
      // a file: browsers refuse a keepalive body over 64 KB, and a phone's photo is larger.
      var init = { method: method, headers: headers, keepalive: method !== "GET" && !upload };
      // A FormData body (a file upload) goes as multipart, its boundary set by the browser.
      if (upload) init.body = body;
      else if (body !== undefined) {
        headers["content-type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      var res;
      try {
        res = await fetch(path, init);
      } catch {
        throw new ApiError(0, "NETWORK", opts.networkMessage);
      }
      var data = null;
      try {
        data = await res.json();
      } catch {
        data = null;
      }
      if (res.ok) return data;
      var err = (data && data.error) || {};
      if (res.status === 401 && token && !authPath) opts.onExpired("登录已过期，请重新登录");
      throw new ApiError(
        res.status,
        err.code || "HTTP_" + res.status,
        cleanMessage(err.message) ||
          (res.status >= 500 ? "系统繁忙，请稍后再试" : opts.failedMessage),
        err.field,
        err.details,
      );
    };
  }

  /** el("p", { class: "hint", text: "…", onclick: fn }, [children]): false, null and undefined attributes are left out. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs)
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = v;
        else if (k === "onclick") node.addEventListener("click", v);
        else node.setAttribute(k, v === true ? "" : v);
      });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /** Shows a message in the element with this id, or hides it when the message is empty. */
  function showError(id, message) {
    var box = document.getElementById(id);
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
  }

  /**
   * A labelled control (`tag`: input, select, textarea) with its own error line under it:
   * `say(message)` shows or clears that line and marks the control invalid; typing (or choosing
   * another file) clears it.
   */
  function field(id, label, tag, attrs) {
    var control = el(tag, Object.assign({ id: id, "aria-describedby": id + "-error" }, attrs));
    var error = el("p", { id: id + "-error", class: "field-error", role: "alert", hidden: true });
    var f = {
      input: control,
      nodes: [el("label", { for: id, text: label }), control, error],
      say: function (message) {
        error.textContent = message || "";
        error.hidden = !message;
        if (message) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      },
    };
    control.addEventListener(attrs && attrs.type === "file" ? "change" : "input", function () {
      f.say("");
    });
    return f;
  }

  /**
   * An API error under the field it names (`fields`: API field name → field), else in `general`
   * (the form's message box, or its id).
   */
  function sayApiError(e, fields, general) {
    var f = e.field && fields[e.field];
    if (f) {
      f.say(e.message);
      f.input.focus();
      return;
    }
    var box = typeof general === "string" ? document.getElementById(general) : general;
    if (!box) return;
    box.textContent = e.message || "";
    box.hidden = !e.message;
  }

  /**
   * The China-time calendar fields of an instant (UTC+8, no daylight saving), whatever the
   * phone's or computer's zone: the pages' one copy of the rule src/lib/china-time.ts keeps for the API.
   */
  function chinaParts(instant) {
    var d = new Date(new Date(instant).getTime() + 8 * 3600000);
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      date: d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()),
      time: pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()),
    };
  }

  /**
   * The labour-brand catalogue (the public GET /api/v1/training/brands: code, name, …), asked
   * once a page through `request` (the page's own API call), and again after a failure.
   */
  var brandCatalogue = null;
  function brands(request) {
    if (!brandCatalogue) {
      brandCatalogue = request("GET", "/api/v1/training/brands").then(function (r) {
        return r.items;
      });
      brandCatalogue.catch(function () {
        brandCatalogue = null;
      });
    }
    return brandCatalogue;
  }

  /** A typed list (skills, benefits) as its words: spaces, commas, 、 and semicolons separate them. */
  function words(s) {
    return String(s)
      .split(/[\s,，、;；]+/)
      .filter(Boolean);
  }

  /** Guangxi is home for everyone here: drop the province from Guangxi place names, keep it for Guangdong. */
  function placeText(name) {
    return String(name || "").replace(/^广西壮族自治区\s*/, "");
  }

  window.GTApi = {
    client: client,
    ApiError: ApiError,
    cleanMessage: cleanMessage,
    el: el,
    showError: showError,
    field: field,
    sayApiError: sayApiError,
    chinaParts: chinaParts,
    words: words,
    placeText: placeText,
    brands: brands,
  };
})();
