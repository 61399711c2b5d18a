/* 岗通 bureau portal, shared part: the namespace window.GTB every bureau-*.js file adds to, the
 * page state, the view and tab switch, and the paged lists. Loaded after api.js and portal.js;
 * bureau.js (loaded last) routes and starts the page. */
(function () {
  "use strict";

  var GT = window.GT;
  var $ = GT.$,
    el = GT.el;
  var B = {
    state: { ready: false, cursors: {}, personId: null },
    /** The views (sections `view-<name>`); a feature file adds its own with B.views.push(name). */
    views: ["alerts", "pushes", "people", "person"],
    /** The tabs (links `tab-<name>`); a feature file with a tab adds it: B.tabs.push(name). */
    tabs: ["alerts", "pushes", "people"],
    /** A view without a tab of its own, and the tab that stays lit while it shows. */
    tabOf: { person: "people" },
    /** Routes a feature file adds: { pattern: /^\/x\/(…)$/, open(match) }, tried first. */
    routes: [],
    /** Set-up a feature file needs once the person is signed in (listeners): B.inits.push(fn). */
    inits: [],
    /**
     * The paged lists by name: { path() (without the cursor), item(x) → <li>, empty }. The list
     * is the element `<name>`, with `<name>-status` and a `<name>-more` button.
     */
    lists: {},
  };

  function show(view) {
    B.views.forEach(function (v) {
      $("view-" + v).hidden = v !== view;
    });
    var tab = B.tabOf[view] || view;
    B.tabs.forEach(function (t) {
      if (t === tab) $("tab-" + t).setAttribute("aria-current", "page");
      else $("tab-" + t).removeAttribute("aria-current");
    });
    GT.showError("app-error", "");
  }

  function personLink(id, name) {
    return el("a", { href: "#/people/" + id, text: name || "查看" });
  }

  async function loadList(name, more) {
    var spec = B.lists[name];
    var list = $(name),
      status = $(name + "-status");
    var path = spec.path();
    if (more && B.state.cursors[name])
      path += "&cursor=" + encodeURIComponent(B.state.cursors[name]);
    status.textContent = "正在加载…";
    try {
      var page = await GT.api("GET", path);
      if (!more) list.textContent = "";
      page.items.forEach(function (x) {
        list.appendChild(spec.item(x));
      });
      B.state.cursors[name] = page.nextCursor;
      $(name + "-more").hidden = !page.nextCursor;
      status.textContent = list.children.length ? "" : spec.empty;
    } catch (e) {
      status.textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  B.show = show;
  B.personLink = personLink;
  B.loadList = loadList;
  window.GTB = B;
})();
