/* 岗通 bureau portal: opening a file the API serves only with the session token (an evidence
 * photo or PDF behind GET /api/v1/employments/{id}/evidence/{evidenceId}/file): fetch with the
 * bearer token → blob → a local object URL, opened in a new tab (a photo or PDF the browser
 * shows) or saved. Every such read is recorded on the server (audit_log). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var el = GT.el;

  var EXT = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
  };

  /** The file's bytes as a Blob; the API's Chinese message on a refusal. */
  async function fetchBlob(path) {
    var res;
    try {
      res = await fetch(path, { headers: { authorization: "Bearer " + GT.token() } });
    } catch {
      throw new Error("网络连接失败，请检查网络后重试");
    }
    if (res.status === 401) GT.signOut("登录已过期，请重新登录");
    if (!res.ok) {
      var err = {};
      try {
        err = (await res.json()).error || {};
      } catch {
        err = {};
      }
      throw new Error(GT.cleanMessage(err.message) || "没有打开，请稍后再试");
    }
    return res.blob();
  }

  /** Saves (or shows) a blob under a file name; the object URL is let go a minute later. */
  function hand(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, target: "_blank", rel: "noopener" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }

  /** 查看 for one evidence file; the button says what went wrong beside it. */
  function button(v) {
    var btn = el("button", { type: "button", class: "btn small", text: "查看" });
    var error = el("span", { class: "error", role: "alert", hidden: true });
    btn.addEventListener("click", async function () {
      btn.disabled = true;
      error.hidden = true;
      try {
        var blob = await fetchBlob(
          "/api/v1/employments/" + v.employmentId + "/evidence/" + v.id + "/file",
        );
        hand(
          blob,
          "证明材料-" +
            GT.label("evidenceKind", v.kind) +
            "-" +
            v.id.slice(0, 8) +
            "." +
            (EXT[v.mediaType] || "bin"),
        );
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      } finally {
        btn.disabled = false;
      }
    });
    return el("span", null, [btn, error]);
  }

  B.download = { fetchBlob: fetchBlob, hand: hand, button: button };
})();
