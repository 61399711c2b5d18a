/* 岗通 H5: 我的资料 — the person's own record (GET /api/v1/labourers/me: name, masked ID and
 * phone, home village, skills, where they want to work, the wage they want), what they may change
 * themselves (PATCH /api/v1/labourers/me: 想在哪里干活, 想做的工作, 期望工资), and 换手机号 with a
 * code sent to the new number (POST /api/v1/labourers/me/phone/code, then /me/phone). 推送设置 is
 * h5-push.js, drawn into the same tab (H.drawPush). Opened from the 我的 button in the bar. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el;

  /** Where they want to work, in plain words (the values of WORK_INTENTION_LABELS, src/lib/enums.ts). */
  var AREAS = [
    ["local", "本地（家附近）"],
    ["in_province", "区内（广西别的地方）"],
    ["out_province", "区外（广东等地）"],
    ["none", "暂时不出去干活"],
  ];
  var me = null;

  function yuanOf(fen) {
    return Math.round(fen / 100);
  }

  function fact(label, value) {
    return el("div", { class: "fact" }, [
      el("dt", { text: label }),
      el("dd", { text: value || "没有填" }),
    ]);
  }

  function wantedWage(w) {
    if (!w) return "没有填";
    return (
      (w.unit === "day" ? "日薪" : w.unit === "piece" ? "计件" : "月薪") +
      " " +
      yuanOf(w.amountFen) +
      " 元"
    );
  }

  function areaText(v) {
    var hit = AREAS.find(function (a) {
      return a[0] === v;
    });
    return hit ? hit[1] : "";
  }

  /** Several big buttons, one pressed: returns { node, value() }. */
  function choice(name, options, current, onChange) {
    var chosen = current;
    var box = el("div", { class: "choices", role: "group", "aria-label": name });
    var buttons = options.map(function (o) {
      var b = el("button", {
        type: "button",
        class: "btn toggle",
        "data-value": o[0],
        "aria-pressed": String(o[0] === current),
        text: o[1],
      });
      b.addEventListener("click", function () {
        chosen = o[0];
        buttons.forEach(function (x) {
          x.setAttribute("aria-pressed", String(x === b));
        });
        if (onChange) onChange(chosen);
      });
      box.appendChild(b);
      return b;
    });
    return {
      node: box,
      value: function () {
        return chosen;
      },
    };
  }

  function renderFacts(p, village) {
    return el(
      "dl",
      { class: "facts", id: "me-facts" },
      [
        fact("姓名", p.name),
        fact("身份证", p.idNumberMasked),
        fact("手机号", p.phoneMasked ? H.spacedPhone(p.phoneMasked) : ""),
        fact("家在", H.placeText(village)),
        fact("会的手艺", p.skills.concat(p.occupations).join("、")),
        fact("想在哪里干活", areaText(p.workIntention)),
      ].concat(
        p.workIntention === "out_province"
          ? [fact("想去广东哪里", H.cityNames(p.preferredCityCodes) || "哪里都行")]
          : [],
        [fact("期望工资", wantedWage(p.expectedWage))],
      ),
    );
  }

  function renderEdit(p) {
    var cities = H.cityPicker(p.preferredCityCodes);
    cities.show(p.workIntention === "out_province");
    var area = choice("想在哪里干活", AREAS, p.workIntention, function (v) {
      cities.show(v === "out_province");
    });
    var unit = choice(
      "工资怎么算",
      [
        ["month", "按月"],
        ["day", "按天"],
      ],
      p.expectedWage && p.expectedWage.unit === "day" ? "day" : "month",
    );
    var wage = el("input", {
      id: "me-wage",
      type: "text",
      inputmode: "numeric",
      maxlength: "6",
      placeholder: "例如 4000",
      value:
        p.expectedWage && p.expectedWage.unit !== "piece"
          ? String(yuanOf(p.expectedWage.amountFen))
          : "",
    });
    var skills = el("input", {
      id: "me-skills",
      type: "text",
      maxlength: "100",
      placeholder: "例如：采茶 普工 家政",
      value: p.skills.join(" "),
    });
    var save = el("button", { type: "button", id: "me-save", class: "btn primary", text: "保存" });
    var status = el("p", { class: "status", role: "status" });
    save.addEventListener("click", async function () {
      H.showError("me-error", "");
      status.textContent = "";
      var body = {
        workIntention: area.value(),
        skills: window.GTApi.words(skills.value),
      };
      // The cities are kept as they are while the person does not want to go to Guangdong.
      if (body.workIntention === "out_province") body.preferredCityCodes = cities.value();
      var yuan = wage.value.replace(/[^\d]/g, "");
      if (wage.value.trim() && !yuan) {
        H.showError("me-error", "工资请只写数字，例如 4000");
        wage.focus();
        return;
      }
      body.expectedWage = yuan ? { amountFen: Number(yuan) * 100, unit: unit.value() } : null;
      save.disabled = true;
      try {
        me = await H.api("PATCH", "/api/v1/labourers/me", body);
        status.textContent = "已保存。以后按您说的给您找工作。";
        $("me-facts").replaceWith(renderFacts(me, villageName));
      } catch (e) {
        H.showError("me-error", e.message);
      } finally {
        save.disabled = false;
      }
    });
    return el("div", { class: "card" }, [
      el("h3", { text: "改一改我的想法" }),
      el("p", { class: "label", text: "想在哪里干活" }),
      area.node,
      cities.node,
      el("label", { for: "me-skills", text: "会做、想做的工作（用空格隔开）" }),
      skills,
      el("p", { class: "label", text: "期望工资" }),
      unit.node,
      el("label", { for: "me-wage", text: "每月或每天多少元（可以不填）" }),
      wage,
      el("p", { id: "me-error", class: "error", role: "alert", hidden: true }),
      save,
      status,
    ]);
  }

  function renderPhone() {
    var box = el("div", { class: "card", id: "me-phone" });
    var phone = el("input", {
      id: "me-new-phone",
      type: "tel",
      inputmode: "numeric",
      maxlength: "13",
      placeholder: "新的 11 位手机号",
    });
    var code = el("input", {
      id: "me-phone-code",
      type: "text",
      inputmode: "numeric",
      maxlength: "6",
      placeholder: "6 位数字",
    });
    var send = el("button", { type: "button", class: "btn", text: "给新号码发验证码" });
    var confirm = el("button", { type: "button", class: "btn primary", text: "确认换号" });
    var codeBox = el("div", { hidden: true }, [
      el("label", { for: "me-phone-code", text: "新号码收到的验证码" }),
      code,
      confirm,
    ]);
    var status = el("p", { class: "status", role: "status" });
    send.addEventListener("click", async function () {
      H.showError("me-phone-error", "");
      send.disabled = true;
      try {
        var r = await H.api("POST", "/api/v1/labourers/me/phone/code", { phone: phone.value });
        status.textContent = r.message;
        codeBox.hidden = false;
        code.focus();
      } catch (e) {
        H.showError("me-phone-error", e.message);
      } finally {
        send.disabled = false;
      }
    });
    confirm.addEventListener("click", async function () {
      H.showError("me-phone-error", "");
      confirm.disabled = true;
      try {
        me = await H.api("POST", "/api/v1/labourers/me/phone", {
          phone: phone.value,
          code: code.value,
        });
        status.textContent = "手机号已换好，下次用新号码登录。";
        codeBox.hidden = true;
        phone.value = "";
        code.value = "";
        $("me-facts").replaceWith(renderFacts(me, villageName));
      } catch (e) {
        H.showError("me-phone-error", e.message);
      } finally {
        confirm.disabled = false;
      }
    });
    [
      el("h3", { text: "换手机号" }),
      el("label", { for: "me-new-phone", text: "新手机号" }),
      phone,
      send,
      codeBox,
      el("p", { id: "me-phone-error", class: "error", role: "alert", hidden: true }),
      status,
    ].forEach(function (n) {
      box.appendChild(n);
    });
    return box;
  }

  var villageName = "";

  async function openMe() {
    var body = $("me-body");
    body.textContent = "";
    H.showError("me-load-error", "");
    $("me-status").textContent = "正在打开…";
    try {
      me = await H.api("GET", "/api/v1/labourers/me");
      try {
        villageName = (await H.api("GET", "/api/v1/regions/" + me.villageCode)).fullName;
      } catch {
        villageName = "";
      }
      $("me-status").textContent = "";
      body.appendChild(el("div", { class: "card" }, [renderFacts(me, villageName)]));
      body.appendChild(
        el("p", { class: "hint", text: "姓名、身份证、家在哪里如果不对，请找村里的帮扶干部改。" }),
      );
      if (H.drawPush) body.appendChild(H.drawPush(me));
      body.appendChild(renderEdit(me));
      body.appendChild(renderPhone());
    } catch (e) {
      $("me-status").textContent = "";
      H.showError("me-load-error", e.message);
    }
  }

  H.onStart.push(function () {
    $("tab-me").hidden = false;
  });
  H.tabs.push({ name: "me", open: openMe });
})();
