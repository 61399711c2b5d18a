/* 岗通 H5: 我的资料's 想去广东哪里 — the 21 Guangdong prefecture cities (GT_LABELS.guangdongCity,
 * from src/lib/provinces.ts) as big toggle buttons, any number pressed; shown while 想在哪里干活 is
 * 区外（广东等地）. PATCH /api/v1/labourers/me takes them as preferredCityCodes (4-digit codes),
 * and matching ranks postings in these cities first (docs/MATCHING.md). */
(function () {
  "use strict";

  var H = window.GTH5;
  var el = H.el;

  /** The cities' names, in the list's order, for codes the person chose ("深圳、东莞"). */
  function cityNames(codes) {
    var names = GT_LABELS.guangdongCity;
    return (codes || [])
      .map(function (c) {
        return names[c];
      })
      .filter(Boolean)
      .join("、");
  }

  /** A group of toggle buttons, one a city: returns { node, value(), show(on) }. */
  function cityPicker(current) {
    var chosen = (current || []).slice();
    var names = GT_LABELS.guangdongCity;
    var grid = el("div", {
      class: "choices cities",
      id: "me-cities",
      role: "group",
      "aria-label": "想去广东哪里",
    });
    Object.keys(names).forEach(function (code) {
      var b = el("button", {
        type: "button",
        class: "btn toggle city",
        "data-value": code,
        "aria-pressed": String(chosen.indexOf(code) >= 0),
        text: names[code],
      });
      b.addEventListener("click", function () {
        var at = chosen.indexOf(code);
        if (at >= 0) chosen.splice(at, 1);
        else chosen.push(code);
        b.setAttribute("aria-pressed", String(at < 0));
      });
      grid.appendChild(b);
    });
    var box = el("div", { id: "me-cities-box" }, [
      el("p", { class: "label", text: "想去广东哪里（可以选几个，不选就是哪里都行）" }),
      grid,
    ]);
    return {
      node: box,
      value: function () {
        // In the list's order, whatever order they were tapped in.
        return Object.keys(names).filter(function (c) {
          return chosen.indexOf(c) >= 0;
        });
      },
      show: function (on) {
        box.hidden = !on;
      },
    };
  }

  H.cityPicker = cityPicker;
  H.cityNames = cityNames;
})();
