import { BUREAU_RECORD_TABS, BUREAU_RECORD_VIEWS } from "./bureau-records-markup";

/**
 * The bureau portal's sections added for issue 16 (one per feature file in static/bureau-*.js),
 * kept out of portals.ts so that file stays short: the tab links and the sections.
 */
import { SUBSIDY_TABS, SUBSIDY_VIEWS } from "./bureau-subsidy-markup";

export const BUREAU_EXTRA_TABS = `
      <a class="tab" id="tab-imports" href="#/imports">台账导入</a>
      <a class="tab" id="tab-apply" href="#/apply">代为报名</a>${BUREAU_RECORD_TABS}${SUBSIDY_TABS}`;

export const BUREAU_EXTRA_VIEWS = `
    <section id="view-apply" hidden aria-labelledby="apply-title">
      <h2 id="apply-title">代为报名</h2>
      <p class="hint">本人同意后，可以替本辖区的求职者报名岗位。报名后用工单位会看到，本人也会收到通知。</p>
      <h3>1. 选人</h3>
      <form id="apply-person-form" class="row tight" role="search" novalidate>
        <label class="inline" for="apply-person-q">查找求职者</label>
        <input id="apply-person-q" maxlength="30" placeholder="输入姓名，如：秀英">
        <button type="submit" class="btn small">查找</button>
      </form>
      <p id="apply-people-status" class="status" role="status"></p>
      <ul id="apply-people" class="list"></ul>
      <h3>2. 选岗位</h3>
      <form id="apply-job-form" class="row tight" role="search" novalidate>
        <label class="inline" for="apply-job-q">岗位</label>
        <input id="apply-job-q" maxlength="100" placeholder="输入工种或地点，如：普工 深圳">
        <button type="submit" class="btn small">查找</button>
      </form>
      <p id="apply-jobs-status" class="status" role="status"></p>
      <ul id="apply-jobs" class="list"></ul>
      <h3>3. 本人同意后提交</h3>
      <form id="apply-form" class="form narrow" novalidate>
        <p id="apply-chosen" class="notice">还没有选人和岗位。</p>
        <label for="apply-consent">本人怎样同意的</label>
        <select id="apply-consent"><option value="phone">电话里同意</option><option value="in_person">当面同意</option></select>
        <label for="apply-note">备注（可不填）</label>
        <textarea id="apply-note" maxlength="200" rows="2"></textarea>
        <label><input id="apply-agree" type="checkbox"> 本人已经同意报名这个岗位</label>
        <p id="apply-error" class="error" role="alert" hidden></p>
        <button type="submit" id="apply-submit" class="btn primary">代为报名</button>
      </form>
      <p id="apply-result" class="notice" role="status" hidden></p>
    </section>
    <section id="view-imports" hidden aria-labelledby="imports-title">
      <h2 id="imports-title">台账导入</h2>
      <p class="hint">上传本县（区）的脱贫劳动力台账（Excel 的 .xlsx，或 CSV），系统在后台逐行导入。村不在本县的行、身份证号有误的行不导入，原因写在结果表里。</p>
      <form id="import-form" class="form narrow" novalidate>
        <label for="import-county">导入到哪个县（区）（行政区划代码，如 450332）</label>
        <input id="import-county" name="county" inputmode="numeric" maxlength="12">
        <label for="import-file">台账文件</label>
        <input id="import-file" name="file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv">
        <p id="import-error" class="error" role="alert" hidden></p>
        <button type="submit" class="btn primary">开始导入</button>
      </form>
      <div id="import-job" hidden>
        <h3 id="import-name"></h3>
        <p id="import-progress" class="status" role="status"></p>
        <dl id="import-counts" class="facts"></dl>
        <p id="import-failed" class="error" role="alert" hidden></p>
        <div class="row"><button type="button" id="import-download" class="btn" hidden>下载逐行结果（Excel）</button></div>
      </div>
    </section>${BUREAU_RECORD_VIEWS}${SUBSIDY_VIEWS}`;
