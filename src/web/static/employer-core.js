/* 岗通 employer portal, shared part: the namespace window.GTE every employer-*.js file adds to,
 * the page state and the view switch. Loaded after api.js and portal.js; employer.js (loaded last)
 * routes and starts the page. */
(function () {
  "use strict";

  var GT = window.GT;
  var $ = GT.$;
  var E = {
    state: {
      me: null,
      employer: null,
      cursor: null,
      ready: false,
      flash: null,
      submitMode: "open",
    },
    /** The views' sections; a feature file adds its own with E.views.push(id). */
    views: ["view-list", "view-job", "view-new"],
    /**
     * Routes a feature file adds: { pattern: /^\/x\/(…)$/, open(match) }, tried before the
     * built-in ones.
     */
    routes: [],
    /** Set-up a feature file needs once the person is signed in (listeners): E.inits.push(fn). */
    inits: [],
    /** What a feature file draws once a posting has loaded on its page: E.onJob.push(fn(job)). */
    onJob: [],
  };

  function show(view) {
    E.views.forEach(function (v) {
      $(v).hidden = v !== view;
    });
    // A message meant for the next view (e.g. "saved as a draft, not opened") survives one move.
    GT.showError("app-error", E.state.flash || "");
    E.state.flash = null;
  }

  E.show = show;
  window.GTE = E;
})();
