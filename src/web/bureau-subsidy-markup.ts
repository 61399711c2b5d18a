/**
 * The bureau portal's transport-subsidy sections (issue 14): 补贴政策, 补贴审核 (with one claim's
 * page), 发放批次 (with one batch's page). Drawn by static/bureau-subsidy-*.js.
 */
export const SUBSIDY_TABS = `
      <a class="tab" id="tab-subsidy-review" href="#/subsidy/review">补贴审核</a>
      <a class="tab" id="tab-subsidy-batches" href="#/subsidy/batches">发放批次</a>
      <a class="tab" id="tab-subsidy-policy" href="#/subsidy/policy">补贴政策</a>`;

const POLICY = `
    <section id="view-subsidy-policy" hidden aria-labelledby="sp-title">
      <h2 id="sp-title">补贴政策</h2>
      <p class="hint">每次保存都生成一个新版本；已经核对过的申领仍按它当时的版本办理。</p>
      <label class="inline" for="sp-programme">补贴项目</label>
      <select id="sp-programme"></select>
      <button type="button" id="sp-new-programme" class="btn small" hidden>新建项目</button>
      <form id="sp-programme-form" class="form narrow" novalidate hidden aria-labelledby="spp-title">
        <h3 id="spp-title">新建补贴项目</h3>
        <p class="hint">新项目建好后，在下面为它设置政策（补贴对象、上限、条件）并保存，才开始执行。</p>
        <label for="spp-name">项目名称</label>
        <input id="spp-name" maxlength="60" placeholder="例如：稳定就业劳务补助">
        <label for="spp-code">项目编码（系统内部使用，只能用小写英文字母、数字和下划线）</label>
        <input id="spp-code" maxlength="48" autocomplete="off" spellcheck="false">
        <fieldset id="spp-rule"><legend>资格规则</legend></fieldset>
        <label><input id="spp-auto" type="checkbox" checked> 符合条件时系统自动生成申领（免申即享）</label>
        <p id="spp-error" class="error" role="alert" hidden></p>
        <div class="row tight">
          <button type="submit" class="btn primary">创建项目</button>
          <button type="button" id="spp-cancel" class="btn">取消</button>
        </div>
      </form>
      <p id="spp-saved" class="notice" role="status" hidden></p>
      <p id="sp-readonly" class="notice" role="status" hidden>补贴政策由自治区或市人社部门设置，县（区）人社部门只能查看。</p>
      <h3>现行版本</h3>
      <p id="sp-status" class="status" role="status"></p>
      <dl id="sp-current" class="facts"></dl>
      <form id="sp-form" class="form" novalidate hidden>
        <h3>修改政策（保存为新版本）</h3>
        <label for="sp-year">政策年度</label>
        <input id="sp-year" type="number" min="2015" max="2100" inputmode="numeric">
        <fieldset id="sp-types">
          <legend>补贴对象</legend>
          <label><input type="checkbox" name="personType" value="tuopin"> 脱贫人口</label>
          <label><input type="checkbox" name="personType" value="monitored"> 监测对象</label>
          <label><input type="checkbox" name="personType" value="other"> 其他人员</label>
        </fieldset>
        <label><input id="sp-outside" type="checkbox"> 只补贴到广西区外务工的人员</label>
        <fieldset>
          <legend>可补贴的目的地（不选表示广西区外均可）</legend>
          <ul id="sp-dests" class="chips"></ul>
          <div class="row tight">
            <button type="button" id="sp-gd-preset" class="btn small">加入广东 21 个地级市</button>
            <button type="button" id="sp-dest-clear" class="btn small">清空目的地</button>
          </div>
          <label for="sp-dest-code">添加目的地（省 2 位或市 4 位行政区划代码，如 44 广东、4403 深圳）</label>
          <div class="row tight">
            <input id="sp-dest-code" inputmode="numeric" maxlength="4">
            <button type="button" id="sp-dest-add" class="btn small">添加</button>
          </div>
        </fieldset>
        <fieldset>
          <legend>补贴上限（元，按目的地；市的上限优先于省）</legend>
          <div id="sp-caps"></div>
          <button type="button" id="sp-cap-add" class="btn small">增加一个目的地上限</button>
          <label for="sp-default-cap">其他目的地的上限（元）</label>
          <input id="sp-default-cap" inputmode="decimal" maxlength="12">
        </fieldset>
        <p class="hint">每人每个政策年度只能领取一次（系统固定，由数据库保证）。</p>
        <div class="pair">
          <div><label for="sp-min-days">上岗满多少天才能申领</label><input id="sp-min-days" type="number" min="0" max="3650" inputmode="numeric"></div>
          <div><label for="sp-min-months">须连续务工满几个月（稳定就业补助用）</label><input id="sp-min-months" type="number" min="0" max="120" inputmode="numeric"></div>
        </div>
        <label for="sp-min-tickets">须提供的证明：至少几张车票（拍照并填写票号、金额；0 表示不需车票，按上限定额发放）</label>
        <input id="sp-min-tickets" type="number" min="0" max="10" inputmode="numeric">
        <label for="sp-note">说明（依据的文件等）</label>
        <textarea id="sp-note" maxlength="500" rows="2"></textarea>
        <p id="sp-error" class="error" role="alert" hidden></p>
        <p id="sp-saved" class="notice" role="status" hidden></p>
        <button type="submit" class="btn primary">保存为新版本</button>
      </form>
      <h3>历史版本</h3>
      <p id="sp-history-status" class="status" role="status"></p>
      <ul id="sp-history" class="list"></ul>
    </section>`;

const REVIEW = `
    <section id="view-subsidy-review" hidden aria-labelledby="sr-title">
      <h2 id="sr-title">补贴审核</h2>
      <p class="hint">系统已自动核对的申领。请看核对结果和车票照片，批准、驳回或退回补充材料。</p>
      <label class="inline" for="sr-status">状态</label>
      <select id="sr-status">
        <option value="checked">待审核</option><option value="submitted">已提交，等待自动核对</option>
        <option value="returned">需补充材料</option><option value="approved">审核通过</option>
        <option value="rejected">未通过</option><option value="paid">已发放</option>
        <option value="payment_failed">发放失败</option><option value="proposed">可以申领（本人还未提交）</option>
        <option value="">全部</option>
      </select>
      <p id="subsidy-claims-status" class="status" role="status"></p>
      <ul id="subsidy-claims" class="list"></ul>
      <button type="button" id="subsidy-claims-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-subsidy-claim" hidden aria-labelledby="sc-title">
      <a class="back" href="#/subsidy/review">← 返回补贴审核</a>
      <h2 id="sc-title"></h2>
      <p id="sc-status" class="status" role="status"></p>
      <dl id="sc-facts" class="facts"></dl>
      <h3>自动核对结果</h3>
      <ul id="sc-findings" class="list findings"></ul>
      <h3>车票</h3>
      <ul id="sc-proofs" class="list"></ul>
      <div id="sc-upload"></div>
      <div id="sc-review"></div>
      <h3>办理记录</h3>
      <ol id="sc-events" class="list events"></ol>
    </section>`;

const BATCHES = `
    <section id="view-subsidy-batches" hidden aria-labelledby="sb-title">
      <h2 id="sb-title">发放批次</h2>
      <p class="hint">把本辖区审核通过（含发放失败待重发）的申领生成一个批次，下载代发文件交银行；银行回盘后导入回盘文件。</p>
      <div class="row tight">
        <label class="inline" for="sb-programme">补贴项目</label>
        <select id="sb-programme"></select>
        <button type="button" id="sb-create" class="btn primary">生成发放批次</button>
      </div>
      <p id="sb-error" class="error" role="alert" hidden></p>
      <p id="subsidy-batches-status" class="status" role="status"></p>
      <ul id="subsidy-batches" class="list"></ul>
      <button type="button" id="subsidy-batches-more" class="btn" hidden>加载更多</button>
    </section>

    <section id="view-subsidy-batch" hidden aria-labelledby="bt-title">
      <a class="back" href="#/subsidy/batches">← 返回发放批次</a>
      <h2 id="bt-title">发放批次</h2>
      <dl id="bt-facts" class="facts"></dl>
      <div class="row"><button type="button" id="bt-download" class="btn primary">下载代发文件（Excel）</button></div>
      <p class="hint">代发文件含完整身份证号和账号，每次下载都会记录。</p>
      <p id="bt-error" class="error" role="alert" hidden></p>
      <form id="bt-return-form" class="form narrow" novalidate>
        <h3>导入银行回盘文件</h3>
        <label for="bt-return-file">回盘文件（代发文件的列加上 结果、失败原因、银行流水号；.xlsx 或 CSV）</label>
        <input id="bt-return-file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv">
        <button type="submit" class="btn">导入回盘文件</button>
      </form>
      <div id="bt-result" hidden>
        <h3>回盘导入结果</h3>
        <p id="bt-result-counts" class="notice" role="status"></p>
        <ul id="bt-result-rows" class="list"></ul>
      </div>
      <h3>批次明细</h3>
      <p id="bt-items-status" class="status" role="status"></p>
      <ul id="bt-items" class="list"></ul>
      <button type="button" id="bt-items-more" class="btn" hidden>加载更多</button>
    </section>`;

export const SUBSIDY_VIEWS = `${REVIEW}${BATCHES}${POLICY}`;
