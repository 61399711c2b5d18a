/* 岗通 bureau portal: 处理 on an open shortage alert — staff write what they did (联系了谁、安排了
 * 什么) and the alert moves to 已解决 (POST /api/v1/shortage-alerts/{id}/resolve, own region only).
 * Loaded after bureau-lists.js: it adds the button to each open alert the list draws. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var el = GT.el;

  function resolveForm(alert, li) {
    var id = "resolve-note-" + alert.id;
    var note = el("textarea", { id: id, rows: "2", maxlength: "500" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    var save = el("button", { type: "submit", class: "btn primary", text: "确认已处理" });
    var cancel = el("button", { type: "button", class: "btn", text: "取消" });
    var form = el("form", { class: "form", novalidate: true }, [
      el("label", { for: id, text: "处理情况（例如：已联系县城家政公司，安排面试）" }),
      note,
      error,
      el("div", { class: "row" }, [save, cancel]),
    ]);
    function fail(message) {
      error.textContent = message;
      error.hidden = false;
      note.setAttribute("aria-invalid", "true");
      note.focus();
    }
    cancel.addEventListener("click", function () {
      form.remove();
      li.querySelector(".resolve-open").hidden = false;
    });
    form.addEventListener("submit", async function (e) {
      e.preventDefault();
      if (!note.value.trim()) return fail("请填写处理情况");
      save.disabled = true;
      try {
        var done = await GT.api("POST", "/api/v1/shortage-alerts/" + alert.id + "/resolve", {
          note: note.value.trim(),
        });
        // The answer carries no name (the list's read adds it): keep the one on screen.
        done.labourerName = done.labourerName || alert.labourerName;
        li.replaceWith(decorate(B.lists.alerts.drawItem(done), done));
      } catch (err) {
        save.disabled = false;
        fail(err.message);
      }
    });
    return form;
  }

  function decorate(li, alert) {
    if (alert.status !== "open") return li;
    var open = el("button", { type: "button", class: "btn resolve-open", text: "处理" });
    open.addEventListener("click", function () {
      open.hidden = true;
      li.appendChild(resolveForm(alert, li));
      li.querySelector("textarea").focus();
    });
    li.appendChild(el("div", { class: "row" }, [open]));
    return li;
  }

  var spec = B.lists.alerts;
  spec.drawItem = spec.item;
  spec.item = function (alert) {
    return decorate(spec.drawItem(alert), alert);
  };
})();
