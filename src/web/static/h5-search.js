/* 岗通 H5: 找工作 — search by word, 只看附近 (the phone's position, else the home county), and
 * 再看一些 to page on. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el,
    api = H.api,
    state = H.state,
    showError = H.showError;

  function renderJobCard(job) {
    var extra = [];
    if (job.distanceText)
      extra.push((/^约/.test(job.distanceText) ? "离您" : "") + job.distanceText);
    if (job.boardAndLodging) extra.push("包吃住");
    if (job.pointToPoint) extra.push("专车接送");
    (job.benefits || []).forEach(function (b) {
      if (extra.indexOf(b) < 0 && !(job.boardAndLodging && /^包(吃|住)$/.test(b))) extra.push(b);
    });
    return el("article", { class: "card", "aria-label": job.title }, [
      el("h3", { text: job.title }),
      el("p", { class: "wage", text: H.wageText(job.wage) }),
      el("p", { class: "place", text: "地点：" + H.placeText(job.placeName) }),
      el("p", { class: "org", text: job.employer.name + " · 招 " + job.headcount + " 人" }),
      extra.length ? el("p", { class: "reason", text: extra.join(" · ") }) : null,
      H.detailLink(job.id),
      H.contactBox(job.id),
      H.applyBox(job),
    ]);
  }

  function getPosition() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) {
        resolve(null);
        return;
      }
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        },
        function () {
          resolve(null);
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 },
      );
    });
  }

  async function ensureCounty() {
    if (state.countyCode) return state.countyCode;
    var me = await api("GET", "/api/v1/labourers/me");
    state.countyCode = String(me.villageCode || "").slice(0, 6) || null;
    return state.countyCode;
  }

  async function runSearch(more) {
    showError("search-error", "");
    var params = ["limit=10"];
    var q = $("q").value.trim();
    if (q) params.push("q=" + encodeURIComponent(q));
    var note = "";
    // Channel tab and wage floor (h5-search-filters.js); false: the floor was not a number.
    if (H.searchFilters && !H.searchFilters(params)) return;
    try {
      if (state.near) {
        $("search-status").textContent = "正在找您附近的岗位…";
        var pos = await getPosition();
        if (pos) {
          params.push("near=" + pos.lat.toFixed(5) + "," + pos.lng.toFixed(5));
          if (!q) params.push("sort=distance");
          note = "附近 30 公里内的岗位";
        } else {
          var county = await ensureCounty();
          if (county) params.push("region=" + county);
          note = "没拿到您的位置，先看本县的岗位";
        }
      }
      if (more && state.searchCursor)
        params.push("cursor=" + encodeURIComponent(state.searchCursor));
      $("search-status").textContent = "正在搜索…";
      var data = await api("GET", "/api/v1/jobs/search?" + params.join("&"));
      state.searched = true;
      var list = $("search-list");
      if (!more) list.textContent = "";
      data.items.forEach(function (job) {
        list.appendChild(renderJobCard(job));
      });
      state.searchCursor = data.nextCursor;
      $("search-more").hidden = !data.nextCursor;
      var count = list.children.length;
      $("search-status").textContent =
        count === 0
          ? "没有找到岗位。换个词试试" + (state.near ? "，或者点“只看附近”关掉。" : "。")
          : (note ? note + "，" : "") +
            "找到 " +
            (data.estimatedTotal && !state.near ? data.estimatedTotal : count) +
            " 个岗位。";
    } catch (e) {
      $("search-status").textContent = "";
      showError("search-error", e.message);
    }
  }

  /** Hooks the search form up; called once by h5.js. */
  function initSearch() {
    $("search-form").addEventListener("submit", function (e) {
      e.preventDefault();
      state.searchCursor = null;
      void runSearch(false);
    });
    $("search-more").addEventListener("click", function () {
      void runSearch(true);
    });
    $("near").addEventListener("click", function () {
      state.near = !state.near;
      $("near").setAttribute("aria-pressed", String(state.near));
      state.searchCursor = null;
      void runSearch(false);
    });
  }

  H.renderJobCard = renderJobCard;
  H.runSearch = runSearch;
  H.initSearch = initSearch;
  // The first visit runs an empty search; later visits keep what was found.
  H.tabs.push({
    name: "search",
    open: function () {
      if (!state.searched) return runSearch(false);
    },
  });
})();
