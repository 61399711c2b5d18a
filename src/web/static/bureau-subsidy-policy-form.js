/* 岗通 bureau portal: the 补贴政策 editor's form (bureau-subsidy-policy.js draws the page around
 * it): destinations with the Guangdong-cities preset, caps per destination typed in 元 and read
 * into integer 分 by string operations (B.subsidy.fenOf), the rest of a policy version's rules. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var $ = GT.$,
    el = GT.el;
  var form = { dests: [], capSeq: 0 };

  function drawDests() {
    var ul = $("sp-dests");
    ul.textContent = "";
    form.dests.forEach(function (code) {
      var remove = el("button", { type: "button", class: "btn small", text: "删除" });
      remove.setAttribute("aria-label", "删除目的地 " + code);
      remove.addEventListener("click", function () {
        form.dests = form.dests.filter(function (c) {
          return c !== code;
        });
        drawDests();
      });
      ul.appendChild(el("li", null, [S.placeSpan(code), remove]));
    });
    if (!form.dests.length)
      ul.appendChild(el("li", { class: "meta", text: "（未选：广西区外均可）" }));
  }

  function addDest(code) {
    if (form.dests.indexOf(code) < 0) form.dests.push(code);
  }

  /** One cap row: destination code and the cap in 元. */
  function capRow(code, fen) {
    var n = ++form.capSeq;
    var codeIn = el("input", { id: "sp-cap-code-" + n, inputmode: "numeric", maxlength: "4" });
    var yuanIn = el("input", { id: "sp-cap-yuan-" + n, inputmode: "decimal", maxlength: "12" });
    codeIn.value = code || "";
    yuanIn.value = fen === undefined ? "" : S.yuan(fen);
    var name = el("span", { class: "meta" });
    var showName = function () {
      name.textContent = "";
      if (/^\d{2}(\d{2})?$/.test(codeIn.value.trim()))
        name.appendChild(S.placeSpan(codeIn.value.trim()));
    };
    codeIn.addEventListener("change", showName);
    showName();
    var remove = el("button", { type: "button", class: "btn small", text: "删除" });
    var row = el("div", { class: "pair cap-row" }, [
      el("div", null, [
        el("label", { for: codeIn.id, text: "目的地代码（省 2 位或市 4 位）" }),
        codeIn,
        name,
      ]),
      el("div", null, [el("label", { for: yuanIn.id, text: "上限（元）" }), yuanIn, remove]),
    ]);
    remove.addEventListener("click", function () {
      row.remove();
    });
    $("sp-caps").appendChild(row);
  }

  function fillForm(p) {
    $("sp-year").value = p ? String(p.policyYear) : String(new Date().getFullYear());
    Array.prototype.forEach.call(document.querySelectorAll("#sp-types input"), function (box) {
      box.checked = p ? p.eligiblePersonTypes.indexOf(box.value) >= 0 : box.value !== "other";
    });
    $("sp-outside").checked = p ? p.requireOutsideGuangxi : true;
    form.dests = p ? p.destinationCodes.slice() : [];
    drawDests();
    $("sp-caps").textContent = "";
    (p ? p.caps : []).forEach(function (c) {
      capRow(c.regionCode, c.capFen);
    });
    $("sp-default-cap").value = p ? S.yuan(p.defaultCapFen) : "";
    $("sp-min-days").value = String(p ? p.minDaysInWork : 0);
    $("sp-min-months").value = String(p ? p.minMonthsInWork : 0);
    $("sp-min-tickets").value = String(p ? p.minTickets : 1);
    $("sp-note").value = (p && p.note) || "";
  }

  /** A whole number in [min, max] from an input, or throws the sentence to show. */
  function intOf(id, what, min, max) {
    var v = $(id).value.trim();
    if (!/^\d+$/.test(v) || +v < min || +v > max) {
      $(id).setAttribute("aria-invalid", "true");
      throw new Error(what + "请填 " + min + " 到 " + max + " 的整数");
    }
    return parseInt(v, 10);
  }

  function fenField(input, what) {
    var fen = S.fenOf(input.value);
    if (fen === null) {
      input.setAttribute("aria-invalid", "true");
      throw new Error(what + "请填金额（元），最多两位小数，如 600 或 650.50");
    }
    return fen;
  }

  function readForm() {
    Array.prototype.forEach.call($("sp-form").querySelectorAll("[aria-invalid]"), function (x) {
      x.removeAttribute("aria-invalid");
    });
    var types = Array.prototype.filter
      .call(document.querySelectorAll("#sp-types input"), function (b) {
        return b.checked;
      })
      .map(function (b) {
        return b.value;
      });
    if (!types.length) throw new Error("请至少选一类补贴对象");
    var caps = Array.prototype.map.call($("sp-caps").querySelectorAll(".cap-row"), function (row) {
      var inputs = row.querySelectorAll("input");
      var code = inputs[0].value.trim();
      if (!/^\d{2}(\d{2})?$/.test(code)) {
        inputs[0].setAttribute("aria-invalid", "true");
        throw new Error("上限的目的地请填省（2 位）或市（4 位）行政区划代码");
      }
      return { regionCode: code, capFen: fenField(inputs[1], "上限") };
    });
    var body = {
      policyYear: intOf("sp-year", "政策年度", 2015, 2100),
      eligiblePersonTypes: types,
      requireOutsideGuangxi: $("sp-outside").checked,
      destinationCodes: form.dests.slice(),
      caps: caps,
      defaultCapFen: fenField($("sp-default-cap"), "其他目的地上限"),
      minDaysInWork: intOf("sp-min-days", "上岗天数", 0, 3650),
      minMonthsInWork: intOf("sp-min-months", "连续务工月数", 0, 120),
      minTickets: intOf("sp-min-tickets", "车票张数", 0, 10),
    };
    var note = $("sp-note").value.trim();
    if (note) body.note = note;
    return body;
  }

  S.policyForm = { fill: fillForm, read: readForm };
  B.inits.push(function () {
    $("sp-cap-add").addEventListener("click", function () {
      capRow("", undefined);
    });
    $("sp-dest-add").addEventListener("click", function () {
      var code = $("sp-dest-code").value.trim();
      if (!/^\d{2}(\d{2})?$/.test(code)) {
        GT.showError("sp-error", "目的地请填省（2 位）或市（4 位）行政区划代码，如 44 或 4403");
        return;
      }
      GT.showError("sp-error", "");
      addDest(code);
      $("sp-dest-code").value = "";
      drawDests();
    });
    $("sp-dest-clear").addEventListener("click", function () {
      form.dests = [];
      drawDests();
    });
    $("sp-gd-preset").addEventListener("click", async function () {
      try {
        var cities = await GT.api("GET", "/api/v1/regions?parent=44");
        cities.items.forEach(function (c) {
          addDest(c.code);
        });
        drawDests();
      } catch (err) {
        GT.showError("sp-error", err.message);
      }
    });
  });
})();
