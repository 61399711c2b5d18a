/* 岗通 bureau portal: the three lists — 岗位缺口预警, 最近推送, 人员名单. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    el = GT.el;

  function alertItem(a) {
    return el("li", { class: "item" }, [
      el("p", { class: "title" }, [
        B.personLink(a.labourerId, a.labourerName || "（未具名）"),
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
        B.personLink(p.id, p.name),
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

  Object.keys(LISTS).forEach(function (name) {
    B.lists[name] = LISTS[name];
  });
})();
