import { BUREAU_EXTRA_TABS, BUREAU_EXTRA_VIEWS } from "./bureau-markup";
import { EMPLOYER_EXTRA_VIEWS, EMPLOYER_JOB_FIELDS, EMPLOYER_REGISTER } from "./employer-markup";
import { shell } from "./shell";

/** Sign-in block shared by both portals; portal.js drives it. */
const SIGN_IN = `
  <section id="signin" hidden aria-labelledby="signin-title">
    <h2 id="signin-title">登录</h2>
    <form id="signin-form" class="form narrow" novalidate>
      <label for="username">用户名</label>
      <input id="username" name="username" autocomplete="username" required>
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p id="signin-error" class="error" role="alert" hidden></p>
      <button type="submit" class="btn primary">登录</button>
    </form>
  </section>`;

const header = (title: string) => `
<header class="bar">
  <h1>岗通 · ${title}</h1>
  <span id="who" class="who"></span>
  <button type="button" id="logout" class="btn small" hidden>退出</button>
</header>`;

const EMPLOYER_BODY = `${header("用工单位")}
<main id="main">
  <p id="loading" class="status">正在打开…</p>
  ${SIGN_IN}${EMPLOYER_REGISTER}
  <div id="app" hidden>
    <p id="org-note" class="notice" role="status" hidden></p>
    <p id="app-error" class="error" role="alert" hidden></p>

    <section id="view-list" hidden aria-labelledby="jobs-title">
      <div class="row">
        <h2 id="jobs-title">本单位岗位</h2>
        <a class="btn primary" href="#/new">发布岗位</a>
      </div>
      <label class="inline" for="status-filter">状态</label>
      <select id="status-filter">
        <option value="">全部</option><option value="draft">草稿</option><option value="open">招聘中</option>
        <option value="filled">已招满</option><option value="closed">已关闭</option><option value="expired">已过期</option>
      </select>
      <p id="jobs-status" class="status" role="status"></p>
      <ul id="jobs" class="list"></ul>
      <button type="button" id="jobs-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-job" hidden aria-labelledby="job-title">
      <a class="back" href="#/">← 返回岗位列表</a>
      <h2 id="job-title"></h2>
      <dl id="job-facts" class="facts"></dl>
      <div id="job-actions" class="row"></div>
      <h3 id="applicants-title">报名人员</h3>
      <p class="hint">同意录用前只显示姓氏、乡镇、年龄段和证书；同意录用后可以查看姓名和电话（每次查看都会记录）。</p>
      <p id="applicants-status" class="status" role="status"></p>
      <ul id="applicants" class="list" aria-labelledby="applicants-title"></ul>
      <button type="button" id="applicants-more" class="btn" hidden>加载更多</button>
      <h3>推荐人选</h3>
      <p class="hint">按匹配程度排列。本人报名前只显示姓氏和乡镇，报名后显示联系电话。</p>
      <p id="candidates-status" class="status" role="status"></p>
      <ul id="candidates" class="list"></ul>
    </section>

    <section id="view-new" hidden aria-labelledby="new-title">
      <a class="back" href="#/">← 返回岗位列表</a>
      <h2 id="new-title">发布岗位</h2>
      <p class="hint">零工：短期、按天或计件结算的活，如采茶、装卸、建筑小工。带 * 的必须填写。</p>
      <form id="job-form" class="form" novalidate>
        <label for="f-channel">岗位类型</label>
        <select id="f-channel" name="channel"><option value="odd_job" selected>零工（短期，按天或计件结算）</option><option value="enterprise">区内企业岗位（广西区内企业的长期岗位，可按月薪）</option><option value="gd_gx">粤桂劳务协作（到广东务工，点对点接送）</option></select>
        <div id="f-enterprise-only" hidden>
          <label><input id="f-coBuiltPark" name="coBuiltPark" type="checkbox"> 共建园区岗位（在粤桂共建产业园区内）</label>
        </div>
        <label for="f-title">岗位名称 *</label>
        <input id="f-title" name="title" maxlength="60" placeholder="例如：莲花镇油茶采摘工">
${EMPLOYER_JOB_FIELDS}
        <label for="f-physicalDemand">体力要求</label>
        <select id="f-physicalDemand" name="physicalDemand"><option value="light">轻体力（坐着或站着的轻活）</option><option value="normal" selected>一般</option><option value="heavy">重体力（搬运、扛运等）</option></select>
        <label for="f-headcount">招几人 *</label>
        <input id="f-headcount" name="headcount" type="number" min="1" max="10000" inputmode="numeric">
        <fieldset>
          <legend>工资 *</legend>
          <label for="f-wageUnit">结算方式</label>
          <select id="f-wageUnit" name="wageUnit"><option value="day">按天（日薪）</option><option value="piece">计件（每件）</option></select>
          <div class="pair">
            <div><label for="f-wageMin">最低（元）</label><input id="f-wageMin" name="wageMin" type="number" min="0" step="0.01" inputmode="decimal"></div>
            <div><label for="f-wageMax">最高（元）</label><input id="f-wageMax" name="wageMax" type="number" min="0" step="0.01" inputmode="decimal"></div>
          </div>
        </fieldset>
        <div class="pair" id="f-odd-dates">
          <div><label for="f-workStartOn">开工日期 *</label><input id="f-workStartOn" name="workStartOn" type="date"></div>
          <div><label for="f-workEndOn">完工日期 *</label><input id="f-workEndOn" name="workEndOn" type="date"></div>
        </div>
        <label for="f-place-q">工作地点 *</label>
        <div class="row tight">
          <input id="f-place-q" placeholder="输入乡镇或村名查找，如：莲花">
          <button type="button" id="f-place-find" class="btn small">查找</button>
        </div>
        <select id="f-regionCode" name="regionCode" aria-label="选择工作地点"></select>
        <div id="f-odd-meeting">
          <label for="f-meetingPoint">集合地点 *</label>
          <input id="f-meetingPoint" name="meetingPoint" maxlength="200" placeholder="例如：恭城县城汽车站门口">
        </div>
        <label for="f-address">详细地址</label>
        <input id="f-address" name="address" maxlength="200">
        <label for="f-description">工作内容</label>
        <textarea id="f-description" name="description" maxlength="2000" rows="3" placeholder="做什么、要求、是否管饭等"></textarea>
        <div class="pair">
          <div><label for="f-contactName">联系人 *</label><input id="f-contactName" name="contactName" maxlength="30"></div>
          <div><label for="f-contactPhone">联系电话 *</label><input id="f-contactPhone" name="contactPhone" type="tel" maxlength="20"></div>
        </div>
        <p id="form-error" class="error" role="alert" hidden></p>
        <div class="row">
          <button type="submit" class="btn primary" value="open">保存并发布</button>
          <button type="submit" class="btn" value="draft">只存草稿</button>
        </div>
      </form>
    </section>
${EMPLOYER_EXTRA_VIEWS}
  </div>
</main>`;

/** The monitoring dashboard and one warning list (bureau-monitoring.js draws them). */
const MONITOR_SECTION = `
    <section id="view-monitor" hidden aria-labelledby="mon-title">
      <div id="mon-dashboard">
        <h2 id="mon-title">就业监测</h2>
        <p id="mon-status" class="status" role="status"></p>
        <div id="mon-cards" class="list"></div>
        <div id="mon-actions" class="row"></div>
        <h3>零就业家庭户数走势（每周快照）</h3>
        <div id="mon-trend"></div>
        <h3>下级区划（点击查看）</h3>
        <ul id="mon-children" class="list"></ul>
        <h3>预警名单</h3>
        <ul id="mon-lists" class="list"></ul>
      </div>
      <div id="mon-list" hidden>
        <a class="back" id="mon-list-back" href="#/monitor">← 返回就业监测</a>
        <h2 id="mon-list-title"></h2>
        <div id="mon-list-actions" class="row"></div>
        <p id="mon-list-status" class="status" role="status"></p>
        <ul id="mon-list-items" class="list"></ul>
        <button type="button" id="mon-list-more" class="btn" hidden>加载更多</button>
      </div>
    </section>`;

const BUREAU_BODY = `${header("人社部门")}
<main id="main">
  <p id="loading" class="status">正在打开…</p>
  ${SIGN_IN}
  <div id="app" hidden>
    <nav class="tabs" aria-label="栏目">
      <a class="tab" id="tab-alerts" href="#/alerts">岗位缺口预警</a>
      <a class="tab" id="tab-pushes" href="#/pushes">最近推送</a>
      <a class="tab" id="tab-people" href="#/people">人员名单</a>
      <a class="tab" id="tab-employments" href="#/employments">就业登记</a>
      <a class="tab" id="tab-follow-ups" href="#/follow-ups">回访和求助</a>
      <a class="tab" id="tab-monitor" href="#/monitor">就业监测</a>${BUREAU_EXTRA_TABS}
    </nav>
    <p id="app-error" class="error" role="alert" hidden></p>

    <section id="view-alerts" hidden aria-labelledby="alerts-title">
      <h2 id="alerts-title">岗位缺口预警</h2>
      <p class="hint">培训合格、但合适岗位不足 3 个的人员。请组织岗位或联系本人。</p>
      <label class="inline" for="alert-status">状态</label>
      <select id="alert-status"><option value="open">未解决</option><option value="resolved">已解决</option></select>
      <p id="alerts-status" class="status" role="status"></p>
      <ul id="alerts" class="list"></ul>
      <button type="button" id="alerts-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-pushes" hidden aria-labelledby="pushes-title">
      <h2 id="pushes-title">最近推送</h2>
      <p id="pushes-status" class="status" role="status"></p>
      <ul id="pushes" class="list"></ul>
      <button type="button" id="pushes-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-people" hidden aria-labelledby="people-title">
      <h2 id="people-title">人员名单</h2>
      <form id="people-form" class="row tight" role="search" novalidate>
        <label class="inline" for="people-q">姓名</label>
        <input id="people-q" maxlength="30">
        <select id="people-employment" aria-label="就业状态">
          <option value="">全部就业状态</option><option value="unemployed">未就业</option><option value="local">本地就业</option>
          <option value="in_province">区内务工</option><option value="out_province">区外务工</option>
          <option value="flexible">灵活就业</option><option value="public_welfare">公益性岗位</option>
        </select>
        <button type="submit" class="btn small">查找</button>
      </form>
      <p id="people-status" class="status" role="status"></p>
      <ul id="people" class="list"></ul>
      <button type="button" id="people-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-employments" hidden aria-labelledby="employments-title">
      <h2 id="employments-title">就业登记</h2>
      <p class="hint">用工单位录用的，由用工单位确认；系统外找到的工作，登记后要核实确认（可上传劳动合同照片等证明），确认后才算就业。</p>
      <p id="employments-status" class="status" role="status"></p>
      <ul id="employments" class="list"></ul>
      <button type="button" id="employments-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-follow-ups" hidden aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">回访和求助</h2>
      <p class="hint">3 天没回答的上岗回访，和求职者的求助。请尽快联系本人，答复后写下处理情况。</p>
      <label class="inline" for="follow-up-status">状态</label>
      <select id="follow-up-status"><option value="open">待处理</option><option value="resolved">已处理</option></select>
      <p id="follow-ups-status" class="status" role="status"></p>
      <ul id="follow-ups" class="list"></ul>
      <button type="button" id="follow-ups-more" class="btn" hidden>加载更多</button>
    </section>

${MONITOR_SECTION}

    <section id="view-person" hidden aria-labelledby="person-title">
      <a class="back" href="#/people">← 返回人员名单</a>
      <h2 id="person-title"></h2>
      <p id="person-facts" class="hint"></p>
      <div class="row"><button type="button" id="rerun" class="btn primary">重新推荐</button></div>
      <p id="rerun-result" class="notice" role="status" hidden></p>
      <p id="rerun-error" class="error" role="alert" hidden></p>
      <div class="row"><button type="button" id="outside-open" class="btn">登记系统外就业</button></div>
      <div id="outside-area"></div>
      <h3>推荐记录</h3>
      <p id="rounds-status" class="status" role="status"></p>
      <div id="rounds"></div>
    </section>
${BUREAU_EXTRA_VIEWS}
  </div>
</main>`;

export const employerPage = shell({
  title: "岗通 · 用工单位",
  css: "portal.css",
  scripts: [
    "labels.js",
    "api.js",
    "portal.js",
    "portal-placement.js",
    "portal-form.js",
    "employer-core.js",
    "employer-job-extras.js",
    "employer-list.js",
    "employer-job.js",
    "employer-job-status.js",
    "employer-form.js",
    "employer-form-submit.js",
    "employer-applicants.js",
    "employer-applicant-moves.js",
    "employer-pin.js",
    "employer-register.js",
    "employer-edit-more.js",
    "employer-edit.js",
    "employer.js",
  ],
  body: EMPLOYER_BODY,
});
export const bureauPage = shell({
  title: "岗通 · 人社部门",
  css: "portal.css",
  scripts: [
    "labels.js",
    "api.js",
    "portal.js",
    "portal-placement.js",
    "portal-form.js",
    "money.js",
    "bureau-core.js",
    "bureau-lists.js",
    "bureau-alert-resolve.js",
    "bureau-person.js",
    "bureau-download.js",
    "bureau-evidence.js",
    "bureau-hire-reject.js",
    "bureau-employments.js",
    "bureau-outside-job.js",
    "bureau-follow-ups.js",
    "bureau-import.js",
    "bureau-training.js",
    "bureau-register.js",
    "bureau-subsidy-core.js",
    "bureau-subsidy-review.js",
    "bureau-subsidy-claim.js",
    "bureau-subsidy-upload.js",
    "bureau-subsidy-batches.js",
    "bureau-subsidy-policy-form.js",
    "bureau-subsidy-policy.js",
    "bureau-subsidy-start.js",
    "bureau-subsidy-programme.js",
    "bureau-apply.js",
    "bureau-monitoring-sort.js",
    "bureau-monitoring.js",
    "bureau.js",
  ],
  body: BUREAU_BODY,
});
