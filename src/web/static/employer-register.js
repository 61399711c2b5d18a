/* 岗通 employer portal: 用工单位注册 — before signing in, an organisation registers itself
 * (POST /api/v1/employers/register: the organisation, pending the bureau's check, and its first
 * account) and is signed in with the session the answer carries. The unified social credit code
 * is checked on the page first (GB 32100 check characters), then by the server. */
(function () {
  "use strict";

  var GT = window.GT;
  var $ = GT.$,
    el = GT.el,
    F = GT.forms;
  var FIELDS = {
    name: "rg-name",
    type: "rg-type",
    creditCode: "rg-creditCode",
    workshopCertificateNo: "rg-workshopCertificateNo",
    regionCode: "rg-regionCode",
    address: "rg-address",
    contactName: "rg-contactName",
    contactPhone: "rg-contactPhone",
    username: "rg-username",
    password: "rg-password",
  };
  var ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var NEEDS_CODE = ["enterprise", "workshop", "cooperative"];

  /** GB 32100: 18 characters from the alphabet, the organisation code's and the whole code's check. */
  function creditCodeProblem(raw) {
    var code = raw.replace(/[\s-]/g, "").toUpperCase();
    if (code.length !== 18) return "统一社会信用代码应为 18 位，当前为 " + code.length + " 位";
    for (var i = 0; i < 18; i++)
      if (ALPHABET.indexOf(code[i]) < 0)
        return (
          "统一社会信用代码第 " +
          (i + 1) +
          " 位“" +
          code[i] +
          "”不是有效字符（只用数字和大写字母，不含 I、O、Z、S、V）"
        );
    var weights = [3, 7, 9, 10, 5, 8, 4, 2];
    var sum = 0;
    for (var j = 0; j < 8; j++) {
      var ch = code[8 + j];
      sum += (ch >= "0" && ch <= "9" ? Number(ch) : ch.charCodeAt(0) - 55) * weights[j];
    }
    var c = 11 - (sum % 11);
    var org = c === 10 ? "X" : c === 11 ? "0" : String(c);
    if (code[16] !== org) return "统一社会信用代码第 9-17 位组织机构代码的校验位不正确，请核对";
    var total = 0,
      w = 1;
    for (var k = 0; k < 17; k++) {
      total += ALPHABET.indexOf(code[k]) * w;
      w = (w * 3) % 31;
    }
    if (ALPHABET[(31 - (total % 31)) % 31] !== code[17])
      return "统一社会信用代码第 18 位校验码不正确，请逐位核对营业执照上的代码";
    return null;
  }

  function readForm() {
    var v = function (id) {
      return $(id).value.trim();
    };
    var body = {
      name: v("rg-name"),
      type: v("rg-type"),
      regionCode: v("rg-regionCode"),
      contactName: v("rg-contactName"),
      contactPhone: v("rg-contactPhone"),
      username: v("rg-username"),
      password: $("rg-password").value,
    };
    var code = v("rg-creditCode");
    if (code) body.creditCode = code;
    if (v("rg-address")) body.address = v("rg-address");
    if (body.type === "workshop") body.workshopCertificateNo = v("rg-workshopCertificateNo");
    var errors = [];
    if (body.name.length < 2) errors.push(["rg-name", "请填写单位名称"]);
    if (code) {
      var bad = creditCodeProblem(code);
      if (bad) errors.push(["rg-creditCode", bad]);
    } else if (NEEDS_CODE.indexOf(body.type) >= 0)
      errors.push(["rg-creditCode", "企业、就业帮扶车间和合作社须填写统一社会信用代码"]);
    if (body.type === "workshop" && !body.workshopCertificateNo)
      errors.push(["rg-workshopCertificateNo", "就业帮扶车间须填写认定编号"]);
    if (!body.regionCode) errors.push(["rg-regionCode", "请先查找并选择所在地"]);
    if (!body.contactName) errors.push(["rg-contactName", "请填写联系人"]);
    if (!/^1\d{10}$/.test(body.contactPhone.replace(/[\s-]/g, "")))
      errors.push(["rg-contactPhone", "请填写正确的 11 位手机号码"]);
    if (!/^[a-zA-Z0-9_.-]{3,64}$/.test(body.username))
      errors.push(["rg-username", "用户名为 3 位以上的字母、数字或 _ . -"]);
    if (body.password.length < 10) errors.push(["rg-password", "密码至少 10 位"]);
    else if ($("rg-password2").value !== body.password)
      errors.push(["rg-password2", "两次输入的密码不一样"]);
    return { body: body, errors: errors };
  }

  async function submit(event) {
    event.preventDefault();
    var form = $("register-form");
    F.clear(form, "rg-error");
    var read = readForm();
    if (read.errors.length) return F.showErrors(form, "rg-error", read.errors);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      var done = await GT.api("POST", "/api/v1/employers/register", read.body);
      // Signed in: the portal starts afresh with the new session (and says 待审核).
      sessionStorage.setItem("gt.employer.token", done.session.token);
      location.replace(location.pathname);
    } catch (e) {
      button.disabled = false;
      F.apiError(form, "rg-error", e, FIELDS);
    }
  }

  /** A fresh copy of the form, with its listeners. */
  function mountForm() {
    if (!F.mount("register-template", "register-area")) return;
    $("register-form").addEventListener("submit", submit);
    $("rg-back").addEventListener("click", backToSignIn);
    $("rg-type").addEventListener("change", function () {
      $("rg-workshop").hidden = $("rg-type").value !== "workshop";
    });
    F.placePicker("rg-place-q", "rg-place-find", "rg-regionCode", {
      level: "village",
      only: ["county", "township", "village"],
    });
  }

  function openRegister() {
    mountForm();
    $("signin").hidden = true;
    $("register").hidden = false;
    $("rg-name").focus();
  }

  function backToSignIn() {
    F.unmount("register-area");
    $("register").hidden = true;
    $("signin").hidden = false;
    if (location.hash === "#/register") history.replaceState(null, "", location.pathname);
    $("username").focus();
  }

  function start() {
    var open = el("button", {
      type: "button",
      id: "register-open",
      class: "btn",
      text: "注册新单位",
    });
    open.addEventListener("click", openRegister);
    $("signin").appendChild(el("p", { class: "hint" }, ["还没有账号？"]));
    $("signin").appendChild(el("div", { class: "row" }, [open]));
    // A link to /portal/employer/#/register opens the form when nobody is signed in.
    setTimeout(function () {
      if (location.hash === "#/register" && !$("signin").hidden) openRegister();
    }, 0);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
