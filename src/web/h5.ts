import { shell } from "./shell";

/**
 * The job seeker's page (WeChat H5). Built for cheap Android phones and older eyes: one column,
 * type of 20px and up, tap targets of 56px, few words. Sections start hidden; h5.js (loaded after
 * the h5-*.js feature files) shows the sign-in or the recommendations depending on whether this
 * browser already holds a session. The toast offers 撤销 for a few seconds after 我要报名 or 不合适.
 */
const BODY = `
<header class="bar">
  <h1>岗通找工作</h1>
  <button type="button" id="tab-me" class="bar-btn me" aria-controls="me" hidden>我的</button>
  <button type="button" id="tab-help" class="bar-btn help" aria-controls="help" hidden>求助</button>
  <button type="button" id="logout" class="bar-btn" hidden>退出</button>
</header>
<main id="main">
  <p id="loading" class="status">正在打开…</p>

  <section id="signin" hidden aria-labelledby="signin-title">
    <h2 id="signin-title">用手机号登录</h2>
    <form id="phone-form" novalidate>
      <label for="phone">手机号</label>
      <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="13" placeholder="11 位手机号">
      <button type="submit" class="btn primary">获取验证码</button>
    </form>
    <form id="code-form" novalidate hidden>
      <p id="code-sent" class="hint"></p>
      <label for="code">验证码</label>
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="6 位数字">
      <button type="submit" class="btn primary">登录</button>
      <button type="button" id="resend" class="btn plain">重新获取验证码</button>
      <button type="button" id="change-phone" class="btn plain">换个号码</button>
    </form>
    <p id="signin-error" class="error" role="alert" hidden></p>
    <p class="hint">没有登记过的手机号收不到验证码，请找村里的帮扶干部登记。</p>
  </section>

  <section id="checkins" hidden aria-label="回访">
    <div id="checkins-list"></div>
  </section>

  <nav id="tabs" class="tabs" hidden>
    <button type="button" id="tab-recs" class="tab" aria-controls="recs" aria-current="page">我的推荐</button>
    <button type="button" id="tab-search" class="tab" aria-controls="search">找工作</button>
    <button type="button" id="tab-apps" class="tab" aria-controls="apps">我的报名</button>
    <button type="button" id="tab-subsidy" class="tab wide" aria-controls="subsidy">我的补贴（外出务工交通补贴）</button>
  </nav>

  <section id="recs" hidden aria-label="我的推荐">
    <p id="recs-error" class="error" role="alert" hidden></p>
    <p id="recs-status" class="status" role="status"></p>
    <div id="recs-list"></div>
  </section>

  <section id="search" hidden aria-label="找工作">
    <form id="search-form" role="search" novalidate>
      <label for="q">想找什么工作</label>
      <input id="q" name="q" type="search" maxlength="50" placeholder="例如：采茶、普工、家政" enterkeyhint="search">
      <button type="submit" class="btn primary">搜索</button>
      <button type="button" id="near" class="btn toggle" aria-pressed="false">只看附近</button>
    </form>
    <p id="search-error" class="error" role="alert" hidden></p>
    <p id="search-status" class="status" role="status"></p>
    <div id="search-list"></div>
    <button type="button" id="search-more" class="btn plain" hidden>再看一些</button>
  </section>

  <section id="apps" hidden aria-label="我的报名">
    <p id="apps-error" class="error" role="alert" hidden></p>
    <p id="apps-status" class="status" role="status"></p>
    <div id="apps-list"></div>
    <button type="button" id="apps-more" class="btn plain" hidden>再看一些</button>
  </section>

  <section id="subsidy" hidden aria-label="我的补贴">
    <p id="subsidy-error" class="error" role="alert" hidden></p>
    <p id="subsidy-status" class="status" role="status"></p>
    <div id="subsidy-list"></div>
    <div id="subsidy-start"></div>
  </section>

  <section id="claim" hidden aria-label="补贴申领">
    <button type="button" id="claim-back" class="btn plain">返回</button>
    <p id="claim-error" class="error" role="alert" hidden></p>
    <p id="claim-status" class="status" role="status"></p>
    <div id="claim-body"></div>
  </section>

  <section id="job" hidden aria-label="职位详情">
    <button type="button" id="job-back" class="btn plain">返回</button>
    <p id="job-error" class="error" role="alert" hidden></p>
    <p id="job-status" class="status" role="status"></p>
    <div id="job-body"></div>
  </section>

  <section id="me" hidden aria-labelledby="me-title">
    <h2 id="me-title">我的资料</h2>
    <p id="me-load-error" class="error" role="alert" hidden></p>
    <p id="me-status" class="status" role="status"></p>
    <div id="me-body"></div>
  </section>

  <section id="help" hidden aria-labelledby="help-title">
    <h2 id="help-title">求助</h2>
    <p class="hint">遇到困难，点一下告诉帮扶干部，他们会尽快联系您。</p>
    <fieldset>
      <legend>遇到了什么事？</legend>
      <div id="help-kinds" class="choices"></div>
    </fieldset>
    <label for="help-text">想说的话（可以不写）</label>
    <textarea id="help-text" maxlength="500" rows="3"></textarea>
    <p id="help-error" class="error" role="alert" hidden></p>
    <button type="button" id="help-send" class="btn primary">发送求助</button>
    <p id="help-status" class="status" role="status"></p>
    <div id="help-mine" hidden>
      <h2>我的求助</h2>
      <div id="help-list"></div>
    </div>
  </section>
</main>
<div id="toast" class="toast" role="status" hidden>
  <p id="toast-text"></p>
  <button type="button" id="toast-undo" class="btn">撤销</button>
</div>`;

export const h5Page = shell({
  title: "岗通找工作",
  css: "h5.css",
  scripts: [
    "labels.js",
    "api.js",
    "money.js",
    "h5-core.js",
    "h5-signin.js",
    "h5-undo.js",
    "h5-rec-card.js",
    "h5-recs.js",
    "h5-search.js",
    "h5-search-filters.js",
    "h5-apply.js",
    "h5-applications.js",
    "h5-checkin.js",
    "h5-help.js",
    "h5-job.js",
    "h5-subsidy.js",
    "h5-subsidy-claim.js",
    "h5-subsidy-upload.js",
    "h5-subsidy-travel.js",
    "h5-push.js",
    "h5-profile-cities.js",
    "h5-profile.js",
    "h5-wechat.js",
    "h5.js",
  ],
  body: BODY,
  bodyClass: "h5",
});
