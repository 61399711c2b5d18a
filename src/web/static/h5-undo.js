/* 岗通 H5: recommendation feedback, sent one at a time, and the 撤销 window after 我要报名 / 不合适
 * (the answer shows at once and is sent when the window closes, another answer comes, or the
 * page is left). */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    state = H.state;

  function sendFeedback(id, body) {
    var p = state.chain.then(function () {
      return H.api("POST", "/api/v1/recommendations/" + id + "/feedback", body);
    });
    state.chain = p.catch(function () {});
    return p;
  }

  function hideToast() {
    $("toast").hidden = true;
    document.body.classList.remove("has-toast");
  }

  /** Sends the answer waiting in its undo window now (window closed, another answer, page left). */
  function commitPending() {
    var p = state.pending;
    if (!p) return;
    state.pending = null;
    clearTimeout(p.timer);
    hideToast();
    sendFeedback(p.item.id, p.body)
      .then(function (r) {
        p.item.feedback = r.feedback;
        p.item.declineReason = r.declineReason;
        if (p.onSent) p.onSent(r);
      })
      .catch(function (e) {
        p.revert();
        H.showError("recs-error", e.message);
      });
  }

  /** 撤销: nothing was sent, so the card simply goes back to how it was. */
  function undoPending() {
    var p = state.pending;
    if (!p) return;
    state.pending = null;
    clearTimeout(p.timer);
    hideToast();
    p.revert();
  }

  /** opts.onSent(response): called once the server has the answer (optional). */
  function startPending(item, body, text, revert, opts) {
    commitPending(); // one answer waits at a time
    state.pending = {
      item: item,
      body: body,
      revert: revert,
      onSent: opts && opts.onSent,
      timer: setTimeout(commitPending, H.UNDO_MS),
    };
    $("toast-text").textContent = text;
    $("toast").hidden = false;
    document.body.classList.add("has-toast");
  }

  /** Hooks 撤销 up, and sends what waits when the page is left; called once by h5.js. */
  function initUndo() {
    $("toast-undo").addEventListener("click", undoPending);
    // Leaving the page ends the undo window early: what the person chose is sent, not lost.
    window.addEventListener("pagehide", commitPending);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") commitPending();
    });
  }

  H.sendFeedback = sendFeedback;
  H.commitPending = commitPending;
  H.startPending = startPending;
  H.initUndo = initUndo;
})();
