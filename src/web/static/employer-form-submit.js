/* 岗通 employer portal: 发布岗位 — opening the form with defaults, finding the place, saving
 * (as a draft, then opened unless 只存草稿). */
(function () {
  "use strict";

  var GT = window.GT,
    E = window.GTE;
  var $ = GT.$,
    el = GT.el,
    api = GT.api,
    state = E.state;

  async function submitJob(event) {
    event.preventDefault();
    E.clearFieldErrors();
    var openIt = state.submitMode !== "draft";
    var read = E.readForm();
    if (read.errors.length) {
      read.errors.forEach(function (e) {
        E.fieldError(e[0], e[1]);
      });
      GT.showError("form-error", "有 " + read.errors.length + " 处需要修改，见红色提示。");
      E.focusFirstError();
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
        if (!e.field || !E.fieldError(e.field, e.message)) GT.showError("form-error", e.message);
        else GT.showError("form-error", "有 1 处需要修改，见红色提示。");
        E.focusFirstError();
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
          text: window.GTApi.placeText(r.fullName),
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
      E.fieldError("regionCode", e.message);
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
    E.show("view-new");
    E.clearFieldErrors();
    if (state.employer && !$("f-regionCode").options.length) {
      try {
        var region = await api("GET", "/api/v1/regions/" + state.employer.regionCode);
        setPlaces([region], region.code);
      } catch {
        /* the search box still works */
      }
    }
    fillDefaults();
    E.applyChannel();
    void E.jobExtras.openCreate();
    $("f-title").focus();
  }
  /** Hooks the form up; called once by employer.js. */
  function initForm() {
    $("f-channel").addEventListener("change", E.applyChannel);
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
    E.jobExtras.initCreate();
    $("f-place-q").addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        void findPlace();
      }
    });
  }

  E.openForm = openForm;
  E.initForm = initForm;
})();
