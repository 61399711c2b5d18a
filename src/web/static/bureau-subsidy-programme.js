/* 岗通 bureau portal: 新建项目 on 补贴政策 — province or city staff (and admins) add a programme
 * (POST /api/v1/subsidy-programmes): its name, its code, its eligibility rule (the words from
 * GT_LABELS.subsidyRuleType, src/lib/enums.ts) and whether the system proposes claims itself.
 * The new programme is then chosen in the page's selector, so its first policy version is set
 * with the same editor (bureau-subsidy-policy.js). A county or a cadre never sees the button
 * (the API answers them 403 anyway). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var el = GT.el,
    $ = GT.$;
  var RULES = window.GT_LABELS.subsidyRuleType;

  function drawRules() {
    var box = $("spp-rule");
    Array.prototype.slice.call(box.querySelectorAll("label")).forEach(function (l) {
      l.remove();
    });
    Object.keys(RULES).forEach(function (k) {
      box.appendChild(
        el("label", null, [
          el("input", { type: "radio", name: "spp-rule", value: k }),
          " " + RULES[k],
        ]),
      );
    });
  }

  function openForm() {
    $("spp-saved").hidden = true;
    GT.showError("spp-error", "");
    $("spp-name").value = "";
    $("spp-code").value = "";
    $("spp-auto").checked = true;
    drawRules();
    $("sp-programme-form").hidden = false;
    $("sp-new-programme").hidden = true;
    $("spp-name").focus();
  }

  function closeForm() {
    $("sp-programme-form").hidden = true;
    $("sp-new-programme").hidden = false;
  }

  /** The body to send, or throws the sentence to show (the field marked). */
  function read() {
    ["spp-name", "spp-code"].forEach(function (id) {
      $(id).removeAttribute("aria-invalid");
    });
    var name = $("spp-name").value.trim();
    var code = $("spp-code").value.trim();
    var rule = /** @type {HTMLInputElement | null} */ (
      document.querySelector('input[name="spp-rule"]:checked')
    );
    if (name.length < 2) {
      $("spp-name").setAttribute("aria-invalid", "true");
      throw new Error("请填写项目名称（至少 2 个字）");
    }
    if (!/^[a-z][a-z0-9_]{2,47}$/.test(code)) {
      $("spp-code").setAttribute("aria-invalid", "true");
      throw new Error("项目编码只能用小写字母、数字和下划线，以字母开头，3 到 48 个字符");
    }
    if (!rule) throw new Error("请选择资格规则");
    return { name: name, code: code, ruleType: rule.value, autoPropose: $("spp-auto").checked };
  }

  async function create(e) {
    e.preventDefault();
    GT.showError("spp-error", "");
    var body;
    try {
      body = read();
    } catch (err) {
      GT.showError("spp-error", err.message);
      return;
    }
    var btn = $("sp-programme-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      var made = await GT.api("POST", "/api/v1/subsidy-programmes", body);
      closeForm();
      await S.fillProgrammes($("sp-programme"));
      $("sp-programme").value = made.code;
      $("sp-programme").dispatchEvent(new Event("change"));
      $("spp-saved").textContent =
        "已创建项目「" + made.name + "」。请在下面设置它的政策并保存，保存后开始执行。";
      $("spp-saved").hidden = false;
    } catch (err) {
      if (err.field === "code") $("spp-code").setAttribute("aria-invalid", "true");
      GT.showError("spp-error", err.message);
    } finally {
      btn.disabled = false;
    }
  }

  B.inits.push(function () {
    $("sp-new-programme").addEventListener("click", openForm);
    $("spp-cancel").addEventListener("click", closeForm);
    $("sp-programme-form").addEventListener("submit", create);
  });
})();
