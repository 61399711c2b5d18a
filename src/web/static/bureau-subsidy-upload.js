/* 岗通 bureau portal: on a claim that may still change (可以申领, 需补充材料), the labourer's cadre
 * or county bureau uploads the ticket photos for them (代为上传车票: photo, 车票号, 票价 in 元 read
 * into integer 分 by GTMoney, 乘车日期, 去程 / 返程), takes a wrong ticket off (删除), fills the
 * payee account and submits (代为提交申请). The roles mirror the API's (cadre, bureau, admin; the
 * server also checks the region and the state and stays the guard); its Chinese message shows
 * under the field it names. Drawn by bureau-subsidy-claim.js through B.subsidyUpload. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var $ = GT.$,
    el = GT.el;
  var LEG = window.GT_LABELS.ticketLeg;
  var ACCOUNT = window.GT_LABELS.payeeAccount;
  var STAFF = ["cadre", "bureau", "admin"];
  var EDITABLE = ["proposed", "returned"];

  var field = GTApi.field,
    sayApiError = GTApi.sayApiError;

  function today() {
    return GTApi.chinaParts(new Date().toISOString()).date;
  }

  function uploadForm(c, redraw) {
    var photo = field("su-file", "车票照片（JPG、PNG 或 PDF，最大 5 MB）", "input", {
      type: "file",
      accept: "image/*,application/pdf",
    });
    var number = field("su-ticket-no", "车票号", "input", {
      maxlength: "40",
      autocomplete: "off",
      placeholder: "例如 E012345678",
    });
    var amount = field("su-amount", "票价（元）", "input", {
      inputmode: "decimal",
      maxlength: "12",
      placeholder: "例如 186.50",
    });
    var date = field("su-date", "乘车日期", "input", { type: "date", max: today() });
    var legField = field("su-leg", "去程还是返程", "select", {});
    var leg = legField.input;
    leg.appendChild(el("option", { value: "", text: "请选择" }));
    Object.keys(LEG).forEach(function (k) {
      leg.appendChild(el("option", { value: k, text: LEG[k] }));
    });
    var fields = {
      file: photo,
      ticketNo: number,
      amountFen: amount,
      travelDate: date,
      leg: legField,
    };
    var all = [photo, number, amount, date, legField];
    var button = el("button", {
      id: "su-upload",
      type: "button",
      class: "btn primary",
      text: "上传这张车票",
    });

    button.addEventListener("click", async function () {
      all.forEach(function (f) {
        f.say("");
      });
      GT.showError("su-error", "");
      var file = photo.input.files && photo.input.files[0];
      var ticketNo = number.input.value.trim();
      var fen = S.fenOf(amount.input.value);
      if (!file) photo.say("请选择车票照片");
      if (!ticketNo) number.say("请填写车票上的票号");
      if (fen === null || fen <= 0)
        amount.say("请填写正确的票价，例如 186.50（只写数字，最多两位小数）");
      if (!date.input.value) date.say("请填写车票上的乘车日期");
      if (!leg.value) legField.say("请选择这张车票是去程还是返程");
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
      form.append("travelDate", date.input.value);
      form.append("leg", leg.value);
      button.disabled = true;
      button.textContent = "正在上传…";
      try {
        await GT.api("POST", "/api/v1/subsidy-claims/" + c.id + "/proofs", form);
        redraw(
          await GT.api("GET", "/api/v1/subsidy-claims/" + c.id),
          "已上传票号 " + ticketNo.toUpperCase() + " 的车票。",
        );
      } catch (e) {
        button.disabled = false;
        button.textContent = "上传这张车票";
        sayApiError(e, fields, "su-error");
      }
    });

    return el(
      "div",
      { class: "form narrow" },
      [el("h3", { text: "代为上传车票" })]
        .concat(photo.nodes, number.nodes, amount.nodes, date.nodes, legField.nodes)
        .concat([el("p", { id: "su-error", class: "error", role: "alert", hidden: true }), button]),
    );
  }

  function submitForm(c, redraw) {
    var typeField = field("su-payee-type", "收款账户类型", "select", {});
    var type = typeField.input;
    Object.keys(ACCOUNT).forEach(function (k) {
      type.appendChild(el("option", { value: k, text: ACCOUNT[k] }));
    });
    if (c.payee) type.value = c.payee.accountType;
    var number = field(
      "su-payee-number",
      c.payee ? "换一个收款卡号（不换就不用填）" : "收款卡号",
      "input",
      { inputmode: "numeric", maxlength: "30", autocomplete: "off" },
    );
    var short = c.minTickets - c.proofs.length;
    var button = el("button", {
      id: "su-submit",
      type: "button",
      class: "btn primary",
      text: "代为提交申请",
    });
    if (short > 0) button.disabled = true;
    var fields = {
      payee: number,
      "payee.accountNumber": number,
      "payee.accountType": typeField,
    };

    button.addEventListener("click", async function () {
      number.say("");
      GT.showError("su-submit-error", "");
      var digits = number.input.value.replace(/[\s-]/g, "");
      if (!digits && !c.payee) {
        number.say("请填写收款的银行卡号或社保卡号");
        number.input.focus();
        return;
      }
      var body = {};
      if (digits) body.payee = { accountType: type.value, accountNumber: digits };
      button.disabled = true;
      try {
        var fresh = await GT.api("POST", "/api/v1/subsidy-claims/" + c.id + "/submit", body);
        redraw(fresh, "已代为提交。系统正在自动核对，核对后状态变为「待审核」。");
      } catch (e) {
        button.disabled = false;
        sayApiError(e, fields, "su-submit-error");
      }
    });

    return el(
      "div",
      { class: "form narrow" },
      [
        el("h3", { text: "代为提交申请" }),
        short > 0
          ? el("p", { class: "notice", text: "还要上传 " + short + " 张车票才能提交。" })
          : null,
        c.payee
          ? el("p", {
              class: "hint",
              text:
                "已填收款账户：" +
                (ACCOUNT[c.payee.accountType] || "") +
                " " +
                c.payee.accountMasked,
            })
          : null,
      ]
        .concat(typeField.nodes, number.nodes)
        .concat([
          el("p", { id: "su-submit-error", class: "error", role: "alert", hidden: true }),
          button,
        ]),
    );
  }

  /** 删除 on each ticket of the list bureau-subsidy-claim.js drew. */
  function deleteButtons(c, redraw) {
    c.proofs.forEach(function (p) {
      var li = document.querySelector('#sc-proofs li[data-proof="' + p.id + '"]');
      if (!li) return;
      var error = el("p", { class: "error", role: "alert", hidden: true });
      var remove = el("button", { id: "su-delete-" + p.id, type: "button", class: "btn" });
      remove.textContent = "删除这张车票";
      remove.addEventListener("click", async function () {
        if (!window.confirm("删除票号 " + p.ticketNo + " 的车票？删除后可以重新上传。")) return;
        remove.disabled = true;
        try {
          var fresh = await GT.api("DELETE", "/api/v1/subsidy-claims/" + c.id + "/proofs/" + p.id);
          redraw(fresh, "已删除票号 " + p.ticketNo + " 的车票。");
        } catch (e) {
          remove.disabled = false;
          error.textContent = e.message;
          error.hidden = false;
        }
      });
      li.appendChild(el("div", { class: "row tight" }, [remove]));
      li.appendChild(error);
    });
  }

  /**
   * Called by bureau-subsidy-claim.js after it draws a claim: `redraw(claim, message)` draws it
   * again with a status line. Nothing shows unless the claim may change and the role may apply.
   */
  B.subsidyUpload = async function (c, redraw) {
    var box = $("sc-upload");
    box.textContent = "";
    if (EDITABLE.indexOf(c.status) < 0) return;
    var m = await S.account();
    if (STAFF.indexOf(m.role) < 0) return;
    deleteButtons(c, redraw);
    box.appendChild(uploadForm(c, redraw));
    box.appendChild(submitForm(c, redraw));
  };
})();
