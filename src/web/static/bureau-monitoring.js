/* 岗通 bureau portal: the monitoring dashboard (docs/MONITORING.md). Headline figures against
 * their targets, a trend drawn as SVG from the weekly snapshots, the child regions (click one to
 * drill down), the warning lists and Excel downloads. bureau.js routes #/monitor… here. Plain ES2017. */
(function () {
  "use strict";

  var LISTS = [
    ["zero_employment_households", "零就业家庭"],
    ["unemployed_with_intention", "有务工意愿未就业人员"],
    ["wanted_not_working", "有务工意愿但本季度未务工"],
    ["short_work", "近12个月务工不足6个月"],
    ["returned", "外出务工返乡人员"],
    ["willing_out_not_gone", "有外出务工意愿但未外出"],
    ["unstable", "就业不稳定"],
    ["trained_not_employed", "培训合格后未就业"],
    ["shortage_alerts", "岗位不足预警（未处理）"],
    ["help_requests_unanswered", "求助未答复"],
    ["retention_follow_ups", "就业回访待跟进"],
  ];
  var SVG = "http://www.w3.org/2000/svg";
  var state = { region: "", list: null, cursor: null, sort: "" };

  function GT() {
    return window.GT;
  }
  function sum(v) {
    var t = 0;
    for (var k in v || {}) t += v[k];
    return t;
  }
  function pct(x) {
    return x === null || x === undefined ? "—" : Math.round(x * 1000) / 10 + "%";
  }

  async function download(path, fallbackName) {
    var res = await fetch(path, {
      headers: { authorization: "Bearer " + sessionStorage.getItem("gt.bureau.token") },
    });
    if (!res.ok) {
      var body = await res.json().catch(function () {
        return {};
      });
      throw new Error((body.error && body.error.message) || "下载没有成功");
    }
    var cd = res.headers.get("content-disposition") || "";
    var m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    var a = document.createElement("a");
    a.href = URL.createObjectURL(await res.blob());
    a.download = m ? decodeURIComponent(m[1]) : fallbackName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function exportButton(text, path, name) {
    var el = GT().el;
    var btn = el("button", { type: "button", class: "btn", text: text });
    btn.addEventListener("click", function () {
      btn.disabled = true;
      download(path, name)
        .then(function () {
          GT().$("mon-status").textContent = "已下载：" + text;
        })
        .catch(function (e) {
          GT().showError("app-error", e.message);
        })
        .finally(function () {
          btn.disabled = false;
        });
    });
    return btn;
  }

  function card(label, value, target) {
    var el = GT().el;
    return el("div", { class: "item" }, [
      el("p", { class: "hint", text: label }),
      el("p", { class: "title", text: String(value) }),
      target ? el("p", { class: "hint", text: target }) : null,
    ]);
  }

  function trendSvg(points) {
    var w = 320,
      h = 120,
      pad = 10;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("width", "100%");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "零就业家庭户数走势");
    var max = 1;
    points.forEach(function (p) {
      if (p.total > max) max = p.total;
    });
    var step = points.length > 1 ? (w - 2 * pad) / (points.length - 1) : 0;
    var xy = points.map(function (p, i) {
      return pad + i * step + "," + (h - pad - ((h - 2 * pad) * p.total) / max);
    });
    var line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", xy.join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "#b3261e");
    line.setAttribute("stroke-width", "3");
    svg.appendChild(line);
    return svg;
  }

  async function dashboard(region) {
    var G = GT(),
      el = G.el,
      $ = G.$;
    var q = region ? "?region=" + region : "";
    $("mon-status").textContent = "正在统计…";
    var s = await G.api("GET", "/api/v1/stats/summary" + q);
    state.region = s.region.code;
    $("mon-title").textContent = s.region.name + " · 就业监测";
    var t = s.total.values;
    var r = s.total.ratios;
    $("mon-cards").replaceChildren(
      card("劳动力人数", sum(t["labourers.person_type"])),
      card("已就业（已确认）", sum(t["employed.kind"])),
      card("有务工意愿未就业", sum(t["unemployed.with_intention"])),
      card("零就业家庭", sum(t["households.zero_employment"]), "目标：动态清零"),
      card("培训合格人员首次就业率", pct(r["training.first_employment_rate"]), "目标：30%"),
      card(
        "人均推荐岗位数",
        r["push.recommendations_per_certified"] === null
          ? "—"
          : r["push.recommendations_per_certified"],
        "目标：不少于3个",
      ),
    );
    $("mon-children").replaceChildren.apply(
      $("mon-children"),
      s.children.map(function (c) {
        var v = c.values;
        var drill = c.code !== s.region.code && c.code.length < 12;
        return el("li", { class: "item" }, [
          el("p", { class: "title" }, [
            drill ? el("a", { href: "#/monitor/" + c.code, text: c.name }) : c.name,
          ]),
          el("p", {
            text:
              "劳动力 " +
              sum(v["labourers.person_type"]) +
              " · 已就业 " +
              sum(v["employed.kind"]) +
              " · 零就业家庭 " +
              sum(v["households.zero_employment"]),
          }),
        ]);
      }),
    );
    $("mon-lists").replaceChildren.apply(
      $("mon-lists"),
      LISTS.map(function (l) {
        return el("li", null, [
          el("a", { href: "#/monitor/" + s.region.code + "/list/" + l[0], text: l[1] }),
        ]);
      }),
    );
    $("mon-actions").replaceChildren(
      exportButton(
        "导出主要指标（Excel）",
        "/api/v1/stats/exports/summary?region=" + s.region.code,
        "summary.xlsx",
      ),
    );
    var trend = await G.api(
      "GET",
      "/api/v1/stats/trend?figure=households.zero_employment&region=" + s.region.code,
    );
    $("mon-trend").replaceChildren(
      trend.points.length
        ? trendSvg(trend.points)
        : el("p", { class: "hint", text: "暂无周快照，下周一起显示走势" }),
    );
    $("mon-status").textContent = "统计截至 " + G.timeText(s.asOf) + "；就业人数只计已确认的就业";
  }

  function listItem(row) {
    var el = GT().el;
    return el("li", { class: "item" }, [
      el("p", {
        class: "title",
        text: row.name + " · " + (row.townshipName || "") + row.villageName,
      }),
      el("p", { class: "hint", text: "下一步：" + row.nextStep }),
    ]);
  }

  async function list(region, id, more) {
    var G = GT(),
      $ = G.$;
    // Another list (or region) starts at the API's default sort; 更多 keeps the chosen one.
    if (!state.list || state.list.id !== id || state.list.region !== region) state.sort = "";
    if (!more) {
      state.cursor = null;
      $("mon-list-items").replaceChildren();
    }
    var label = (LISTS.find(function (l) {
      return l[0] === id;
    }) || [id, "名单"])[1];
    $("mon-list-title").textContent = label;
    $("mon-list-back").href = "#/monitor/" + region;
    var page = await G.api(
      "GET",
      "/api/v1/stats/warnings/" +
        id +
        "?limit=20&region=" +
        region +
        (state.sort ? "&sort=" + state.sort : "") +
        (state.cursor ? "&cursor=" + encodeURIComponent(state.cursor) : ""),
    );
    state.sort = page.sort;
    page.items.forEach(function (row) {
      $("mon-list-items").appendChild(listItem(row));
    });
    state.cursor = page.nextCursor;
    $("mon-list-more").hidden = !page.nextCursor;
    $("mon-list-status").textContent = $("mon-list-items").children.length ? "" : "名单为空";
    $("mon-list-actions").replaceChildren(
      window.GTMonitorSort.picker(page.list.sorts, page.sort, function (sort) {
        state.sort = sort;
        void list(region, id, false).catch(function (e) {
          G.showError("app-error", e.message);
        });
      }),
      exportButton(
        "导出名单（Excel）",
        "/api/v1/stats/exports/warnings/" + id + "?region=" + region + "&sort=" + page.sort,
        id + ".xlsx",
      ),
    );
    state.list = { region: region, id: id };
  }

  /** Called by bureau.js for #/monitor, #/monitor/<region>, #/monitor/<region>/list/<list>. */
  function route(hash) {
    var $ = GT().$;
    var m = /^\/monitor(?:\/(\d{2,12}))?(?:\/list\/([a-z_]+))?$/.exec(hash);
    var region = m && m[1] ? m[1] : "";
    var listId = m && m[2];
    $("mon-dashboard").hidden = !!listId;
    $("mon-list").hidden = !listId;
    var work = listId ? list(region || state.region, listId, false) : dashboard(region);
    return work.catch(function (e) {
      GT().showError("app-error", e.message);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var more = document.getElementById("mon-list-more");
    if (more)
      more.addEventListener("click", function () {
        if (state.list) void list(state.list.region, state.list.id, true);
      });
  });

  window.GTMonitor = { route: route };
  // The bureau page's registries (bureau-core.js): the 就业监测 view, its tab and its #/monitor… routes.
  var B = window.GTB;
  B.views.push("monitor");
  B.tabs.push("monitor");
  B.routes.push({
    pattern: /^\/monitor/,
    open: function () {
      B.show("monitor");
      return route(location.hash.replace(/^#/, ""));
    },
  });
})();
