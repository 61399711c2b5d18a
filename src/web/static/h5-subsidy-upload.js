/* 岗通 H5: on a claim the person may still change (可以申领, 需补充材料) — a ticket photo taken with
 * the phone's camera (<input type=file capture=environment>) with its number and fare
 * and the day and leg of the trip (h5-subsidy-travel.js)
 * (POST /api/v1/subsidy-claims/{id}/proofs, multipart; the fare typed in 元 becomes integer fen
 * through GTMoney, never a float), and 提交申请 with the bank or social security card the money
 * goes to (POST …/submit). The page checks what it can first; the API's Chinese message then shows
 * next to the field it names (error.field). */
(function () {
  "use strict";

  var H = window.GTH5;
  var el = H.el;
  var S = H.subsidy;
  var ACCOUNT = window.GT_LABELS.payeeAccount;

  /** A labelled input with its own error line under it (api.js: GTApi.field). */
  function field(id, label, attrs) {
    return GTApi.field(id, label, "input", attrs);
  }

  /**
   * The camera button: the file input lies, invisible, over a big button-looking box that says
   * what to do and, once a photo is taken, shows it and its size (the browser's own "Choose
   * File" words are never seen).
   */
  function photoField() {
    var f = field("ticket-photo", "车票照片", {
      type: "file",
      accept: "image/*",
      capture: "environment",
      class: "camera-input",
    });
    var face = el("span", {
      class: "camera-face",
      "aria-hidden": "true",
      text: "点这里拍车票照片",
    });
    var preview = el("img", { class: "camera-preview", alt: "", hidden: true });
    var box = el("div", { class: "camera" }, [face, f.input]);
    f.input.addEventListener("change", function () {
      var file = f.input.files && f.input.files[0];
      preview.hidden = true;
      face.textContent = file
        ? "已拍好（" + Math.max(1, Math.round(file.size / 1024)) + " KB），点这里重拍"
        : "点这里拍车票照片";
      if (!file || !/^image\//.test(file.type)) return;
      var r = new FileReader();
      r.onload = function () {
        preview.src = r.result;
        preview.hidden = false;
      };
      r.readAsDataURL(file);
    });
    f.nodes = [f.nodes[0], box, preview, f.nodes[2]];
    return f;
  }

  function uploadForm(c, draw) {
    var photo = photoField();
    var number = field("ticket-no", "票号（车票上印的号码）", {
      type: "text",
      maxlength: "40",
      autocomplete: "off",
      autocapitalize: "characters",
      placeholder: "例如 E012345678",
    });
    var amount = field("ticket-amount", "票价（元）", {
      type: "text",
      inputmode: "decimal",
      maxlength: "12",
      autocomplete: "off",
      placeholder: "例如 286.5",
    });
    var travel = S.travelFields();
    var general = el("p", { class: "error", role: "alert", hidden: true });
    var send = el("button", { type: "button", class: "btn primary", text: "上传这张车票" });
    var fields = Object.assign({ file: photo, ticketNo: number, amountFen: amount }, travel.fields);
    var all = [photo, number, amount].concat(travel.list);

    send.addEventListener("click", async function () {
      all.forEach(function (f) {
        f.say("");
      });
      general.hidden = true;
      var file = photo.input.files && photo.input.files[0];
      var fen = GTMoney.yuanToFen(amount.input.value);
      var ticketNo = number.input.value.trim();
      if (!file) photo.say("请先拍一张车票照片");
      if (!ticketNo) number.say("请填写车票上的票号");
      if (fen === null || fen <= 0) amount.say("请填写票价，例如 286.5（只写数字，最多两位小数）");
      travel.check();
      var bad = all.filter(function (f) {
        return f.input.getAttribute("aria-invalid") === "true";
      });
      if (bad.length) {
        bad[0].input.focus();
        return;
      }
      var form = new FormData();
      form.append("file", file);
      form.append("ticketNo", ticketNo);
      form.append("amountFen", String(fen));
      var when = travel.values();
      form.append("travelDate", when.travelDate);
      form.append("leg", when.leg);
      send.disabled = true;
      send.textContent = "正在上传…";
      try {
        await H.api("POST", "/api/v1/subsidy-claims/" + c.id + "/proofs", form);
        var fresh = await H.api("GET", "/api/v1/subsidy-claims/" + c.id);
        draw(fresh, "已上传票号 " + ticketNo.toUpperCase() + " 的车票。");
      } catch (e) {
        send.disabled = false;
        send.textContent = "上传这张车票";
        GTApi.sayApiError(e, fields, general);
      }
    });

    return el(
      "div",
      { class: "upload" },
      [el("h4", { text: "上传一张车票" })]
        .concat(photo.nodes, number.nodes, amount.nodes, travel.nodes)
        .concat([send, general]),
    );
  }

  function submitForm(c, draw) {
    var type = "bank_card";
    var choices = el("div", { class: "choices" });
    var drawChoices = function () {
      choices.textContent = "";
      Object.keys(ACCOUNT).forEach(function (k) {
        var b = el("button", {
          type: "button",
          class: "btn toggle",
          "aria-pressed": String(type === k),
          text: ACCOUNT[k],
        });
        b.addEventListener("click", function () {
          type = k;
          drawChoices();
        });
        choices.appendChild(b);
      });
    };
    drawChoices();
    var number = field("payee-number", c.payee ? "换一个卡号（不换就不用填）" : "卡号", {
      type: "text",
      inputmode: "numeric",
      maxlength: "30",
      autocomplete: "off",
      placeholder: "银行卡或社保卡上的号码",
    });
    var general = el("p", { class: "error", role: "alert", hidden: true });
    var send = el("button", { type: "button", class: "btn primary", text: "提交申请" });
    var fields = { "payee.accountNumber": number, "payee.accountType": number, payee: number };

    send.addEventListener("click", async function () {
      number.say("");
      general.hidden = true;
      var short = c.minTickets - c.proofs.length;
      if (short > 0) {
        general.textContent =
          c.proofs.length === 0 ? "请先上传车票照片" : "还要再上传 " + short + " 张车票";
        general.hidden = false;
        return;
      }
      var digits = number.input.value.replace(/[\s-]/g, "");
      if (!digits && !c.payee) {
        number.say("请填写收款的银行卡号或社保卡号");
        number.input.focus();
        return;
      }
      var body = {};
      if (digits) body.payee = { accountType: type, accountNumber: digits };
      send.disabled = true;
      try {
        var fresh = await H.api("POST", "/api/v1/subsidy-claims/" + c.id + "/submit", body);
        draw(fresh, "已提交。系统正在自动核对，核对好了会告诉您。");
      } catch (e) {
        send.disabled = false;
        GTApi.sayApiError(e, fields, general);
      }
    });

    return el("div", { class: "submit" }, [
      el("h4", { text: "补贴打到哪里" }),
      c.payee
        ? el("p", {
            class: "hint",
            text: "已填：" + (ACCOUNT[c.payee.accountType] || "") + " " + c.payee.accountMasked,
          })
        : null,
      choices,
      ...number.nodes,
      send,
      general,
    ]);
  }

  S.field = field;
  S.uploadForm = uploadForm;
  S.submitForm = submitForm;
})();
