/* 岗通 bureau portal: evidence for an employment record (a photo of the labour contract, the
 * employer's confirmation) — the list, and an upload checked here first for type and size (the
 * server decides by the file's bytes and its own limit, and says why in Chinese). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB,
    P = GT.placement;
  var el = GT.el,
    api = GT.api;

  /** EVIDENCE_MAX_BYTES' default (src/config.ts); a server set lower still answers 413 in Chinese. */
  var MAX_BYTES = 5 * 1024 * 1024;
  var TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];

  /** Why this file cannot go, in words, or "" when it may. */
  function fileProblem(file) {
    if (!file) return "请选择要上传的文件";
    var byName = /\.(jpe?g|png|webp|pdf)$/i.test(file.name || "");
    if (TYPES.indexOf(file.type) < 0 && !byName) return "只能上传照片（JPG、PNG）或 PDF 文件";
    if (file.size > MAX_BYTES) return "文件太大了，最大 5 MB。照片可以拍小一点再传。";
    if (file.size === 0) return "这个文件是空的，请重新选择";
    return "";
  }

  /** Sends one file (multipart: file, kind). */
  function upload(employmentId, file, kind) {
    var problem = fileProblem(file);
    if (problem) return Promise.reject(new Error(problem));
    var form = new FormData();
    form.append("file", file);
    form.append("kind", kind);
    return api("POST", "/api/v1/employments/" + employmentId + "/evidence", form);
  }

  function sizeText(bytes) {
    return bytes >= 1048576
      ? (bytes / 1048576).toFixed(1) + " MB"
      : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function evidenceItem(v) {
    var li = el("li", {
      text:
        GT.label("evidenceKind", v.kind) +
        " · " +
        (v.mediaType === "application/pdf" ? "PDF" : "照片") +
        " " +
        sizeText(v.sizeBytes) +
        " · " +
        GT.timeText(v.createdAt) +
        " ",
    });
    li.appendChild(B.download.button(v));
    return li;
  }

  /** 查看证明材料: a record's evidence (with 查看 per file), loaded when asked for. */
  function viewer(employmentId) {
    var box = el("div");
    var ul = el("ul", { class: "evidence" });
    var status = el("p", { class: "meta", role: "status" });
    var open = el("button", { type: "button", class: "btn small", text: "查看证明材料" });
    open.addEventListener("click", async function () {
      open.disabled = true;
      status.textContent = "正在加载…";
      try {
        var n = await fillEvidence(ul, employmentId);
        status.textContent = n ? "" : "没有上传证明材料";
        open.remove();
      } catch (err) {
        status.textContent = err.message;
        open.disabled = false;
      }
    });
    box.appendChild(el("div", { class: "row tight" }, [open]));
    box.appendChild(status);
    box.appendChild(ul);
    return box;
  }

  /** The record's evidence list, filled in from the server; resolves to the number of files. */
  async function fillEvidence(ul, employmentId) {
    ul.textContent = "";
    var page = await api("GET", "/api/v1/employments/" + employmentId + "/evidence?limit=20");
    page.items.forEach(function (v) {
      ul.appendChild(evidenceItem(v));
    });
    return page.items.length;
  }

  /** File chooser + kind + 上传 for a record that exists; `onDone()` after each upload. */
  function uploader(employmentId, onDone) {
    var idp = "ev-" + employmentId + "-";
    var file = el("input", {
      type: "file",
      accept: "image/jpeg,image/png,image/webp,application/pdf",
    });
    var kind = P.choiceSelect(idp + "kind", "evidenceKind", "contract_photo");
    var send = el("button", { type: "button", class: "btn", text: "上传证明材料" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    send.addEventListener("click", async function () {
      send.disabled = true;
      error.hidden = true;
      try {
        await upload(employmentId, file.files[0], kind.value);
        file.value = "";
        await onDone();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      } finally {
        send.disabled = false;
      }
    });
    return el(
      "div",
      { class: "form narrow" },
      P.field(idp + "file", "证明材料（照片或 PDF，最大 5 MB）", file)
        .concat(P.field(idp + "kind", "材料类型", kind))
        .concat([el("div", { class: "row tight" }, [send]), error]),
    );
  }

  B.evidence = {
    fileProblem: fileProblem,
    upload: upload,
    fill: fillEvidence,
    uploader: uploader,
    viewer: viewer,
  };
})();
