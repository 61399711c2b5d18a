/* 岗通 H5 job seeker page. Plain ES2017, no framework: it must load fast on old phones in WeChat.
 * The session lives in localStorage with its expiry, so every WeChat or SMS link (a new tab) is
 * already signed in until the token runs out; 退出 ends it on the server too. Every request goes
 * to the JSON API. */
(function () {
  "use strict";

  var SESSION = "gt.h5.session"; // localStorage: { token, expiresAt (ms) }
  var PHONE = "gt.h5.phone"; // sessionStorage: the number typed, to fill in again after a resend
  var NOTICE = "gt.h5.notice"; // sessionStorage: what the sign-in screen says after a sign-out reload
  var UNDO_MS = 5000; // how long 撤销 is offered after 我要报名 / 不合适
  var $ = function (id) {
    return document.getElementById(id);
  };

  var DECLINE_REASONS = [
    ["too_far", "太远"],
    ["wage_too_low", "工资低"],
    ["family", "家里走不开"],
    ["unsuitable_work", "工作不合适"],
    ["other", "其他"],
  ];
  var REASON_LABEL = {};
  DECLINE_REASONS.forEach(function (r) {
    REASON_LABEL[r[0]] = r[1];
  });
  var UNIT = { day: "日薪", month: "月薪", piece: "计件" };

  var state = {
    labourerId: null,
    countyCode: null,
    near: false,
    searchCursor: null,
    searched: false,
    // Feedback requests go one at a time, so a "viewed" mark never lands after "applied" or "declined".
    chain: Promise.resolve(),
    observer: null,
    // The 报名 / 不合适 waiting out its undo window: { item, body, timer, revert }.
    pending: null,
    expired: false,
  };

  // ---------- session ----------

  /** The stored session, or null; an expired one is dropped on the way. */
  function session() {
    var s = null;
    try {
      s = JSON.parse(localStorage.getItem(SESSION) || "null");
    } catch {
      s = null;
    }
    if (!s || typeof s.token !== "string") return null;
    if (typeof s.expiresAt === "number" && s.expiresAt <= Date.now()) {
      localStorage.removeItem(SESSION);
      state.expired = true;
      return null;
    }
    return s;
  }

  function saveSession(token, expiresIn) {
    localStorage.setItem(
      SESSION,
      JSON.stringify({ token: token, expiresAt: Date.now() + (expiresIn || 0) * 1000 }),
    );
  }

  // ---------- API ----------

  var api = GTApi.client({
    token: function () {
      var s = session();
      return s ? s.token : null;
    },
    needsSession: true,
    onExpired: function (message) {
      signOut(state.expired ? "登录已过期，请重新登录" : message);
    },
    networkMessage: "网络不好，请稍后再试",
    failedMessage: "操作没有成功，请再试一次",
  });

  // ---------- small DOM helpers ----------

  var el = GTApi.el;
  var showError = GTApi.showError;

  function yuan(fen) {
    var y = fen / 100;
    return Number.isInteger(y) ? y.toLocaleString("zh-CN") : y.toFixed(2);
  }

  /** "月薪 4,500–6,500 元" from integer fen. */
  function wageText(w) {
    var range = w.minFen === w.maxFen ? yuan(w.minFen) : yuan(w.minFen) + "–" + yuan(w.maxFen);
    return (UNIT[w.unit] || "工资") + " " + range + (w.unit === "piece" ? " 元/件" : " 元");
  }

  /** Guangxi is home for everyone here: drop the province from Guangxi place names, keep it for Guangdong. */
  function placeText(name) {
    return String(name || "").replace(/^广西壮族自治区\s*/, "");
  }

  // ---------- sign-in ----------

  function showSignIn(message) {
    $("loading").hidden = true;
    $("tabs").hidden = true;
    $("recs").hidden = true;
    $("search").hidden = true;
    $("logout").hidden = true;
    $("signin").hidden = false;
    showPhoneStep();
    var saved = sessionStorage.getItem(PHONE);
    if (saved && !$("phone").value) $("phone").value = saved;
    showError("signin-error", message || "");
  }

  /** Back to the phone step (换个号码, 重新获取验证码): the number stays in the box to correct. */
  function showPhoneStep() {
    clearInterval(resendTimer);
    $("code-form").hidden = true;
    $("phone-form").hidden = false;
  }

  /**
   * Ends the session on this device and starts the page afresh: nothing of the previous person
   * (lists, search word, a half-typed code) survives in memory. The sign-in screen's message rides
   * along in sessionStorage.
   */
  function signOut(message) {
    localStorage.removeItem(SESSION);
    sessionStorage.removeItem("gt.h5.token"); // where the session lived before
    if (message) sessionStorage.setItem(NOTICE, message);
    location.replace("/h5/");
  }

  /** 退出: a 报名 still in its undo window is sent first, then the server forgets the token. */
  async function logOut() {
    $("logout").disabled = true;
    commitPending();
    try {
      await state.chain;
    } catch {
      /* sent or not, the person is leaving */
    }
    // The logout route may not exist yet on this server (404): signing out here is what matters.
    try {
      await api("POST", "/api/v1/auth/logout", {});
    } catch {
      /* ignored */
    }
    sessionStorage.removeItem(PHONE);
    signOut("");
  }

  function normalisePhone(raw) {
    return String(raw || "").replace(/[\s-]/g, "");
  }

  var resendTimer = null;
  function startResendCountdown() {
    var left = 60;
    var btn = $("resend");
    btn.disabled = true;
    clearInterval(resendTimer);
    var tick = function () {
      if (left <= 0) {
        clearInterval(resendTimer);
        btn.disabled = false;
        btn.textContent = "重新获取验证码";
        return;
      }
      btn.textContent = left + " 秒后可重新获取";
      left -= 1;
    };
    tick();
    resendTimer = setInterval(tick, 1000);
  }

  async function requestCode(event) {
    if (event) event.preventDefault();
    var phone = normalisePhone($("phone").value);
    if (!/^1\d{10}$/.test(phone)) {
      showError("signin-error", "请输入 11 位手机号");
      $("phone").focus();
      return;
    }
    showError("signin-error", "");
    var btn = $("phone-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      await api("POST", "/api/v1/auth/otp", { phone: phone });
      sessionStorage.setItem(PHONE, phone);
      $("phone-form").hidden = true;
      $("code-form").hidden = false;
      // The same words whether or not the number is registered: the page must not tell.
      $("code-sent").textContent =
        "如果该号码已登记，验证码会发到 " +
        phone.slice(0, 3) +
        "****" +
        phone.slice(7) +
        "；没有登记请联系村里的帮扶干部。验证码 5 分钟内有效。";
      $("code").value = "";
      $("code").focus();
      startResendCountdown();
    } catch (e) {
      showError("signin-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  async function verifyCode(event) {
    event.preventDefault();
    var phone = sessionStorage.getItem(PHONE) || normalisePhone($("phone").value);
    var code = $("code").value.replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) {
      showError("signin-error", "验证码是 6 位数字");
      $("code").focus();
      return;
    }
    showError("signin-error", "");
    var btn = $("code-form").querySelector("button[type=submit]");
    btn.disabled = true;
    try {
      var signedIn = await api("POST", "/api/v1/auth/otp/verify", { phone: phone, code: code });
      if (!signedIn.user || signedIn.user.role !== "labourer" || !signedIn.user.labourerId) {
        showError("signin-error", "这个手机号不是求职者账号");
        return;
      }
      saveSession(signedIn.token, signedIn.expiresIn);
      await start();
    } catch (e) {
      showError("signin-error", e.message);
    } finally {
      btn.disabled = false;
    }
  }

  // ---------- tabs ----------

  function showTab(name) {
    var recs = name === "recs";
    $("recs").hidden = !recs;
    $("search").hidden = recs;
    if (recs) {
      $("tab-recs").setAttribute("aria-current", "page");
      $("tab-search").removeAttribute("aria-current");
    } else {
      $("tab-search").setAttribute("aria-current", "page");
      $("tab-recs").removeAttribute("aria-current");
    }
    if (!recs && !state.searched) void runSearch(false);
  }

  // ---------- recommendations ----------

  function sendFeedback(id, body) {
    var p = state.chain.then(function () {
      return api("POST", "/api/v1/recommendations/" + id + "/feedback", body);
    });
    state.chain = p.catch(function () {});
    return p;
  }

  function markViewedWhenSeen(card, item) {
    if (item.feedback !== "none") return;
    var mark = function () {
      if (item.feedback !== "none") return;
      item.feedback = "viewed";
      sendFeedback(item.id, { action: "viewed" }).catch(function () {
        item.feedback = "none";
      });
    };
    if (!("IntersectionObserver" in window)) {
      mark();
      return;
    }
    if (!state.observer) {
      state.observer = new IntersectionObserver(
        function (entries) {
          entries.forEach(function (e) {
            if (!e.isIntersecting) return;
            state.observer.unobserve(e.target);
            if (e.target._markViewed) e.target._markViewed();
          });
        },
        { threshold: 0.5 },
      );
    }
    card._markViewed = mark;
    state.observer.observe(card);
  }

  function doneNote(item) {
    if (item.feedback === "applied")
      return el("p", { class: "done applied", text: "已报名，用工单位会打电话联系您。" });
    if (item.feedback === "declined") {
      return el("p", {
        class: "done",
        text:
          "已记下：" + (REASON_LABEL[item.declineReason] || "不合适") + "。以后不再推荐这个岗位。",
      });
    }
    if (item.job.status !== "open")
      return el("p", { class: "done", text: "这个岗位已经招满或结束了。" });
    return null;
  }

  /** "13800138000" → "138 0013 8000": easier to read and to say out loud. */
  function spacedPhone(p) {
    return String(p).replace(/^(\d{3})(\d{4})(\d{4})$/, "$1 $2 $3");
  }

  /**
   * 查看电话 → the employer's full number (GET /api/v1/jobs/{id}/contact: audited, open postings
   * only, a daily cap) → one big 拨打电话 tel: link. Asked for only on a tap, never on render.
   */
  function contactBox(jobId) {
    var box = el("div", { class: "contact" });
    var show = el("button", { type: "button", class: "btn call", text: "查看电话" });
    var error = el("p", { class: "error", role: "alert", hidden: true });
    show.addEventListener("click", async function () {
      show.disabled = true;
      error.hidden = true;
      try {
        var c = await api("GET", "/api/v1/jobs/" + jobId + "/contact");
        box.textContent = "";
        box.appendChild(el("p", { class: "contact-name", text: "联系人：" + c.contactName }));
        var call = el("a", {
          class: "btn primary call",
          href: "tel:" + c.phone,
          text: "拨打电话 " + spacedPhone(c.phone),
        });
        box.appendChild(call);
        call.focus();
      } catch (e) {
        show.disabled = false;
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    box.appendChild(show);
    box.appendChild(error);
    return box;
  }

  // ---------- undo ----------

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
      })
      .catch(function (e) {
        p.revert();
        showError("recs-error", e.message);
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

  function startPending(item, body, text, revert) {
    commitPending(); // one answer waits at a time
    state.pending = {
      item: item,
      body: body,
      revert: revert,
      timer: setTimeout(commitPending, UNDO_MS),
    };
    $("toast-text").textContent = text;
    $("toast").hidden = false;
    document.body.classList.add("has-toast");
  }

  function renderRecCard(item) {
    var card = el("article", {
      class: "card",
      "data-recommendation": item.id,
      "aria-label": item.job.title,
    });
    var body = el("div", null, [
      el("h3", { text: item.job.title }),
      el("p", { class: "wage", text: wageText(item.job.wage) }),
      el("p", { class: "place", text: "地点：" + placeText(item.job.placeName) }),
      el("p", { class: "org", text: item.job.employerName }),
      item.reason ? el("p", { class: "reason", text: "推荐理由：" + item.reason }) : null,
    ]);
    var bottom = el("div");
    card.appendChild(body);
    if (item.job.status === "open") card.appendChild(contactBox(item.job.id));
    card.appendChild(bottom);

    var drawBottom = function () {
      bottom.textContent = "";
      var note = doneNote(item);
      if (note) {
        bottom.appendChild(note);
        return;
      }
      var apply = el("button", { type: "button", class: "btn primary", text: "我要报名" });
      var decline = el("button", { type: "button", class: "btn", text: "不合适" });
      apply.addEventListener("click", function () {
        act(item, { action: "applied" });
      });
      decline.addEventListener("click", drawConfirm);
      bottom.appendChild(el("div", { class: "actions" }, [apply, decline]));
    };
    // 不合适 is final for this posting: say so before asking why.
    var drawConfirm = function () {
      bottom.textContent = "";
      var yes = el("button", { type: "button", class: "btn primary", text: "确定" });
      var no = el("button", { type: "button", class: "btn plain", text: "算了，返回" });
      yes.addEventListener("click", drawReasons);
      no.addEventListener("click", function () {
        drawBottom();
        focusFirst();
      });
      var ask = el("p", {
        class: "confirm",
        tabindex: "-1",
        text: "标记为不合适后，这个岗位不会再推荐给您。确定吗？",
      });
      bottom.appendChild(el("div", null, [ask, yes, no]));
      ask.focus();
    };
    var drawReasons = function () {
      bottom.textContent = "";
      var buttons = [];
      var choices = el("div", { class: "choices" });
      DECLINE_REASONS.forEach(function (r) {
        var b = el("button", { type: "button", class: "btn", text: r[1] });
        b.addEventListener("click", function () {
          act(item, { action: "declined", reason: r[0] });
        });
        buttons.push(b);
        choices.appendChild(b);
      });
      var cancel = el("button", { type: "button", class: "btn plain", text: "算了，返回" });
      cancel.addEventListener("click", function () {
        drawBottom();
        focusFirst();
      });
      var set = el("fieldset", null, [el("legend", { text: "为什么不合适？" }), choices, cancel]);
      bottom.appendChild(set);
      buttons[0].focus();
    };
    var focusFirst = function () {
      var b = bottom.querySelector("button");
      if (b) b.focus();
    };
    // The answer shows at once and the toast offers 撤销; it is sent when the window closes.
    var act = function (it, body) {
      showError("recs-error", "");
      var before = { feedback: it.feedback, declineReason: it.declineReason };
      it.feedback = body.action;
      it.declineReason = body.reason || null;
      drawBottom();
      var note = bottom.querySelector(".done");
      if (note) {
        note.setAttribute("tabindex", "-1");
        note.focus();
      }
      startPending(it, body, body.action === "applied" ? "已报名" : "已标记为不合适", function () {
        it.feedback = before.feedback;
        it.declineReason = before.declineReason;
        drawBottom();
        focusFirst();
      });
    };
    drawBottom();
    markViewedWhenSeen(card, item);
    return card;
  }

  function dateText(iso) {
    var d = GTApi.chinaParts(iso); // China time, whatever the phone's zone
    return d.month + "月" + d.day + "日";
  }

  async function loadRecommendations() {
    var list = $("recs-list");
    showError("recs-error", "");
    commitPending(); // the list is drawn afresh from the server: an answer waiting to be sent goes first
    try {
      await state.chain;
    } catch {
      /* its error is shown by commitPending */
    }
    $("recs-status").textContent = "正在加载推荐的岗位…";
    try {
      var data = await api(
        "GET",
        "/api/v1/labourers/" + state.labourerId + "/recommendations?limit=3",
      );
      if (state.observer) state.observer.disconnect(); // the old cards are about to go
      list.textContent = "";
      var rounds = (data && data.rounds) || [];
      var seen = {};
      var shown = 0;
      rounds.forEach(function (round, i) {
        var items = round.items.filter(function (it) {
          if (seen[it.job.id]) return false;
          seen[it.job.id] = true;
          return true;
        });
        if (items.length === 0) return;
        list.appendChild(
          el("h2", {
            class: "round-title",
            text: (i === 0 ? "最新推荐" : "以前的推荐") + "（" + dateText(round.createdAt) + "）",
          }),
        );
        items.forEach(function (it) {
          list.appendChild(renderRecCard(it));
          shown += 1;
        });
      });
      if (shown === 0) {
        $("recs-status").textContent = "";
        var latest = rounds[0];
        var me = await api("GET", "/api/v1/labourers/me");
        if (me.workIntention === "none") {
          list.appendChild(noIntentionNotice());
          return;
        }
        var text = !latest
          ? "现在还没有给您推荐的岗位。培训合格后，会为您推荐至少 3 个岗位，并发短信告诉您。"
          : latest.outcome === "ineligible"
            ? "您的登记信息里写的是没有劳动能力，所以没有推送岗位。情况有变化的话，请联系村里的帮扶干部改一下。"
            : "暂时没有合适的岗位。工作人员正在帮您找，有了会发短信告诉您。";
        list.appendChild(
          el("div", { class: "notice" }, [
            el("p", { text: text }),
            el("p", { text: "您也可以点上面的“找工作”自己看看。" }),
          ]),
        );
      } else {
        $("recs-status").textContent = "共 " + shown + " 个岗位，看中了就点“我要报名”。";
      }
    } catch (e) {
      $("recs-status").textContent = "";
      showError("recs-error", e.message);
    }
  }

  var INTENTIONS = [
    ["local", "就近就业（本县、本市）"],
    ["in_province", "区内务工（广西区内）"],
    ["out_province", "区外务工（可去广东）"],
  ];

  /** No work intention on record: say so, and let the person change it here. */
  function noIntentionNotice() {
    var select = el(
      "select",
      { id: "intention", name: "workIntention" },
      INTENTIONS.map(function (o) {
        return el("option", { value: o[0], text: o[1] });
      }),
    );
    var status = el("p", { class: "status", role: "status" });
    var button = el("button", { type: "submit", text: "保存务工意愿" });
    var form = el("form", { class: "intention-form" }, [
      el("label", { for: "intention", text: "想怎么找工作" }),
      select,
      button,
      status,
    ]);
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      button.disabled = true;
      status.textContent = "正在保存…";
      try {
        await api("PATCH", "/api/v1/labourers/me", { workIntention: select.value });
        status.textContent =
          "已改好。正在为您推荐岗位，过一会儿再点“推荐岗位”看看，推荐好了也会发短信告诉您。";
      } catch (e) {
        status.textContent = "";
        button.disabled = false;
        showError("recs-error", e.message);
      }
    });
    return el("div", { class: "notice" }, [
      el("p", { text: "您登记的是暂无就业意愿，所以没有推送岗位。" }),
      el("p", { text: "如果想找工作，选一下务工意愿并保存，马上就为您推荐岗位。" }),
      form,
    ]);
  }

  // ---------- search ----------

  function renderJobCard(job) {
    var extra = [];
    if (job.distanceText)
      extra.push((/^约/.test(job.distanceText) ? "离您" : "") + job.distanceText);
    if (job.boardAndLodging) extra.push("包吃住");
    if (job.pointToPoint) extra.push("专车接送");
    (job.benefits || []).forEach(function (b) {
      if (extra.indexOf(b) < 0 && !(job.boardAndLodging && /^包(吃|住)$/.test(b))) extra.push(b);
    });
    return el("article", { class: "card", "aria-label": job.title }, [
      el("h3", { text: job.title }),
      el("p", { class: "wage", text: wageText(job.wage) }),
      el("p", { class: "place", text: "地点：" + placeText(job.placeName) }),
      el("p", { class: "org", text: job.employer.name + " · 招 " + job.headcount + " 人" }),
      extra.length ? el("p", { class: "reason", text: extra.join(" · ") }) : null,
      contactBox(job.id),
    ]);
  }

  function getPosition() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) {
        resolve(null);
        return;
      }
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        },
        function () {
          resolve(null);
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 },
      );
    });
  }

  async function ensureCounty() {
    if (state.countyCode) return state.countyCode;
    var me = await api("GET", "/api/v1/labourers/me");
    state.countyCode = String(me.villageCode || "").slice(0, 6) || null;
    return state.countyCode;
  }

  async function runSearch(more) {
    showError("search-error", "");
    var params = ["limit=10"];
    var q = $("q").value.trim();
    if (q) params.push("q=" + encodeURIComponent(q));
    var note = "";
    try {
      if (state.near) {
        $("search-status").textContent = "正在找您附近的岗位…";
        var pos = await getPosition();
        if (pos) {
          params.push("near=" + pos.lat.toFixed(5) + "," + pos.lng.toFixed(5));
          if (!q) params.push("sort=distance");
          note = "附近 30 公里内的岗位";
        } else {
          var county = await ensureCounty();
          if (county) params.push("region=" + county);
          note = "没拿到您的位置，先看本县的岗位";
        }
      }
      if (more && state.searchCursor)
        params.push("cursor=" + encodeURIComponent(state.searchCursor));
      $("search-status").textContent = "正在搜索…";
      var data = await api("GET", "/api/v1/jobs/search?" + params.join("&"));
      state.searched = true;
      var list = $("search-list");
      if (!more) list.textContent = "";
      data.items.forEach(function (job) {
        list.appendChild(renderJobCard(job));
      });
      state.searchCursor = data.nextCursor;
      $("search-more").hidden = !data.nextCursor;
      var count = list.children.length;
      $("search-status").textContent =
        count === 0
          ? "没有找到岗位。换个词试试" + (state.near ? "，或者点“只看附近”关掉。" : "。")
          : (note ? note + "，" : "") +
            "找到 " +
            (data.estimatedTotal && !state.near ? data.estimatedTotal : count) +
            " 个岗位。";
    } catch (e) {
      $("search-status").textContent = "";
      showError("search-error", e.message);
    }
  }

  // ---------- start ----------

  async function start() {
    var notice = sessionStorage.getItem(NOTICE) || "";
    sessionStorage.removeItem(NOTICE);
    if (!session()) {
      showSignIn(notice || (state.expired ? "登录已过期，请重新登录" : ""));
      return;
    }
    try {
      var me = await api("GET", "/api/v1/me");
      if (me.role !== "labourer" || !me.labourerId) {
        signOut("这个账号不是求职者账号，请用手机号登录");
        return;
      }
      state.labourerId = me.labourerId;
    } catch (e) {
      // A 401 has already signed out; anything else (network) is said on the sign-in screen.
      if (session()) showSignIn(e.message);
      return;
    }
    $("loading").hidden = true;
    $("signin").hidden = true;
    $("tabs").hidden = false;
    $("logout").hidden = false;
    showTab("recs");
    await loadRecommendations();
  }

  function init() {
    $("phone-form").addEventListener("submit", requestCode);
    $("code-form").addEventListener("submit", verifyCode);
    $("resend").addEventListener("click", function () {
      showPhoneStep();
      void requestCode();
    });
    $("change-phone").addEventListener("click", function () {
      showPhoneStep();
      showError("signin-error", "");
      sessionStorage.removeItem(PHONE);
      $("phone").focus();
      $("phone").select();
    });
    $("logout").addEventListener("click", logOut);
    $("toast-undo").addEventListener("click", undoPending);
    // Leaving the page ends the undo window early: what the person chose is sent, not lost.
    window.addEventListener("pagehide", commitPending);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") commitPending();
    });
    // Signed out in another tab: this one follows at once (its next API call would anyway).
    window.addEventListener("storage", function (e) {
      if (e.key === SESSION && !e.newValue && state.labourerId) signOut("您已退出登录，请重新登录");
      else if (e.key === SESSION && e.newValue && !state.labourerId) void start();
    });
    $("tab-recs").addEventListener("click", function () {
      showTab("recs");
      void loadRecommendations();
    });
    $("tab-search").addEventListener("click", function () {
      showTab("search");
    });
    $("search-form").addEventListener("submit", function (e) {
      e.preventDefault();
      state.searchCursor = null;
      void runSearch(false);
    });
    $("search-more").addEventListener("click", function () {
      void runSearch(true);
    });
    $("near").addEventListener("click", function () {
      state.near = !state.near;
      $("near").setAttribute("aria-pressed", String(state.near));
      state.searchCursor = null;
      void runSearch(false);
    });
    void start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
