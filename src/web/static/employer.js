/* 岗通 employer portal: the organisation's postings, suggested candidates per posting, and a
 * form for odd-job postings (created as a draft, then opened). Routes live in location.hash. */
(function () {
  "use strict";

  var GT = window.GT;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;
  var state = {
    me: null,
    employer: null,
    cursor: null,
    ready: false,
    flash: null,
    submitMode: "open",
  };

  /** The form's inputs by API field (wages are typed in 元 and sent in fen). */
  var FIELD_INPUT = {
    title: "f-title",
    occupation: "f-occupation",
    physicalDemand: "f-physicalDemand",
    headcount: "f-headcount",
    wageUnit: "f-wageUnit",
    wageMinFen: "f-wageMin",
    wageMaxFen: "f-wageMax",
    workStartOn: "f-workStartOn",
    workEndOn: "f-workEndOn",
    regionCode: "f-regionCode",
    meetingPoint: "f-meetingPoint",
    address: "f-address",
    description: "f-description",
    contactName: "f-contactName",
    contactPhone: "f-contactPhone",
    expiresAt: "f-workEndOn",
    channel: "f-channel",
    coBuiltPark: "f-coBuiltPark",
  };

  /** Wage units per channel: odd jobs by day or piece; enterprise jobs (区内企业岗位) also by month. */
  var WAGE_UNITS = {
    odd_job: [
      ["day", "按天（日薪）"],
      ["piece", "计件（每件）"],
    ],
    enterprise: [
      ["month", "按月（月薪）"],
      ["day", "按天（日薪）"],
      ["piece", "计件（每件）"],
    ],
  };

  /** Shows the fields of the chosen channel: dates and a meeting point for odd jobs only. */
  function applyChannel() {
    var channel = $("f-channel").value || "odd_job";
    var odd = channel === "odd_job";
    $("f-odd-dates").hidden = !odd;
    $("f-odd-meeting").hidden = !odd;
    $("f-enterprise-only").hidden = odd;
    var unit = $("f-wageUnit");
    unit.textContent = "";
    // The channel's usual unit first (month for enterprise jobs).
    WAGE_UNITS[channel].forEach(function (u) {
      unit.appendChild(el("option", { value: u[0], text: u[1] }));
    });
  }

  function show(view) {
    ["view-list", "view-job", "view-new"].forEach(function (id) {
      $(id).hidden = id !== view;
    });
    // A message meant for the next view (e.g. "saved as a draft, not opened") survives one move.
    GT.showError("app-error", state.flash || "");
    state.flash = null;
  }

  function route() {
    if (!state.ready) return;
    var h = location.hash.replace(/^#/, "");
    var m = /^\/jobs\/([0-9a-f-]{36})$/.exec(h);
    if (m) return openJob(m[1]);
    if (h === "/new") return openForm();
    show("view-list");
    void loadJobs(false);
  }

  // ---------- list ----------

  function jobItem(job) {
    var badgeClass = job.status === "open" ? "ok" : job.status === "draft" ? "warn" : "";
    return el("li", null, [
      el("a", { class: "item", href: "#/jobs/" + job.id }, [
        el("span", { class: "title" }, [
          job.title,
          el("span", { class: "badge " + badgeClass, text: GT.label("jobStatus", job.status) }),
        ]),
        el("p", {
          text:
            GT.wageText(job.wage) +
            " · 招 " +
            job.headcount +
            " 人 · " +
            GT.label("channel", job.channel),
        }),
        el("p", {
          class: "meta",
          text:
            job.placeName + (job.postedAt ? " · 发布于 " + GT.timeText(job.postedAt) : " · 未发布"),
        }),
      ]),
    ]);
  }

  async function loadJobs(more) {
    var status = $("status-filter").value;
    var q = ["limit=20"];
    if (status) q.push("status=" + status);
    if (more && state.cursor) q.push("cursor=" + encodeURIComponent(state.cursor));
    $("jobs-status").textContent = "正在加载…";
    try {
      var page = await api("GET", "/api/v1/jobs?" + q.join("&"));
      if (!more) $("jobs").textContent = "";
      page.items.forEach(function (j) {
        $("jobs").appendChild(jobItem(j));
      });
      state.cursor = page.nextCursor;
      $("jobs-more").hidden = !page.nextCursor;
      $("jobs-status").textContent = $("jobs").children.length
        ? ""
        : "还没有岗位。点“发布零工岗位”发布第一个。";
    } catch (e) {
      $("jobs-status").textContent = "";
      GT.showError("app-error", e.message);
    }
  }

  // ---------- one posting ----------

  function fact(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", { text: String(value) }));
  }

  function candidateItem(c) {
    var who = c.name + (c.age ? "，" + c.age + " 岁" : "");
    return el("li", { class: "item" }, [
      el("span", { class: "title" }, [
        who,
        c.applied
          ? el("span", { class: "badge ok", text: "已报名" })
          : el("span", { class: "badge", text: "未报名" }),
      ]),
      el("p", { text: (c.place || "") + " · " + GT.label("capacity", c.labourCapacity) }),
      c.certificates.length ? el("p", { text: "证书：" + c.certificates.join("、") }) : null,
      el("p", { class: "meta", text: "推荐理由：" + c.reason }),
      c.applied && c.phoneMasked ? el("p", { text: "联系电话：" + c.phoneMasked }) : null,
    ]);
  }

  async function openJob(id) {
    show("view-job");
    $("job-title").textContent = "正在加载…";
    $("job-facts").textContent = "";
    $("job-actions").textContent = "";
    $("candidates").textContent = "";
    try {
      var job = await api("GET", "/api/v1/jobs/" + id);
      $("job-title").textContent = job.title;
      var dl = $("job-facts");
      fact(dl, "状态", GT.label("jobStatus", job.status));
      fact(dl, "类型", GT.label("channel", job.channel) + " · " + job.occupation);
      fact(dl, "体力要求", GT.label("physicalDemand", job.physicalDemand || "normal"));
      fact(dl, "工资", GT.wageText(job.wage));
      fact(dl, "人数", job.headcount + " 人");
      fact(dl, "地点", job.placeName + (job.address ? " " + job.address : ""));
      if (job.workStartOn) fact(dl, "工期", job.workStartOn + " 至 " + (job.workEndOn || ""));
      fact(dl, "集合地点", job.meetingPoint);
      fact(dl, "联系人", job.contactName + " " + job.contactPhone);
      fact(dl, "截止", GT.timeText(job.expiresAt));
      fact(dl, "工作内容", job.description);
      if (job.status === "draft") {
        var open = el("button", { type: "button", class: "btn primary", text: "发布（开始招聘）" });
        open.addEventListener("click", async function () {
          open.disabled = true;
          try {
            await api("POST", "/api/v1/jobs/" + id + "/open", {});
            await openJob(id);
          } catch (e) {
            open.disabled = false;
            GT.showError("app-error", e.message);
          }
        });
        $("job-actions").appendChild(open);
      }
    } catch (e) {
      $("job-title").textContent = "";
      GT.showError("app-error", e.message);
      return;
    }
    // Only an open posting has candidates (the API answers JOB_NOT_OPEN otherwise).
    if (job.status !== "open") {
      $("candidates-status").textContent =
        job.status === "draft"
          ? "岗位发布后，系统会把它推荐给培训合格的求职者，并在这里列出合适的人选。"
          : "岗位已不在招聘中。";
      return;
    }
    $("candidates-status").textContent = "正在查找合适的人选…";
    try {
      var list = await api("GET", "/api/v1/jobs/" + id + "/candidates");
      list.items.forEach(function (c) {
        $("candidates").appendChild(candidateItem(c));
      });
      $("candidates-status").textContent = list.items.length
        ? ""
        : "暂时没有合适的人选。岗位发布后，系统会把它推荐给培训合格的求职者。";
    } catch (e) {
      $("candidates-status").textContent = e.message;
    }
  }

  // ---------- new odd-job posting ----------

  function clearFieldErrors() {
    Array.prototype.forEach.call(document.querySelectorAll("#job-form .field-error"), function (n) {
      n.remove();
    });
    Array.prototype.forEach.call(
      document.querySelectorAll("#job-form [aria-invalid]"),
      function (n) {
        n.removeAttribute("aria-invalid");
        n.removeAttribute("aria-describedby");
      },
    );
    GT.showError("form-error", "");
  }

  function fieldError(field, message) {
    var input = $(FIELD_INPUT[field] || "");
    if (!input) {
      GT.showError("form-error", message);
      return false;
    }
    var id = input.id + "-error";
    var existing = $(id);
    if (existing) {
      existing.textContent = message;
      return true;
    }
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    input.insertAdjacentElement(
      "afterend",
      el("p", { id: id, class: "field-error", text: message }),
    );
    return true;
  }

  function focusFirstError() {
    var first = document.querySelector("#job-form [aria-invalid=true]");
    if (first) first.focus();
  }

  function toFen(value) {
    if (value === "") return null;
    var n = Number(value);
    return Number.isFinite(n) ? Math.round(n * 100) : NaN;
  }

  /** Checks people can fix before a round trip; the API still has the last word (error.field). */
  function readForm() {
    var v = function (id) {
      return $(id).value.trim();
    };
    var body = {
      channel: "odd_job",
      title: v("f-title"),
      occupation: v("f-occupation"),
      physicalDemand: v("f-physicalDemand") || "normal",
      headcount: Number(v("f-headcount")),
      wageUnit: v("f-wageUnit"),
      wageMinFen: toFen(v("f-wageMin")),
      wageMaxFen: toFen(v("f-wageMax")),
      workStartOn: v("f-workStartOn"),
      workEndOn: v("f-workEndOn"),
      regionCode: v("f-regionCode"),
      contactName: v("f-contactName"),
      contactPhone: v("f-contactPhone"),
      description: v("f-description"),
    };
    ["meetingPoint", "address"].forEach(function (k) {
      var x = v("f-" + k);
      if (x) body[k] = x;
    });
    if (window.GTPin) window.GTPin.addTo(body);
    body.channel = v("f-channel") || "odd_job";
    var odd = body.channel === "odd_job";
    if (!odd) {
      delete body.workStartOn;
      delete body.workEndOn;
      delete body.meetingPoint;
      body.coBuiltPark = $("f-coBuiltPark").checked;
    }
    var errors = [];
    if (body.title.length < 2) errors.push(["title", "请填写岗位名称（至少 2 个字）"]);
    if (!body.occupation) errors.push(["occupation", "请填写工种"]);
    if (!Number.isInteger(body.headcount) || body.headcount < 1)
      errors.push(["headcount", "请填写招几人（至少 1 人）"]);
    if (!(body.wageMinFen > 0)) errors.push(["wageMinFen", "请填写最低工资（元）"]);
    if (!(body.wageMaxFen > 0)) errors.push(["wageMaxFen", "请填写最高工资（元）"]);
    else if (body.wageMinFen > 0 && body.wageMaxFen < body.wageMinFen)
      errors.push(["wageMaxFen", "最高工资不能低于最低工资"]);
    if (odd && !body.workStartOn) errors.push(["workStartOn", "请选择开工日期"]);
    if (odd && !body.workEndOn) errors.push(["workEndOn", "请选择完工日期"]);
    else if (odd && body.workStartOn && body.workEndOn < body.workStartOn)
      errors.push(["workEndOn", "完工日期不能早于开工日期"]);
    if (!body.regionCode) errors.push(["regionCode", "请查找并选择工作地点"]);
    if (odd && !body.meetingPoint)
      errors.push(["meetingPoint", "请填写集合地点（零工在哪里集合上工）"]);
    if (!body.contactName) errors.push(["contactName", "请填写联系人"]);
    if (!/^[\d\s-]{7,20}$/.test(body.contactPhone)) errors.push(["contactPhone", "请填写联系电话"]);
    return { body: body, errors: errors };
  }

  async function submitJob(event) {
    event.preventDefault();
    clearFieldErrors();
    var openIt = state.submitMode !== "draft";
    var read = readForm();
    if (read.errors.length) {
      read.errors.forEach(function (e) {
        fieldError(e[0], e[1]);
      });
      GT.showError("form-error", "有 " + read.errors.length + " 处需要修改，见红色提示。");
      focusFirstError();
      return;
    }
    var buttons = document.querySelectorAll("#job-form button[type=submit]");
    Array.prototype.forEach.call(buttons, function (b) {
      b.disabled = true;
    });
    try {
      var job;
      try {
        job = await api("POST", "/api/v1/jobs", read.body);
      } catch (e) {
        if (!e.field || !fieldError(e.field, e.message)) GT.showError("form-error", e.message);
        else GT.showError("form-error", "有 1 处需要修改，见红色提示。");
        focusFirstError();
        return;
      }
      if (openIt) {
        try {
          await api("POST", "/api/v1/jobs/" + job.id + "/open", {});
        } catch (e) {
          // The draft is kept: say why it is not open yet and show it.
          state.flash = "已保存为草稿，但还没有发布：" + e.message;
          location.hash = "#/jobs/" + job.id;
          return;
        }
      }
      $("job-form").reset();
      fillDefaults();
      location.hash = "#/jobs/" + job.id;
    } finally {
      Array.prototype.forEach.call(buttons, function (b) {
        b.disabled = false;
      });
    }
  }

  function setPlaces(regions, selected) {
    var select = $("f-regionCode");
    select.textContent = "";
    if (!regions.length)
      select.appendChild(el("option", { value: "", text: "没有找到，请换个名称" }));
    regions.forEach(function (r) {
      select.appendChild(
        el("option", {
          value: r.code,
          text: String(r.fullName).replace(/^广西壮族自治区\s*/, ""),
          selected: r.code === selected,
        }),
      );
    });
  }

  async function findPlace() {
    var q = $("f-place-q").value.trim();
    if (!q) return;
    try {
      var res = await api("GET", "/api/v1/regions/search?limit=10&q=" + encodeURIComponent(q));
      setPlaces(
        res.items.filter(function (r) {
          return r.level === "county" || r.level === "township" || r.level === "village";
        }),
      );
    } catch (e) {
      fieldError("regionCode", e.message);
    }
  }

  /** A China-time calendar day, `plusDays` from today, as YYYY-MM-DD. */
  var today = function (plusDays) {
    return GTApi.chinaParts(Date.now() + (plusDays || 0) * 86400000).date;
  };

  function fillDefaults() {
    if (!$("f-workStartOn").value) $("f-workStartOn").value = today(1);
    $("f-workStartOn").min = today(0);
    $("f-workEndOn").min = today(0);
    if (!$("f-headcount").value) $("f-headcount").value = "1";
    if (state.employer && !$("f-contactName").value)
      $("f-contactName").value = state.employer.contactName || "";
  }

  async function openForm() {
    show("view-new");
    clearFieldErrors();
    if (state.employer && !$("f-regionCode").options.length) {
      try {
        var region = await api("GET", "/api/v1/regions/" + state.employer.regionCode);
        setPlaces([region], region.code);
      } catch {
        /* the search box still works */
      }
    }
    fillDefaults();
    applyChannel();
    $("f-title").focus();
  }

  GT.boot({
    key: "employer",
    roles: ["employer"],
    onReady: async function (me) {
      state.me = me;
      try {
        state.employer = await api("GET", "/api/v1/employers/" + me.employerId);
      } catch {
        state.employer = null;
      }
      if (state.employer) {
        $("who").textContent = state.employer.name;
        var v = state.employer.verification;
        $("org-note").textContent =
          v && v.status !== "verified"
            ? "本单位状态：" + v.label + "。人社部门审核通过后，岗位才能发布。"
            : "";
        $("org-note").hidden = !(v && v.status !== "verified");
      }
      if (!state.ready) {
        state.ready = true;
        window.addEventListener("hashchange", route);
        $("status-filter").addEventListener("change", function () {
          void loadJobs(false);
        });
        $("jobs-more").addEventListener("click", function () {
          void loadJobs(true);
        });
        $("f-channel").addEventListener("change", applyChannel);
        $("job-form").addEventListener("submit", submitJob);
        Array.prototype.forEach.call(
          document.querySelectorAll("#job-form button[type=submit]"),
          function (b) {
            b.addEventListener("click", function () {
              state.submitMode = b.value;
            });
          },
        );
        $("f-place-find").addEventListener("click", findPlace);
        $("f-place-q").addEventListener("keydown", function (e) {
          if (e.key === "Enter") {
            e.preventDefault();
            void findPlace();
          }
        });
      }
      void route();
    },
  });
})();
