/* 岗通 bureau portal: shortage alerts and recent pushes in the user's region, the labourer list,
 * one person's recommendation rounds and a "重新推荐" button. Routes live in location.hash. */
(function () {
  "use strict";

  var GT = window.GT;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;
  var VIEWS = ["alerts", "pushes", "people", "person", "monitor"];
  var state = { ready: false, cursors: {}, personId: null };

  function show(view) {
    VIEWS.forEach(function (v) {
      $("view-" + v).hidden = v !== view;
    });
    var tab = view === "person" ? "people" : view;
    ["alerts", "pushes", "people", "monitor"].forEach(function (t) {
      if (t === tab) $("tab-" + t).setAttribute("aria-current", "page");
      else $("tab-" + t).removeAttribute("aria-current");
    });
    GT.showError("app-error", "");
  }

  function route() {
    if (!state.ready) return;
    var h = location.hash.replace(/^#/, "");
    var m = /^\/people\/([0-9a-f-]{36})$/.exec(h);
    if (m) {
      show("person");
      return loadPerson(m[1]);
    }
    if (h.indexOf("/monitor") === 0 && window.GTMonitor) {
      show("monitor");
      return window.GTMonitor.route(h);
    }
    if (h === "/pushes") {
      show("pushes");
      return loadList("pushes", false);
    }
    if (h === "/people") {
      show("people");
      return loadList("people", false);
    }
    show("alerts");
    return loadList("alerts", false);
  }

  function personLink(id, name) {
    return el("a", { href: "#/people/" + id, text: name || "查看" });
  }

  // ---------- the three lists ----------

  function alertItem(a) {
    return el("li", { class: "item" }, [
      el("p", { class: "title" }, [
        personLink(a.labourerId, a.labourerName || "（未具名）"),
        el("span", {
          class: "badge " + (a.status === "open" ? "bad" : "ok"),
          text: "还差 " + a.missing + " 个岗位",
        }),
      ]),
      el("p", null, ["已找到 " + a.found + " 个合适岗位 · ", GT.regionSpan(a.countyCode)]),
      a.occupations.length
        ? el("p", {
            text:
              "能做的工种：" +
              a.occupations.slice(0, 8).join("、") +
              (a.occupations.length > 8 ? " 等" : ""),
          })
        : null,
      el("p", {
        class: "meta",
        text:
          "已放宽：" +
          a.stepsTried
            .map(function (s) {
              return GT.label("step", s);
            })
            .join(" → ") +
          " · " +
          GT.timeText(a.createdAt),
      }),
      a.summary ? el("p", { text: a.summary }) : null,
      a.resolutionLabel
        ? el("p", {
            class: "meta",
            text:
              "处理结果：" +
              a.resolutionLabel +
              (a.resolutionNote ? "（" + a.resolutionNote + "）" : ""),
          })
        : null,
    ]);
  }

  function pushItem(n) {
    var badge =
      n.status === "delivered" || n.status === "fallback"
        ? "ok"
        : n.status === "failed" || n.status === "unknown"
          ? "bad"
          : "";
    return el("li", { class: "item" }, [
      el("p", { class: "title" }, [
        n.labourerName + (n.phoneMasked ? "（" + n.phoneMasked + "）" : ""),
        el("span", { class: "badge " + badge, text: GT.label("delivery", n.status) }),
      ]),
      el("p", {
        class: "meta",
        text:
          GT.label("kind", n.kind) +
          " · " +
          GT.timeText(n.createdAt) +
          (n.provider ? " · 经由" + GT.label("provider", n.provider) : ""),
      }),
      el("p", { class: "text", text: n.text }),
      // lastError is the provider's own (English) wording, for the logs: staff read what to do.
      n.lastError
        ? el("p", {
            class: "meta",
            text:
              n.status === "failed"
                ? "多次发送没有成功，请电话联系本人。"
                : "上次发送没有成功，系统会再试。",
          })
        : null,
    ]);
  }

  function personItem(p) {
    return el("li", { class: "item" }, [
      el("p", { class: "title" }, [
        personLink(p.id, p.name),
        p.keyAssistance ? el("span", { class: "badge warn", text: "重点帮扶" }) : null,
        el("span", {
          class: "badge " + (p.employmentStatus === "unemployed" ? "" : "ok"),
          text: GT.label("employment", p.employmentStatus),
        }),
      ]),
      el("p", {
        text:
          (p.sex === "female" ? "女" : "男") +
          " · " +
          p.age +
          " 岁 · " +
          GT.label("personType", p.personType) +
          " · " +
          GT.label("capacity", p.labourCapacity) +
          " · " +
          GT.label("intention", p.workIntention),
      }),
      el("p", { class: "meta" }, [
        GT.regionSpan(p.villageCode),
        p.phoneMasked ? " · " + p.phoneMasked : null,
      ]),
    ]);
  }

  var LISTS = {
    alerts: {
      path: function () {
        return "/api/v1/shortage-alerts?limit=20&status=" + $("alert-status").value;
      },
      item: alertItem,
      empty: "没有缺口预警：每位培训合格人员都已推荐了至少 3 个合适岗位。",
    },
    pushes: {
      path: function () {
        return "/api/v1/notifications?limit=20";
      },
      item: pushItem,
      empty: "还没有推送记录。",
    },
    people: {
      path: function () {
        var q = ["limit=20"];
        var name = $("people-q").value.trim();
        if (name) q.push("q=" + encodeURIComponent(name));
        var emp = $("people-employment").value;
        if (emp) q.push("employmentStatus=" + emp);
        return "/api/v1/labourers?" + q.join("&");
      },
      item: personItem,
      empty: "没有符合条件的人员。",
    },
  };

  async function loadList(name, more) {
    var spec = LISTS[name];
    var list = $(name),
      status = $(name + "-status");
    var path = spec.path();
    if (more && state.cursors[name]) path += "&cursor=" + encodeURIComponent(state.cursors[name]);
    status.textContent = "正在加载…";
    try {
      var page = await api("GET", path);
      if (!more) list.textContent = "";
      page.items.forEach(function (x) {
        list.appendChild(spec.item(x));
      });
      state.cursors[name] = page.nextCursor;
      $(name + "-more").hidden = !page.nextCursor;
      status.textContent = list.children.length ? "" : spec.empty;
    } catch (e) {
      status.textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  // ---------- one person ----------

  function roundBlock(r) {
    var head =
      "第 " +
      r.round +
      " 轮 · " +
      GT.label("trigger", r.trigger) +
      " · " +
      GT.label("outcome", r.outcome) +
      " · " +
      GT.timeText(r.createdAt);
    var items = r.items.map(function (it) {
      var fb =
        GT.label("feedback", it.feedback) +
        (it.declineReason ? "：" + GT.label("decline", it.declineReason) : "");
      return el("li", null, [
        el("strong", { text: it.job.title }),
        el("span", {
          class:
            "badge " +
            (it.feedback === "applied" ? "ok" : it.feedback === "declined" ? "warn" : ""),
          text: fb,
        }),
        el("p", {
          text: it.job.employerName + " · " + GT.wageText(it.job.wage) + " · " + it.job.placeName,
        }),
        el("p", {
          class: "meta",
          text: "理由：" + it.reason + " · 推送：" + GT.label("delivery", it.deliveryStatus),
        }),
      ]);
    });
    return el("div", { class: "round" }, [
      el("p", { class: "title", text: head }),
      r.ineligibleReason
        ? el("p", { class: "meta", text: "原因：" + GT.label("ineligible", r.ineligibleReason) })
        : null,
      r.shortage
        ? el("p", { class: "meta", text: "岗位不足：还差 " + r.shortage.missing + " 个" })
        : null,
      items.length ? el("ol", null, items) : el("p", { class: "meta", text: "本轮没有推荐岗位。" }),
    ]);
  }

  async function loadRounds(id) {
    $("rounds-status").textContent = "正在加载…";
    $("rounds").textContent = "";
    try {
      var data = await api("GET", "/api/v1/labourers/" + id + "/recommendations?limit=10");
      data.rounds.forEach(function (r) {
        $("rounds").appendChild(roundBlock(r));
      });
      $("rounds-status").textContent = data.rounds.length
        ? ""
        : "还没有推荐记录。培训合格后会自动推荐。";
    } catch (e) {
      $("rounds-status").textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  async function loadPerson(id) {
    state.personId = id;
    $("person-title").textContent = "正在加载…";
    $("person-facts").textContent = "";
    $("rerun-result").hidden = true;
    GT.showError("rerun-error", "");
    try {
      var p = await api("GET", "/api/v1/labourers/" + id);
      $("person-title").textContent = p.name + " 的推荐记录";
      $("person-facts").textContent =
        (p.sex === "female" ? "女" : "男") +
        " · " +
        p.age +
        " 岁 · " +
        GT.label("employment", p.employmentStatus) +
        " · " +
        GT.label("intention", p.workIntention) +
        (p.occupations.length ? " · 工种：" + p.occupations.join("、") : "");
    } catch (e) {
      $("person-title").textContent = "";
      GT.showError("app-error", e.message);
      return;
    }
    await loadRounds(id);
  }

  async function rerun() {
    var btn = $("rerun");
    btn.disabled = true;
    GT.showError("rerun-error", "");
    $("rerun-result").hidden = true;
    try {
      var res = await api(
        "POST",
        "/api/v1/labourers/" + state.personId + "/recommendations/rerun",
        {},
      );
      $("rerun-result").textContent =
        (res.message || "已安排新一轮推荐") + "（第 " + res.round + " 轮）";
      $("rerun-result").hidden = false;
    } catch (e) {
      GT.showError("rerun-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  GT.boot({
    key: "bureau",
    roles: ["bureau", "cadre", "admin"],
    onReady: function () {
      if (!state.ready) {
        state.ready = true;
        window.addEventListener("hashchange", route);
        ["alerts", "pushes", "people"].forEach(function (n) {
          $(n + "-more").addEventListener("click", function () {
            void loadList(n, true);
          });
        });
        $("alert-status").addEventListener("change", function () {
          void loadList("alerts", false);
        });
        $("people-form").addEventListener("submit", function (e) {
          e.preventDefault();
          void loadList("people", false);
        });
        $("rerun").addEventListener("click", rerun);
      }
      void route();
    },
  });
})();
