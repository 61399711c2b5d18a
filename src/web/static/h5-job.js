/* 岗通 H5: 职位详情 — one posting in plain words, opened from a search or recommendation card
 * (看详情) or straight from a WeChat/SMS link to /h5/#job/<id>. GET /api/v1/jobs/{id} for the
 * posting; GET /api/v1/applications/mine to say 已报名 when this person has applied already;
 * 查看电话 and 我要报名 are the cards' own (H.contactBox, H.applyBox). Not a tab: it covers the
 * tab sections and 返回 (or the phone's back button, or a tab) puts them back. */
(function () {
  "use strict";

  var H = window.GTH5;
  var $ = H.$,
    el = H.el;

  var CHANNEL = {
    odd_job: "零工（短期、按天干活）",
    workshop: "帮扶车间（家门口的车间）",
    gd_gx: "粤桂劳务协作（去广东务工，点对点接送）",
    public_welfare: "乡村公益性岗位",
    enterprise: "区内企业长期岗位",
  };
  var DEMAND = { light: "轻体力活", normal: "一般体力活", heavy: "重体力活" };
  var ROUTE = /^#job\/([0-9a-f-]{36})$/i;
  var current = null; // the id on screen, so a late answer for another posting is dropped
  var viaCard = false; // opened by a tap on this page (so 返回 is the phone's back), not a link

  function dayText(ymd) {
    var p = String(ymd).split("-");
    return Number(p[1]) + "月" + Number(p[2]) + "日";
  }

  function hoursText(job) {
    if (job.workStartOn && job.workEndOn)
      return dayText(job.workStartOn) + " 到 " + dayText(job.workEndOn);
    if (job.workStartOn) return dayText(job.workStartOn) + " 开始";
    return "长期";
  }

  function row(label, value) {
    if (!value) return null;
    return el("div", { class: "fact" }, [
      el("dt", { text: label }),
      el("dd", { text: String(value) }),
    ]);
  }

  function extras(job) {
    var out = [];
    if (job.boardAndLodging) out.push("包吃住");
    if (job.pointToPoint) out.push("专车接送");
    if (job.transportSubsidyEligible) out.push("可申请往返交通补贴");
    (job.benefits || []).forEach(function (b) {
      if (out.indexOf(b) < 0) out.push(b);
    });
    return out.join("、");
  }

  /** 要有的证书: each brand's name (a code the catalogue does not know is left out). */
  function certificatesText(job, brands) {
    return (job.certificates || [])
      .map(function (c) {
        var b = brands.find(function (x) {
          return x.code === c;
        });
        return b ? b.name : null;
      })
      .filter(Boolean)
      .join("、");
  }

  /** The applied state, from 我的报名 (first 100 are plenty for one person). */
  async function appliedTo(jobId) {
    try {
      var page = await H.api("GET", "/api/v1/applications/mine?limit=100");
      return (
        page.items.find(function (a) {
          return a.job.id === jobId && a.status !== "withdrawn";
        }) || null
      );
    } catch {
      return null;
    }
  }

  function render(job, mine, brands) {
    var open = job.status === "open";
    var facts = el("dl", { class: "facts" }, [
      row("做什么", job.occupation + (job.description ? "。" + job.description : "")),
      row("在哪里", H.placeText(job.placeName) + (job.address ? " " + job.address : "")),
      row("工资", H.wageText(job.wage)),
      row("干多久", hoursText(job)),
      row("招多少人", open ? job.headcount + " 人" : null),
      row("报名截止", H.dateText(job.expiresAt)),
      row("岗位类型", CHANNEL[job.channel] || null),
      row("体力", DEMAND[job.physicalDemand] || null),
      row("年龄", job.ageMin + "–" + job.ageMax + " 岁"),
      row("要会的技能", (job.skills || []).join("、")),
      row("要有的证书", certificatesText(job, brands)),
      row("待遇", extras(job)),
      row("集合地点", job.meetingPoint),
      row("招工单位", job.employer.name),
      row("联系人", job.contactName),
    ]);
    var bottom;
    if (mine)
      bottom = el("p", {
        class: "done applied",
        text: mine.statusLabel + "。进度可以在“我的报名”里看。",
      });
    else if (!open) bottom = el("p", { class: "done", text: "这个岗位已经招满或结束了。" });
    else bottom = el("div", null, [H.contactBox(job.id), H.applyBox(job)]);
    return el("article", { class: "card detail", "aria-label": job.title }, [
      el("h2", { id: "job-title", text: job.title, tabindex: "-1" }),
      facts,
      bottom,
    ]);
  }

  /** Shows the posting `id` over the tabs. */
  async function openJob(id) {
    current = id;
    H.hideSections();
    $("job").hidden = false;
    var body = $("job-body");
    body.textContent = "";
    H.showError("job-error", "");
    $("job-status").textContent = "正在打开岗位…";
    try {
      // The brand names (for 要有的证书) come with the posting, not after it: one cached request a page.
      var all = await Promise.all([
        H.api("GET", "/api/v1/jobs/" + id),
        appliedTo(id),
        GTApi.brands(H.api).catch(function () {
          return [];
        }),
      ]);
      if (current !== id) return;
      $("job-status").textContent = "";
      body.appendChild(render(all[0], all[1], all[2]));
      $("job-title").focus();
    } catch (e) {
      if (current !== id) return;
      $("job-status").textContent = "";
      H.showError("job-error", e.message);
    }
  }

  function closeJob() {
    if (current === null) return;
    current = null;
    $("job").hidden = true;
    $("job-body").textContent = "";
    var tab = document.querySelector("#tabs [aria-current=page]");
    void H.showTab(tab ? tab.getAttribute("aria-controls") : "recs");
  }

  /** Follows the address: #job/<id> opens the posting, anything else closes it. */
  function route() {
    if (!H.state.labourerId) return;
    var m = ROUTE.exec(location.hash);
    if (m) {
      viaCard = true;
      void openJob(m[1].toLowerCase());
    } else closeJob();
  }

  /** The 看详情 link a card carries (h5-search.js, h5-rec-card.js). */
  function detailLink(jobId) {
    return el("a", { class: "btn plain more", href: "#job/" + jobId, text: "看详情" });
  }

  H.detailLink = detailLink;
  H.openJob = openJob;
  H.inits.push(function () {
    window.addEventListener("hashchange", route);
    $("job-back").addEventListener("click", function () {
      if (viaCard && ROUTE.test(location.hash)) {
        history.back();
        return;
      }
      history.replaceState(null, "", location.pathname + location.search);
      closeJob();
    });
    // A tab tapped while the posting shows: drop the posting (and its address) first.
    H.tabs.forEach(function (t) {
      $("tab-" + t.name).addEventListener("click", function () {
        if (current === null) return;
        current = null;
        viaCard = false;
        $("job").hidden = true;
        history.replaceState(null, "", location.pathname + location.search);
      });
    });
  });
  // Runs before h5.js shows 我的推荐; the posting waits for that and then covers it.
  H.onStart.push(async function () {
    var m = ROUTE.exec(location.hash);
    if (!m) return;
    await Promise.resolve();
    void openJob(m[1].toLowerCase());
  });
})();
