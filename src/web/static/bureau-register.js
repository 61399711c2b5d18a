/* 岗通 bureau portal: 劳动力登记与核实 — register a labourer (POST /api/v1/labourers) with each
 * refusal under its field, the registrations still to verify (GET /api/v1/labourers?verified=false,
 * masked), 查看完整号码 (the audited GET /api/v1/labourers/{id}/identity, on a tap only) and 核实
 * (POST /api/v1/labourers/{id}/verify). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    el = GT.el,
    F = GT.forms;
  var FIELDS = {
    name: "reg-name",
    idNumber: "reg-idNumber",
    phone: "reg-phone",
    villageCode: "reg-villageCode",
    personType: "reg-personType",
    labourCapacity: "reg-labourCapacity",
    workIntention: "reg-workIntention",
    occupations: "reg-occupations",
    contactConsent: "reg-contactConsent",
  };
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK = "10X98765432";

  B.views.push("register");
  B.tabs.push("register");

  /** GB 11643: 17 digits and a check character; the API checks the rest (date, age, region). */
  function idProblem(raw) {
    var id = raw.replace(/\s/g, "").toUpperCase();
    if (!id) return "请填写身份证号";
    if (!/^\d{17}[\dX]$/.test(id))
      return "身份证号应为 18 位（最后一位可能是 X），当前为 " + id.length + " 位";
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
    if (ID_CHECK[sum % 11] !== id[17]) return "身份证号最后一位校验不对，请逐位核对";
    return null;
  }

  function readForm() {
    var v = function (id) {
      return $(id).value.trim();
    };
    var errors = [];
    var body = {
      name: v("reg-name"),
      idNumber: v("reg-idNumber").replace(/\s/g, "").toUpperCase(),
      villageCode: v("reg-villageCode"),
      personType: v("reg-personType"),
      labourCapacity: v("reg-labourCapacity"),
      workIntention: v("reg-workIntention"),
      contactConsent: v("reg-contactConsent") === "true",
    };
    var phone = v("reg-phone").replace(/[\s-]/g, "");
    if (phone) body.phone = phone;
    var occupations = window.GTApi.words(v("reg-occupations"));
    if (occupations.length) body.occupations = occupations;
    if (!body.name) errors.push(["reg-name", "请填写姓名"]);
    var idBad = idProblem(body.idNumber);
    if (idBad) errors.push(["reg-idNumber", idBad]);
    if (phone && !/^1\d{10}$/.test(phone)) errors.push(["reg-phone", "请填写 11 位手机号码"]);
    if (!body.villageCode) errors.push(["reg-villageCode", "请先查找并选择所在的村"]);
    if (!body.personType) errors.push(["reg-personType", "请选择人员类别"]);
    return { body: body, errors: errors };
  }

  async function submit(event) {
    event.preventDefault();
    var form = $("reg-form");
    F.clear(form, "reg-error");
    $("reg-done").hidden = true;
    var read = readForm();
    if (read.errors.length) return F.showErrors(form, "reg-error", read.errors);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      var made = await GT.api("POST", "/api/v1/labourers", read.body);
      form.reset();
      $("reg-villageCode").textContent = "";
      var done = $("reg-done");
      done.textContent =
        "已登记：" + made.name + "（身份证 " + made.idNumberMasked + "），请核实后点“核实”。";
      done.hidden = false;
      void B.loadList("pending", false);
    } catch (e) {
      var field = e.field ? String(e.field).split(".")[0] : "";
      F.apiError(form, "reg-error", { field: field, message: e.message }, FIELDS);
    } finally {
      button.disabled = false;
    }
  }

  function fact(dl, term, value) {
    var dd = el("dd", { text: value || "未填写" });
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(dd);
    return dd;
  }

  function pendingItem(p) {
    var facts = el("dl", { class: "facts" });
    var idCell = fact(facts, "身份证号", p.idNumberMasked);
    var phoneCell = fact(facts, "手机号", p.phoneMasked);
    facts.appendChild(el("dt", { text: "户籍所在村" }));
    facts.appendChild(el("dd", null, [GT.regionSpan(p.villageCode)]));
    fact(facts, "人员类别", GT.label("personType", p.personType));
    fact(facts, "务工意愿", GT.label("intention", p.workIntention));
    var message = el("p", { class: "notice", role: "status", hidden: true });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var reveal = el("button", { type: "button", class: "btn", text: "查看完整号码" });
    var verify = el("button", { type: "button", class: "btn primary", text: "核实" });
    var item = el("li", { class: "item" }, [
      el("p", { class: "title" }, [
        B.personLink(p.id, p.name),
        el("span", { class: "badge warn", text: "待核实" }),
      ]),
      facts,
      el("p", { class: "meta", text: "登记于 " + GT.timeText(p.createdAt) }),
      el("div", { class: "row" }, [reveal, verify]),
      message,
      error,
    ]);
    reveal.addEventListener("click", async function () {
      reveal.disabled = true;
      try {
        var full = await GT.api("GET", "/api/v1/labourers/" + p.id + "/identity");
        idCell.textContent = full.idNumber;
        phoneCell.textContent = full.phone || "未填写";
        reveal.remove();
        message.textContent = "本次查看已记录在案。";
        message.hidden = false;
      } catch (e) {
        reveal.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    verify.addEventListener("click", async function () {
      verify.disabled = true;
      try {
        await GT.api("POST", "/api/v1/labourers/" + p.id + "/verify", {});
        verify.remove();
        item.querySelector(".badge").className = "badge ok";
        item.querySelector(".badge").textContent = "已核实";
        message.textContent = "已核实。";
        message.hidden = false;
        error.hidden = true;
      } catch (e) {
        verify.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    return item;
  }

  B.lists.pending = {
    path: function () {
      return "/api/v1/labourers?verified=false&limit=20";
    },
    item: pendingItem,
    empty: "没有待核实的登记。",
  };

  // Villages of the user's own region only: many villages share a name (竹山村).
  var region = "";

  /** A fresh copy of the form each time the view opens, with its listeners. */
  function mountForm() {
    if (!F.mount("reg-template", "reg-area")) return;
    $("reg-form").addEventListener("submit", submit);
    F.placePicker("reg-village-q", "reg-village-find", "reg-villageCode", {
      level: "village",
      only: ["village"],
      within: function () {
        return region;
      },
    });
  }

  B.routes.push({
    pattern: /^\/register$/,
    open: function () {
      B.show("register");
      mountForm();
      $("reg-done").hidden = true;
      return B.loadList("pending", false);
    },
  });
  B.inits.push(function () {
    GT.api("GET", "/api/v1/me").then(
      function (me) {
        region = me.regionCode || "";
      },
      function () {},
    );
    window.addEventListener("hashchange", function () {
      if (location.hash !== "#/register") F.unmount("reg-area");
    });
  });
})();
