/* 岗通 bureau portal: shortage alerts and recent pushes in the user's region, the labourer list,
 * one person's recommendation rounds and a "重新推荐" button. Routes live in location.hash.
 * Loaded last (defer keeps the order): api.js, portal.js, bureau-core.js (the namespace
 * window.GTB), then one file per feature — bureau-lists.js, bureau-person.js. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    state = B.state;

  function route() {
    if (!state.ready) return;
    var h = location.hash.replace(/^#/, "");
    for (var i = 0; i < B.routes.length; i++) {
      var found = B.routes[i].pattern.exec(h);
      if (found) return B.routes[i].open(found);
    }
    var m = /^\/people\/([0-9a-f-]{36})$/.exec(h);
    if (m) {
      B.show("person");
      return B.loadPerson(m[1]);
    }
    if (h === "/pushes") {
      B.show("pushes");
      return B.loadList("pushes", false);
    }
    if (h === "/people") {
      B.show("people");
      return B.loadList("people", false);
    }
    B.show("alerts");
    return B.loadList("alerts", false);
  }

  GT.boot({
    key: "bureau",
    roles: ["bureau", "cadre", "admin"],
    onReady: function () {
      if (!state.ready) {
        state.ready = true;
        window.addEventListener("hashchange", route);
        Object.keys(B.lists).forEach(function (n) {
          $(n + "-more").addEventListener("click", function () {
            void B.loadList(n, true);
          });
        });
        $("alert-status").addEventListener("change", function () {
          void B.loadList("alerts", false);
        });
        $("people-form").addEventListener("submit", function (e) {
          e.preventDefault();
          void B.loadList("people", false);
        });
        $("rerun").addEventListener("click", B.rerun);
        B.inits.forEach(function (init) {
          init();
        });
      }
      void route();
    },
  });
})();
