/* 岗通 H5: sign-in by phone and SMS code, and 退出 (the server forgets the token too). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    api = H.api,
    showError = H.showError;

  function showSignIn(message) {
    $("loading").hidden = true;
    $("tabs").hidden = true;
    H.hideSections();
    $("logout").hidden = true;
    $("signin").hidden = false;
    showPhoneStep();
    var saved = sessionStorage.getItem(H.PHONE);
    if (saved && !$("phone").value) $("phone").value = saved;
    showError("signin-error", message || "");
  }

  /** Back to the phone step (换个号码, 重新获取验证码): the number stays in the box to correct. */
  function showPhoneStep() {
    clearInterval(resendTimer);
    $("code-form").hidden = true;
    $("phone-form").hidden = false;
  }

  /** 退出: a 报名 still in its undo window is sent first, then the server forgets the token. */
  async function logOut() {
    $("logout").disabled = true;
    H.commitPending();
    try {
      await H.state.chain;
    } catch {
      /* sent or not, the person is leaving */
    }
    // The logout route may not exist yet on this server (404): signing out here is what matters.
    try {
      await api("POST", "/api/v1/auth/logout", {});
    } catch {
      /* ignored */
    }
    sessionStorage.removeItem(H.PHONE);
    H.signOut("");
  }

  function normalisePhone(raw) {
    return String(raw || "").replace(/[\s-]/g, "");
  }

  var resendTimer = null;
  function startResendCountdown() {
    var left = 60;
    var btn = $("resend");
    btn.disabled = true;
    clearInterval(resendTimer);
    var tick = function () {
      if (left <= 0) {
        clearInterval(resendTimer);
        btn.disabled = false;
        btn.textContent = "重新获取验证码";
        return;
      }
      btn.textContent = left + " 秒后可重新获取";
      left -= 1;
    };
    tick();
    resendTimer = setInterval(tick, 1000);
  }

  async function requestCode(event) {
    if (event) event.preventDefault();
    var phone = normalisePhone($("phone").value);
    if (!/^1\d{10}$/.test(phone)) {
      showError("signin-error", "请输入 11 位手机号");
      $("phone").focus();
      return;
    }
    showError("signin-error", "");
    var btn = $("phone-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      await api("POST", "/api/v1/auth/otp", { phone: phone });
      sessionStorage.setItem(H.PHONE, phone);
      $("phone-form").hidden = true;
      $("code-form").hidden = false;
      // The same words whether or not the number is registered: the page must not tell.
      $("code-sent").textContent =
        "如果该号码已登记，验证码会发到 " +
        phone.slice(0, 3) +
        "****" +
        phone.slice(7) +
        "；没有登记请联系村里的帮扶干部。验证码 5 分钟内有效。";
      $("code").value = "";
      $("code").focus();
      startResendCountdown();
    } catch (e) {
      showError("signin-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  async function verifyCode(event) {
    event.preventDefault();
    var phone = sessionStorage.getItem(H.PHONE) || normalisePhone($("phone").value);
    var code = $("code").value.replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) {
      showError("signin-error", "验证码是 6 位数字");
      $("code").focus();
      return;
    }
    showError("signin-error", "");
    var btn = $("code-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      var body = { phone: phone, code: code };
      // Opened in WeChat with an unbound WeChat (h5-wechat.js): this sign-in binds it, once.
      if (H.state.wechatBindToken) body.wechatBindToken = H.state.wechatBindToken;
      var signedIn = await api("POST", "/api/v1/auth/otp/verify", body);
      H.state.wechatBindToken = null;
      if (!signedIn.user || signedIn.user.role !== "labourer" || !signedIn.user.labourerId) {
        showError("signin-error", "这个手机号不是求职者账号");
        return;
      }
      H.saveSession(signedIn.token, signedIn.expiresIn);
      await H.start();
    } catch (e) {
      showError("signin-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  /** Hooks the sign-in forms and 退出 up; called once by h5.js. */
  function initSignIn() {
    $("phone-form").addEventListener("submit", requestCode);
    $("code-form").addEventListener("submit", verifyCode);
    $("resend").addEventListener("click", function () {
      showPhoneStep();
      void requestCode();
    });
    $("change-phone").addEventListener("click", function () {
      showPhoneStep();
      showError("signin-error", "");
      sessionStorage.removeItem(H.PHONE);
      $("phone").focus();
      $("phone").select();
    });
    $("logout").addEventListener("click", logOut);
  }

  H.showSignIn = showSignIn;
  H.initSignIn = initSignIn;
})();
