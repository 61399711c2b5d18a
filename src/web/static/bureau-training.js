/* 岗通 bureau portal: 培训记录 — the training enrolments in the user's region
 * (GET /api/v1/training/enrolments, paged, by state) and 登记培训结果 for a person: enrol them
 * in the course if they are not yet (POST /api/v1/training/enrolments), then record 培训合格
 * (POST …/{id}/pass, which starts their recommendation round) or 未通过 (POST …/{id}/fail). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    el = GT.el,
    F = GT.forms;
  var STATE = { enrolled: "在训", passed: "培训合格", failed: "未通过" };
  var BADGE = { enrolled: "warn", passed: "ok", failed: "bad" };
  var ENROL_FIELDS = { labourerId: "tr-person", courseId: "tr-course" };
  var RESULT_FIELDS = { certificateNo: "tr-cert", resultDate: "tr-date", note: "tr-note" };

  B.views.push("training");
  B.tabs.push("training");

  function courseText(c) {
    return (c.brand ? c.brand.name + " · " : "") + c.occupation + " — " + c.title;
  }

  function enrolmentItem(x) {
    var item = el("li", { class: "item" }, [
      el("p", { class: "title" }, [
        B.personLink(x.labourer.id, x.labourer.name),
        el("span", { class: "badge " + (BADGE[x.status] || ""), text: STATE[x.status] || "其他" }),
      ]),
      el("p", { text: courseText(x.course) }),
      el("p", { class: "meta" }, [
        GT.regionSpan(x.labourer.villageCode),
        x.resultDate ? " · 结业日期 " + x.resultDate : " · 报名于 " + GT.timeText(x.createdAt),
      ]),
      x.certificateNo ? el("p", { class: "meta", text: "证书编号：" + x.certificateNo }) : null,
      x.resultNote ? el("p", { class: "meta", text: "说明：" + x.resultNote }) : null,
    ]);
    if (x.status === "enrolled") {
      var b = el("button", { type: "button", class: "btn", text: "登记结果" });
      b.addEventListener("click", function () {
        void openForm({ id: x.labourer.id, name: x.labourer.name }, x.course.id);
      });
      item.appendChild(el("div", { class: "row" }, [b]));
    }
    return item;
  }

  B.lists.training = {
    path: function () {
      var s = $("training-filter").value;
      return "/api/v1/training/enrolments?limit=20" + (s ? "&status=" + s : "");
    },
    item: enrolmentItem,
    empty: "没有培训记录。",
  };

  function option(value, text) {
    return el("option", { value: value, text: text });
  }

  async function loadCourses(selected) {
    var box = $("tr-course");
    box.textContent = "";
    try {
      var page = await GT.api("GET", "/api/v1/training/courses?limit=100");
      if (!page.items.length) box.appendChild(option("", "本辖区还没有培训班"));
      else box.appendChild(option("", "请选择培训班"));
      page.items.forEach(function (c) {
        var o = option(c.id, courseText(c) + "（" + c.startDate + " 至 " + c.endDate + "）");
        o.dataset.endDate = c.endDate;
        box.appendChild(o);
      });
      if (selected) box.value = selected;
    } catch (e) {
      GT.showError("tr-error", e.message);
    }
  }

  async function findPerson() {
    var q = $("tr-person-q").value.trim();
    if (!q) return;
    var box = $("tr-person");
    try {
      var page = await GT.api("GET", "/api/v1/labourers?limit=20&q=" + encodeURIComponent(q));
      box.textContent = "";
      if (!page.items.length) box.appendChild(option("", "没有找到这个人，请换个名字"));
      page.items.forEach(function (p) {
        box.appendChild(
          option(p.id, p.name + "（身份证 " + p.idNumberMasked + "，" + p.age + " 岁）"),
        );
      });
    } catch (e) {
      F.fieldError("tr-person-q", e.message);
    }
  }

  function showResultFields() {
    var passed = $("tr-result").value === "passed";
    $("tr-pass-only").hidden = !passed;
    $("tr-fail-only").hidden = passed;
  }

  async function openForm(person, courseId) {
    F.unmount("tr-area");
    F.mount("tr-template", "tr-area");
    wireForm();
    var form = $("tr-form");
    F.clear(form, "tr-error");
    $("tr-done").hidden = true;
    $("tr-person").textContent = "";
    if (person) $("tr-person").appendChild(option(person.id, person.name));
    $("tr-date").value = F.today();
    $("tr-date").max = F.today();
    showResultFields();
    $("tr-open").hidden = true;
    await loadCourses(courseId);
    (person ? $("tr-result") : $("tr-person-q")).focus();
  }

  function closeForm() {
    F.unmount("tr-area");
    $("tr-open").hidden = false;
  }

  /** Listeners of a fresh copy of the form. */
  function wireForm() {
    $("tr-cancel").addEventListener("click", closeForm);
    $("tr-form").addEventListener("submit", submit);
    $("tr-result").addEventListener("change", showResultFields);
    $("tr-person-find").addEventListener("click", function () {
      void findPerson();
    });
    $("tr-person-q").addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        void findPerson();
      }
    });
  }

  /** The enrolment of this person in this course: a new one, or the one already there. */
  async function enrolmentFor(labourerId, courseId) {
    try {
      var made = await GT.api("POST", "/api/v1/training/enrolments", {
        courseId: courseId,
        labourerId: labourerId,
      });
      return made;
    } catch (e) {
      if (e.code !== "ENROLMENT_DUPLICATE") throw e;
      var page = await GT.api(
        "GET",
        "/api/v1/training/enrolments?limit=1&labourerId=" + labourerId + "&courseId=" + courseId,
      );
      if (!page.items.length) throw e;
      return page.items[0];
    }
  }

  async function submit(event) {
    event.preventDefault();
    var form = $("tr-form");
    F.clear(form, "tr-error");
    var passed = $("tr-result").value === "passed";
    var body = { resultDate: $("tr-date").value };
    var errors = [];
    if (!$("tr-person").value) errors.push(["tr-person", "请先查找并选择人员"]);
    if (!$("tr-course").value) errors.push(["tr-course", "请选择培训班"]);
    if (passed) {
      body.certificateNo = $("tr-cert").value.trim();
      if (!body.certificateNo) errors.push(["tr-cert", "请填写证书编号"]);
    } else if ($("tr-note").value.trim()) body.note = $("tr-note").value.trim();
    if (!body.resultDate) errors.push(["tr-date", "请填写结业日期"]);
    else if (body.resultDate > F.today()) errors.push(["tr-date", "结业日期不能晚于今天"]);
    if (errors.length) return F.showErrors(form, "tr-error", errors);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var name = $("tr-person").selectedOptions[0].textContent.replace(/（.*$/, "");
    try {
      var enrolment;
      try {
        enrolment = await enrolmentFor($("tr-person").value, $("tr-course").value);
      } catch (e) {
        return F.apiError(form, "tr-error", e, ENROL_FIELDS);
      }
      if (enrolment.status !== "enrolled") {
        return GT.showError(
          "tr-error",
          name +
            "在这个培训班的结果已经登记过了（" +
            (STATE[enrolment.status] || "其他") +
            "），不能重复登记",
        );
      }
      var path = "/api/v1/training/enrolments/" + enrolment.id + (passed ? "/pass" : "/fail");
      try {
        await GT.api("POST", path, body);
      } catch (e) {
        return F.apiError(form, "tr-error", e, RESULT_FIELDS);
      }
      closeForm();
      var done = $("tr-done");
      done.textContent = passed
        ? "已登记：" + name + " 培训合格。系统正在为本人推荐岗位，推荐结果可在本人的页面查看。"
        : "已登记：" + name + " 未通过培训。";
      done.hidden = false;
      void B.loadList("training", false);
    } finally {
      button.disabled = false;
    }
  }

  B.routes.push({
    pattern: /^\/training$/,
    open: function () {
      B.show("training");
      return B.loadList("training", false);
    },
  });
  B.inits.push(function () {
    $("tr-open").addEventListener("click", function () {
      void openForm(null, null);
    });
    window.addEventListener("hashchange", function () {
      if (location.hash !== "#/training") closeForm();
    });
    $("training-filter").addEventListener("change", function () {
      void B.loadList("training", false);
    });
  });
})();
