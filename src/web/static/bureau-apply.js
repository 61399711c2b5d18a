/* 岗通 bureau portal: 代为报名 — staff apply for a labourer of their region, with the person's
 * consent recorded (POST /api/v1/applications { jobId, labourerId, consent: { method, at } }).
 * Pick the person (by name, in scope: GET /api/v1/labourers?q=), pick an open posting (the job
 * search), say how the person agreed, submit; the answer shows what was done. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    el = GT.el,
    api = GT.api;
  var chosen = { person: null, job: null };

  function drawChosen() {
    var p = chosen.person,
      j = chosen.job;
    $("apply-chosen").textContent =
      (p ? "报名人：" + p.name + "（" + p.idNumberMasked + "）" : "还没有选人") +
      "；" +
      (j ? "岗位：" + j.title + "（" + j.employer.name + "）" : "还没有选岗位") +
      "。";
  }

  function pick(kind, value, ul, li) {
    chosen[kind] = value;
    Array.prototype.forEach.call(ul.children, function (x) {
      x.classList.toggle("chosen", x === li);
    });
    $("apply-result").hidden = true;
    drawChosen();
  }

  function personItem(p, ul) {
    var li = el("li", { class: "item", "data-labourer": p.id });
    var btn = el("button", { type: "button", class: "btn small", text: "选这个人" });
    btn.addEventListener("click", function () {
      pick("person", p, ul, li);
    });
    li.appendChild(el("p", { class: "title" }, [p.name + " · " + p.idNumberMasked + " ", btn]));
    li.appendChild(
      el("p", { class: "meta" }, [
        GT.regionSpan(p.villageCode),
        " · " + GT.label("employment", p.employmentStatus),
        p.phoneMasked ? " · " + p.phoneMasked : null,
      ]),
    );
    return li;
  }

  function jobItem(j, ul) {
    var li = el("li", { class: "item", "data-job": j.id });
    var btn = el("button", { type: "button", class: "btn small", text: "选这个岗位" });
    btn.addEventListener("click", function () {
      pick("job", j, ul, li);
    });
    li.appendChild(el("p", { class: "title" }, [j.title + " ", btn]));
    li.appendChild(
      el("p", {
        class: "meta",
        text: j.employer.name + " · " + j.placeName + " · " + GT.wageText(j.wage),
      }),
    );
    return li;
  }

  async function find(ulId, path, item) {
    var ul = $(ulId),
      status = $(ulId + "-status");
    ul.textContent = "";
    status.textContent = "正在查找…";
    try {
      var page = await api("GET", path);
      page.items.forEach(function (x) {
        ul.appendChild(item(x, ul));
      });
      status.textContent = page.items.length ? "" : "没有找到，请换个词再试。";
    } catch (e) {
      status.textContent = e.message;
    }
  }

  async function submit(event) {
    event.preventDefault();
    GT.showError("apply-error", "");
    $("apply-result").hidden = true;
    if (!chosen.person || !chosen.job) {
      GT.showError("apply-error", "请先选人和岗位");
      return;
    }
    if (!$("apply-agree").checked) {
      GT.showError("apply-error", "代为报名须先征得本人同意，请勾选「本人已经同意报名这个岗位」");
      return;
    }
    var body = {
      jobId: chosen.job.id,
      source: "search",
      labourerId: chosen.person.id,
      consent: { method: $("apply-consent").value, at: new Date().toISOString() },
    };
    var note = $("apply-note").value.trim();
    if (note) body.note = note;
    $("apply-submit").disabled = true;
    try {
      var app = await api("POST", "/api/v1/applications", body);
      var result = $("apply-result");
      result.textContent =
        "已为" +
        chosen.person.name +
        "报名「" +
        chosen.job.title +
        "」：" +
        app.statusLabel +
        "。用工单位会看到这份报名，本人也会收到通知。";
      result.hidden = false;
      $("apply-agree").checked = false;
    } catch (e) {
      GT.showError("apply-error", e.message);
    } finally {
      $("apply-submit").disabled = false;
    }
  }

  B.views.push("apply");
  B.tabs.push("apply");
  B.routes.push({
    pattern: /^\/apply$/,
    open: function () {
      B.show("apply");
      drawChosen();
    },
  });
  B.inits.push(function () {
    $("apply-person-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var q = $("apply-person-q").value.trim();
      if (!q) return;
      void find(
        "apply-people",
        "/api/v1/labourers?limit=20&q=" + encodeURIComponent(q),
        personItem,
      );
    });
    $("apply-job-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var q = $("apply-job-q").value.trim();
      void find("apply-jobs", "/api/v1/jobs/search?limit=20&q=" + encodeURIComponent(q), jobItem);
    });
    $("apply-form").addEventListener("submit", submit);
  });
})();
