/* 岗通 bureau portal, 就业监测: the sort picker of a warning list. Its options are the API's
 * `list.sorts` (ids with Chinese labels, GET /api/v1/stats/warnings/{list}); the chosen one goes
 * with every page (the cursor belongs to that sort) and with 导出名单（Excel）. */
(function () {
  "use strict";

  /** A labelled <select> of the list's sorts, `current` selected; onChange(id) on a change. */
  function sortPicker(sorts, current, onChange) {
    var G = window.GT;
    var select = G.el("select", { id: "mon-list-sort" });
    sorts.forEach(function (s) {
      select.appendChild(G.el("option", { value: s.id, text: s.label }));
    });
    select.value = current;
    select.addEventListener("change", function () {
      onChange(select.value);
    });
    return G.el("div", { class: "field" }, [
      G.el("label", { for: "mon-list-sort", text: "排序" }),
      select,
    ]);
  }

  window.GTMonitorSort = { picker: sortPicker };
})();
