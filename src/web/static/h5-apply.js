/* 岗通 H5: 我要报名 on a search result (POST /api/v1/applications, source "search"). Applying twice
 * is harmless: the server answers with the application that already holds the place. From 我的推荐
 * the card's 我要报名 sends the recommendation feedback "applied", which creates the application
 * on the server in the same write (h5-rec-card.js). */
(function () {
  "use strict";

  var H = window.GTH5;
  var el = H.el;

  /** The 我要报名 button under a search result, and what it turns into once applied. */
  function applyBox(job) {
    var box = el("div", { class: "apply" });
    var btn = el("button", { type: "button", class: "btn primary", text: "我要报名" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    btn.addEventListener("click", async function () {
      btn.disabled = true;
      error.hidden = true;
      try {
        var a = await H.api("POST", "/api/v1/applications", { jobId: job.id, source: "search" });
        box.textContent = "";
        var done = el("p", {
          class: "done applied",
          tabindex: "-1",
          text: a.statusLabel + "。进度可以在“我的报名”里看。",
        });
        box.appendChild(done);
        done.focus();
      } catch (e) {
        btn.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    box.appendChild(btn);
    box.appendChild(error);
    return box;
  }

  H.applyBox = applyBox;
})();
