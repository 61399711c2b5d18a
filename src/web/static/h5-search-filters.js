/* 岗通 H5: 找工作's channel tabs (全部 and each channel, the words from GT_LABELS.channel,
 * src/lib/enums.ts) and 月薪不低于 N 元 — both server-side filters of GET /api/v1/jobs/search
 * (`channel`, `minMonthlyWageFen`: day wages count as 22 days a month, piece rates are kept).
 * A tab searches at once; the wage floor with 搜索. h5-search.js asks H.searchFilters(params). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el;
  var LABELS = (window.GT_LABELS && window.GT_LABELS.channel) || {};
  var channel = "";

  function tabs() {
    var box = el("div", {
      id: "channel-tabs",
      class: "choices chips",
      role: "group",
      "aria-label": "岗位类型",
    });
    var all = [["", "全部"]].concat(
      Object.keys(LABELS).map(function (k) {
        return [k, LABELS[k]];
      }),
    );
    var buttons = all.map(function (c) {
      var b = el("button", {
        type: "button",
        class: "btn toggle chip",
        "data-channel": c[0],
        "aria-pressed": String(c[0] === channel),
        text: c[1],
      });
      b.addEventListener("click", function () {
        channel = c[0];
        buttons.forEach(function (x) {
          x.setAttribute("aria-pressed", String(x === b));
        });
        H.state.searchCursor = null;
        void H.runSearch(false);
      });
      box.appendChild(b);
      return b;
    });
    return box;
  }

  /** Adds the filters to the search's query parameters; a bad floor is said and stops the search. */
  function searchFilters(params) {
    if (channel) params.push("channel=" + channel);
    var raw = $("min-wage").value.trim();
    if (!raw) return true;
    var yuan = raw.replace(/[,，\s元]/g, "");
    if (!/^\d{1,6}$/.test(yuan)) {
      H.showError("search-error", "月薪请只写数字，例如 4000");
      $("min-wage").focus();
      return false;
    }
    params.push("minMonthlyWageFen=" + Number(yuan) * 100);
    return true;
  }

  H.searchFilters = searchFilters;
  H.inits.push(function () {
    var form = $("search-form");
    form.parentNode.insertBefore(tabs(), form);
    var submit = form.querySelector("button[type=submit]");
    form.insertBefore(el("label", { for: "min-wage", text: "月薪不低于（元，可以不填）" }), submit);
    form.insertBefore(
      el("input", {
        id: "min-wage",
        type: "text",
        inputmode: "numeric",
        maxlength: "7",
        placeholder: "例如 4000",
      }),
      submit,
    );
  });
})();
