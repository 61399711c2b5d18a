/* 岗通 bureau portal: 台账导入 — upload a ledger (.xlsx / CSV) for a county
 * (POST /api/v1/imports, multipart), follow its progress (GET /api/v1/imports/{id}) and download
 * the per-row result with each row's reason in Chinese (GET /api/v1/imports/{id}/result.xlsx). */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var $ = GT.$,
    el = GT.el;
  var STATUS = {
    queued: "排队中，马上开始…",
    running: "正在导入…",
    succeeded: "导入完成",
    failed: "导入失败",
  };
  var timer = null;

  B.views.push("imports");
  B.tabs.push("imports");

  function fieldError(field, message) {
    ["county", "file"].forEach(function (f) {
      $("import-" + f).removeAttribute("aria-invalid");
    });
    GT.showError("import-error", message);
    var input = field && $("import-" + field);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  }

  /** A call that is not JSON: the session token, the API's Chinese error and field on a refusal. */
  async function raw(method, path, body) {
    var res;
    try {
      res = await fetch(path, {
        method: method,
        headers: { authorization: "Bearer " + GT.token(), accept: "application/json" },
        body: body,
      });
    } catch {
      throw { message: "网络连接失败，请检查网络后重试" };
    }
    if (res.ok) return res;
    var err = {};
    try {
      err = (await res.json()).error || {};
    } catch {
      err = {};
    }
    if (res.status === 401) GT.signOut("登录已过期，请重新登录");
    throw {
      message: GT.cleanMessage(err.message) || "没有成功，请稍后再试",
      field: err.field,
    };
  }

  function count(dl, term, n) {
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", { text: n + " 行" }));
  }

  function draw(job) {
    $("import-job").hidden = false;
    $("import-name").textContent = job.fileName;
    var text = STATUS[job.status] || "";
    if (job.status === "running")
      text +=
        "已处理 " +
        job.progress.rowsProcessed +
        " 行（约 " +
        Math.round(job.progress.percent) +
        "%）";
    if (job.status === "succeeded" && job.totalRows !== null)
      text += "：共 " + job.totalRows + " 行";
    $("import-progress").textContent = text;
    var dl = $("import-counts");
    dl.textContent = "";
    if (job.counts) {
      count(dl, "新增", job.counts.created);
      count(dl, "更新", job.counts.updated);
      count(dl, "无变化", job.counts.unchanged);
      count(dl, "未导入", job.counts.rejected);
    }
    GT.showError("import-failed", job.error ? job.error.message : "");
    $("import-download").hidden = !job.resultUrl;
    $("import-download").dataset.url = job.resultUrl || "";
  }

  async function follow(id) {
    clearTimeout(timer);
    try {
      var job = await GT.api("GET", "/api/v1/imports/" + id);
      draw(job);
      if (job.status === "queued" || job.status === "running")
        timer = setTimeout(function () {
          void follow(id);
        }, 1000);
    } catch (e) {
      GT.showError("import-failed", e.message);
    }
  }

  async function upload(e) {
    e.preventDefault();
    var county = $("import-county").value.trim();
    var file = $("import-file").files[0];
    if (!/^\d{6}(\d{6})?$/.test(county))
      return fieldError("county", "请填写县级行政区划代码，如 450332");
    if (!file) return fieldError("file", "请选择台账文件（.xlsx 或 CSV）");
    fieldError(null, "");
    var form = new FormData();
    form.set("file", file, file.name);
    form.set("county", county);
    var button = $("import-form").querySelector("button[type=submit]");
    button.disabled = true;
    try {
      var accepted = await (await raw("POST", "/api/v1/imports", form)).json();
      $("import-file").value = "";
      draw({ fileName: file.name, status: "queued", progress: {}, counts: null, error: null });
      await follow(accepted.id);
    } catch (err) {
      fieldError(err.field, err.message);
    } finally {
      button.disabled = false;
    }
  }

  async function download() {
    var url = $("import-download").dataset.url;
    try {
      var blob = await (await raw("GET", url)).blob();
      var a = el("a", {
        href: URL.createObjectURL(blob),
        download: $("import-name").textContent.replace(/\.[^.]*$/, "") + "-导入结果.xlsx",
      });
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (e) {
      GT.showError("import-failed", e.message);
    }
  }

  B.routes.push({
    pattern: /^\/imports$/,
    open: function () {
      B.show("imports");
    },
  });
  B.inits.push(function () {
    $("import-form").addEventListener("submit", upload);
    $("import-download").addEventListener("click", download);
    GT.api("GET", "/api/v1/me").then(
      function (me) {
        if (me.regionCode && me.regionCode.length === 6 && !$("import-county").value)
          $("import-county").value = me.regionCode;
      },
      function () {},
    );
  });
})();
