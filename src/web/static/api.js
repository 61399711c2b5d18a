/* 岗通: the one API client every page uses — JSON over fetch with the session token, and errors
 * carrying the API's stable code, its Chinese message and the field at fault — and the two DOM
 * helpers every page uses. Plain ES2017. */
(function () {
  "use strict";

  function ApiError(status, code, message, field) {
    this.status = status; this.code = code; this.message = message; this.field = field;
  }

  /** The API's Chinese message, without the "field: " prefix its validation messages carry. */
  function cleanMessage(msg) {
    return String(msg || "").replace(/^[A-Za-z0-9_.]+:\s*/, "");
  }

  /**
   * opts.tokenKey(): the sessionStorage key of this page's session token (a portal learns its own
   * key at boot);
   * opts.onExpired(message): called when a signed-in call answers 401 (not for sign-in itself);
   * opts.networkMessage / opts.failedMessage: the page's own words for no network and a refusal
   * without a message.
   */
  function client(opts) {
    return async function api(method, path, body) {
      var headers = { accept: "application/json" };
      var token = sessionStorage.getItem(opts.tokenKey());
      if (token) headers.authorization = "Bearer " + token;
      var init = { method: method, headers: headers };
      if (body !== undefined) { headers["content-type"] = "application/json"; init.body = JSON.stringify(body); }
      var res;
      try {
        res = await fetch(path, init);
      } catch (e) {
        throw new ApiError(0, "NETWORK", opts.networkMessage);
      }
      var data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      if (res.ok) return data;
      var err = (data && data.error) || {};
      if (res.status === 401 && token && path.indexOf("/api/v1/auth/") !== 0) opts.onExpired("登录已过期，请重新登录");
      throw new ApiError(res.status, err.code || "HTTP_" + res.status,
        cleanMessage(err.message) || (res.status >= 500 ? "系统繁忙，请稍后再试" : opts.failedMessage), err.field);
    };
  }

  /** el("p", { class: "hint", text: "…", onclick: fn }, [children]): false, null and undefined attributes are left out. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k === "onclick") node.addEventListener("click", v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  /** Shows a message in the element with this id, or hides it when the message is empty. */
  function showError(id, message) {
    var box = document.getElementById(id);
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
  }

  window.GTApi = { client: client, ApiError: ApiError, cleanMessage: cleanMessage, el: el, showError: showError };
})();
