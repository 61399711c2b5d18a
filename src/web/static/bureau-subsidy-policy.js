/* 岗通 bureau portal: 补贴政策 — the programme's version in force and its history, and (for
 * province and city staff) the editor whose 保存为新版本 writes a new version
 * (POST /api/v1/subsidy-programmes/{code}/policies). Caps are typed in 元 and sent as integer 分. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    S = B.subsidy;
  var $ = GT.$,
    el = GT.el;
  var F = S.policyForm;

  function programmeCode() {
    return $("sp-programme").value || "transport_subsidy";
  }

  function typesText(types) {
    return types
      .map(function (t) {
        return GT.label("personType", t);
      })
      .join("、");
  }

  function placesLine(codes) {
    var span = el("span");
    codes.forEach(function (c, i) {
      if (i) span.appendChild(document.createTextNode("、"));
      span.appendChild(S.placeSpan(c));
    });
    return span;
  }

  function capsLine(caps) {
    var span = el("span");
    caps.forEach(function (c, i) {
      if (i) span.appendChild(document.createTextNode("；"));
      span.appendChild(S.placeSpan(c.regionCode));
      span.appendChild(document.createTextNode(" " + S.yuan(c.capFen) + " 元"));
    });
    return span;
  }

  /** The facts of one version as <dt>/<dd> pairs. */
  function policyFacts(dl, p) {
    dl.textContent = "";
    var add = function (term, value) {
      dl.appendChild(el("dt", { text: term }));
      dl.appendChild(
        el("dd", null, [typeof value === "string" ? document.createTextNode(value) : value]),
      );
    };
    add("版本", "第 " + p.version + " 版（" + p.policyYear + " 年度）");
    add("补贴对象", typesText(p.eligiblePersonTypes));
    add(
      "目的地",
      p.destinationCodes.length
        ? placesLine(p.destinationCodes)
        : p.requireOutsideGuangxi
          ? "广西区外均可"
          : "不限",
    );
    if (p.requireOutsideGuangxi && p.destinationCodes.length)
      add("区外要求", "只补贴到广西区外务工的人员");
    add("补贴上限", p.caps.length ? capsLine(p.caps) : "未按目的地设置");
    add("其他目的地上限", S.yuan(p.defaultCapFen) + " 元");
    add("领取次数", "每人每个政策年度一次");
    add("上岗天数", p.minDaysInWork ? "上岗满 " + p.minDaysInWork + " 天才能申领" : "不限");
    if (p.minMonthsInWork) add("连续务工", "须满 " + p.minMonthsInWork + " 个月");
    add(
      "须提供的证明",
      p.minTickets
        ? "至少 " + p.minTickets + " 张车票（照片、票号、金额）"
        : "不需车票，按上限定额发放",
    );
    if (p.note) add("说明", p.note);
    add("设置", GT.timeText(p.createdAt) + " · " + S.actorText(p.createdRole));
  }

  async function save(e) {
    e.preventDefault();
    GT.showError("sp-error", "");
    $("sp-saved").hidden = true;
    var body;
    try {
      body = F.read();
    } catch (err) {
      GT.showError("sp-error", err.message);
      return;
    }
    var btn = $("sp-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      var saved = await GT.api(
        "POST",
        "/api/v1/subsidy-programmes/" + programmeCode() + "/policies",
        body,
      );
      await load();
      $("sp-saved").textContent =
        "已保存为第 " +
        saved.version +
        " 版（" +
        saved.policyYear +
        " 年度）。已核对的申领仍按原版本办理。";
      $("sp-saved").hidden = false;
    } catch (err) {
      GT.showError("sp-error", err.message);
    } finally {
      btn.disabled = false;
    }
  }

  function historyItem(p, programme) {
    var current = programme.currentPolicy && programme.currentPolicy.id === p.id;
    var dl = el("dl", { class: "facts" });
    policyFacts(dl, p);
    return el("li", { class: "item", "data-version": String(p.version) }, [
      el("p", { class: "title" }, [
        "第 " + p.version + " 版（" + p.policyYear + " 年度）",
        current ? el("span", { class: "badge ok", text: "现行" }) : null,
      ]),
      dl,
    ]);
  }

  async function load() {
    $("sp-status").textContent = "正在加载…";
    try {
      var m = await S.account();
      var items = await S.fillProgrammes($("sp-programme"));
      var programme = items.filter(function (p) {
        return p.code === programmeCode();
      })[0];
      if (!programme) {
        $("sp-status").textContent = "还没有补贴项目。";
        return;
      }
      var editor = S.canEditPolicy(m);
      $("sp-readonly").hidden = editor;
      $("sp-form").hidden = !editor;
      $("sp-new-programme").hidden = !editor; // bureau-subsidy-programme.js
      var cur = programme.currentPolicy;
      $("sp-status").textContent = cur ? "" : "本年度还没有执行的政策版本。";
      if (cur) policyFacts($("sp-current"), cur);
      else $("sp-current").textContent = "";
      if (editor) F.fill(cur);
      var page = await GT.api(
        "GET",
        "/api/v1/subsidy-programmes/" + programme.code + "/policies?limit=100",
      );
      var ul = $("sp-history");
      ul.textContent = "";
      page.items.forEach(function (p) {
        ul.appendChild(historyItem(p, programme));
      });
      $("sp-history-status").textContent = page.items.length ? "" : "还没有政策版本。";
    } catch (err) {
      $("sp-status").textContent = "";
      GT.showError("app-error", err.message);
    }
  }

  B.views.push("subsidy-policy");
  B.tabs.push("subsidy-policy");
  B.routes.push({
    pattern: /^\/subsidy\/policy$/,
    open: function () {
      B.show("subsidy-policy");
      $("sp-saved").hidden = true;
      return load();
    },
  });
  B.inits.push(function () {
    $("sp-programme").addEventListener("change", function () {
      $("sp-saved").hidden = true;
      void load();
    });
    $("sp-form").addEventListener("submit", save);
  });
})();
