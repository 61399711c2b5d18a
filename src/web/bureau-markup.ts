import { BUREAU_RECORD_TABS, BUREAU_RECORD_VIEWS } from "./bureau-records-markup";

/**
 * The bureau portal's sections added for issue 16 (one per feature file in static/bureau-*.js),
 * kept out of portals.ts so that file stays short: the tab links and the sections.
 */
import { SUBSIDY_TABS, SUBSIDY_VIEWS } from "./bureau-subsidy-markup";

export const BUREAU_EXTRA_TABS = `
      <a class="tab" id="tab-imports" href="#/imports">台账导入</a>${BUREAU_RECORD_TABS}${SUBSIDY_TABS}`;

export const BUREAU_EXTRA_VIEWS = `
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
