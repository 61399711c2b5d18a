/* 岗通 portals: small helpers for the forms added in issue 16 (registration, 核实, training
 * results, editing a posting) — a message under the input at fault, clearing them, and finding a
 * place by name. Adds window.GT.forms; loaded after portal.js. */
(function () {
  "use strict";

  var GT = window.GT;
  var $ = GT.$,
    el = GT.el;

  /** Removes every field message and red mark in the form, and its form-level message. */
  function clear(form, errorId) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (n) {
      n.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (n) {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
    });
    if (errorId) GT.showError(errorId, "");
  }

  /**
   * Puts `message` under the input with id `inputId` (aria-invalid, aria-describedby). Returns
   * false when there is no such input, so the caller shows the message above the buttons instead.
   */
  function fieldError(inputId, message) {
    var input = inputId && $(inputId);
    if (!input) return false;
    var id = input.id + "-error";
    var existing = $(id);
    if (existing) existing.textContent = message;
    else
      input.insertAdjacentElement(
        "afterend",
        el("p", { id: id, class: "field-error", text: message }),
      );
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    return true;
  }

  /**
   * Shows a list of [inputId, message] under their inputs, a count above the buttons, and focuses
   * the first. An API error: its `field` is mapped to an input by `fieldIds` (API field → input id).
   */
  function showErrors(form, errorId, errors) {
    var placed = 0;
    errors.forEach(function (e) {
      if (fieldError(e[0], e[1])) placed++;
      else GT.showError(errorId, e[1]);
    });
    if (placed) GT.showError(errorId, "有 " + placed + " 处需要修改，见红色提示。");
    var first = form.querySelector("[aria-invalid=true]");
    if (first) first.focus();
  }

  function apiError(form, errorId, err, fieldIds) {
    // An item of a list (skills.3) goes under the list's input.
    var inputId = err.field && (fieldIds[err.field] || fieldIds[String(err.field).split(".")[0]]);
    if (inputId) showErrors(form, errorId, [[inputId, err.message]]);
    else GT.showError(errorId, err.message);
  }

  /**
   * Find a place by name: `q` input, `find` button and `select` (ids). `opts.level` is the
   * deepest level offered (village for a labourer's home), `opts.only` keeps those levels only, `opts.within` (a code, or a function giving one)
   * keeps the search inside a region.
   */
  function placePicker(q, find, select, opts) {
    async function search() {
      var words = $(q).value.trim();
      if (!words) return;
      var path =
        "/api/v1/regions/search?limit=20&level=" +
        (opts.level || "township") +
        "&q=" +
        encodeURIComponent(words);
      var within = typeof opts.within === "function" ? opts.within() : opts.within;
      if (within) path += "&within=" + encodeURIComponent(within);
      var box = $(select);
      try {
        var res = await GT.api("GET", path);
        var items = res.items.filter(function (r) {
          return !opts.only || opts.only.indexOf(r.level) >= 0;
        });
        box.textContent = "";
        if (!items.length)
          box.appendChild(el("option", { value: "", text: "没有找到，请换个名称" }));
        items.forEach(function (r) {
          box.appendChild(
            el("option", {
              value: r.code,
              text: window.GTApi.placeText(r.fullName || r.name),
            }),
          );
        });
      } catch (e) {
        fieldError(select, e.message);
      }
    }
    $(find).addEventListener("click", function () {
      void search();
    });
    $(q).addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        void search();
      }
    });
  }

  /** Today's date in China time, YYYY-MM-DD (for date inputs' defaults and limits). */
  function today() {
    return GTApi.chinaParts(Date.now()).date;
  }

  /**
   * A form kept in <template id=templateId> goes into the element areaId while its view is open
   * (so its labels never clash with another view's and nothing typed outlives it). Returns true
   * when a fresh copy was put in, so the caller wires its listeners then.
   */
  function mount(templateId, areaId) {
    var area = $(areaId);
    if (area.firstElementChild) return false;
    area.appendChild(document.importNode($(templateId).content, true));
    return true;
  }

  function unmount(areaId) {
    $(areaId).textContent = "";
  }

  GT.forms = {
    mount: mount,
    unmount: unmount,
    clear: clear,
    fieldError: fieldError,
    showErrors: showErrors,
    apiError: apiError,
    placePicker: placePicker,
    today: today,
  };
})();
