/* 岗通 bureau portal: what the transport-subsidy pages share (docs/SUBSIDY.md) — money in 元
 * written from and read into integer 分 with string operations only (never floating point), the
 * signed-in account, the programmes, files fetched with the session token (photos, downloads:
 * <img src> and <a href> cannot carry it), destination names and the claim's words. */
(function () {
  "use strict";

  var GT = window.GT,
    B = window.GTB;
  var el = GT.el;

  /** 分 → the 元 text ("—" for none): window.GTMoney (money.js), the rule of src/lib/money.ts. */
  function yuan(fen) {
    if (fen === null || fen === undefined) return "—";
    return GTMoney.fenToYuan(fen);
  }

  /** Typed 元 → integer 分 by GTMoney, also taking "100."; at most 6 digits of 元, else null. */
  function fenOf(text) {
    var t = String(text === null || text === undefined ? "" : text)
      .trim()
      .replace(/\.$/, "");
    var fen = GTMoney.yuanToFen(t);
    return fen !== null && fen < 100000000 ? fen : null;
  }

  var me = null;
  /** The signed-in account (role, regionCode), fetched once. */
  function account() {
    if (!me) me = GT.api("GET", "/api/v1/me");
    return me;
  }

  /** Province or city staff (and admins) set policy; a county or a cadre only reads it. */
  function canEditPolicy(m) {
    if (m.role === "admin") return true;
    return m.role === "bureau" && (m.regionCode || "").length <= 4;
  }

  /** The programmes with the version in force (asked afresh each time). */
  function programmes() {
    return GT.api("GET", "/api/v1/subsidy-programmes?limit=100").then(function (p) {
      return p.items;
    });
  }

  /** Fills a <select> with the programmes, the transport subsidy first. */
  async function fillProgrammes(select) {
    var items = await programmes();
    var keep = select.value;
    select.textContent = "";
    items.forEach(function (p) {
      select.appendChild(el("option", { value: p.code, text: p.name }));
    });
    if (keep) select.value = keep;
    if (!select.value) select.value = "transport_subsidy";
    return items;
  }

  /** A file the API sends only with the token: { blob, name } or an Error with its Chinese message. */
  async function fetchFile(path) {
    var res = await fetch(path, { headers: { authorization: "Bearer " + GT.token() } });
    if (!res.ok) {
      var body = await res.json().catch(function () {
        return {};
      });
      throw new Error(
        GT.cleanMessage((body.error && body.error.message) || "") || "文件没有取到，请重试",
      );
    }
    var cd = res.headers.get("content-disposition") || "";
    var m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    return { blob: await res.blob(), name: m ? decodeURIComponent(m[1]) : "" };
  }

  /** Saves what `path` answers under its own name (or `fallback`). */
  async function download(path, fallback) {
    var f = await fetchFile(path);
    var a = el("a", { href: URL.createObjectURL(f.blob) });
    a.download = f.name || fallback;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 10000);
    return a.download;
  }

  /** Province names for destinations outside Guangxi and Guangdong (whose regions the API knows). */
  var PROVINCES = {
    11: "北京",
    12: "天津",
    13: "河北",
    14: "山西",
    15: "内蒙古",
    21: "辽宁",
    22: "吉林",
    23: "黑龙江",
    31: "上海",
    32: "江苏",
    33: "浙江",
    34: "安徽",
    35: "福建",
    36: "江西",
    37: "山东",
    41: "河南",
    42: "湖北",
    43: "湖南",
    44: "广东",
    45: "广西",
    46: "海南",
    50: "重庆",
    51: "四川",
    52: "贵州",
    53: "云南",
    54: "西藏",
    61: "陕西",
    62: "甘肃",
    63: "青海",
    64: "宁夏",
    65: "新疆",
    71: "台湾",
    81: "香港",
    82: "澳门",
  };

  /** A span naming a destination code (省 2 位, 市 4 位, or a full code). */
  function placeSpan(code) {
    if (code.length === 2) return el("span", { text: PROVINCES[code] || code });
    return GT.regionSpan(code);
  }

  // A batch row's result in the claim's own words (GT_LABELS.subsidyStatus, src/lib/enums.ts).
  var STATUS = window.GT_LABELS.subsidyStatus;
  GT.addLabels({
    subsidyAccount: window.GT_LABELS.payeeAccount,
    ticketLeg: window.GT_LABELS.ticketLeg,
    subsidyOrigin: {
      proposed: "系统自动生成（免申即享）",
      labourer: "本人申请",
      staff: "工作人员代办",
    },
    batchStatus: { open: "待银行回盘", closed: "已全部回盘" },
    itemResult: { pending: "待银行回盘", paid: STATUS.paid, failed: STATUS.payment_failed },
    returnOutcome: { paid: STATUS.paid, failed: STATUS.payment_failed, refused: "拒收" },
    findingOutcome: { pass: "符合", fail: "不符合", info: "说明" },
  });

  /** Who acted, in words: the worker's moves are 系统自动, a labourer's own 本人, staff by role. */
  function actorText(role) {
    if (role === "system") return "系统自动";
    if (role === "labourer") return "本人";
    return GT.label("role", role);
  }

  /** The claim's history: when, who, from → to, why. */
  function eventItem(e) {
    var who = e.actorName
      ? e.actorName + "（" + actorText(e.actorRole) + "）"
      : actorText(e.actorRole);
    var move = (e.fromLabel ? e.fromLabel + " → " : "生成申领：") + e.toLabel;
    return el("li", { class: "item" }, [
      el("p", { class: "title", text: move }),
      el("p", { class: "meta", text: GT.timeText(e.at) + " · " + who }),
      e.reason ? el("p", { text: "原因：" + e.reason }) : null,
    ]);
  }

  B.subsidy = {
    yuan: yuan,
    fenOf: fenOf,
    account: account,
    canEditPolicy: canEditPolicy,
    programmes: programmes,
    fillProgrammes: fillProgrammes,
    fetchFile: fetchFile,
    download: download,
    placeSpan: placeSpan,
    eventItem: eventItem,
    actorText: actorText,
  };
})();
