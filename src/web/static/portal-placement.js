/* 岗通 portals: the form pieces the employer's and the bureau's placement pages share. Loaded after
 * portal.js. */
(function () {
  "use strict";

  var GT = window.GT;
  var el = GT.el;

  // The label groups come from /web/labels.js (src/lib/enums.ts), like every other page label.
  var GROUPS = window.GT_LABELS;

  /** A <select> of one label group's values, the first selected unless told. */
  function choiceSelect(id, group, selected) {
    return el(
      "select",
      { id: id },
      Object.keys(GROUPS[group]).map(function (k) {
        return el("option", { value: k, text: GROUPS[group][k], selected: k === selected });
      }),
    );
  }

  /** A China-time calendar day, `plusDays` from today, as YYYY-MM-DD. */
  function chinaDay(plusDays) {
    return GTApi.chinaParts(Date.now() + (plusDays || 0) * 86400000).date;
  }

  /** A labelled field: [label, input] for a .form. */
  function field(id, text, input) {
    input.id = id;
    return [el("label", { for: id, text: text }), input];
  }

  GT.placement = { choiceSelect: choiceSelect, chinaDay: chinaDay, field: field };
})();
