/**
 * The forms sit in <template>s: a page script puts a fresh copy in while its view is open, so
 * their labels (姓名 …) never clash with another view's, and nothing typed outlives the view.
 *
 * The bureau portal's 培训记录 and 劳动力登记 sections (issue 16; static/bureau-training.js and
 * bureau-register.js draw them), kept out of portals.ts: the tab links and the sections.
 */
export const BUREAU_RECORD_TABS = `
      <a class="tab" id="tab-training" href="#/training">培训记录</a>
      <a class="tab" id="tab-register" href="#/register">劳动力登记</a>`;

const TRAINING = `
    <section id="view-training" hidden aria-labelledby="training-title">
      <h2 id="training-title">培训记录</h2>
      <p class="hint">本辖区的培训报名和结果。登记“培训合格”后，系统马上为本人推荐至少 3 个岗位，并发消息告诉本人。</p>
      <div class="row"><button type="button" id="tr-open" class="btn primary">登记培训结果</button></div>
      <p id="tr-done" class="notice" role="status" hidden></p>
      <div id="tr-area"></div>
      <template id="tr-template">
      <form id="tr-form" class="form narrow" novalidate aria-labelledby="tr-title">
        <h3 id="tr-title">登记培训结果</h3>
        <label for="tr-person-q">人员姓名</label>
        <div class="row tight">
          <input id="tr-person-q" maxlength="30" placeholder="输入姓名查找，如：莫秀英">
          <button type="button" id="tr-person-find" class="btn small">查找</button>
        </div>
        <select id="tr-person" aria-label="选择人员"></select>
        <label for="tr-course">培训班（劳务品牌、工种）</label>
        <select id="tr-course"></select>
        <label for="tr-result">培训结果</label>
        <select id="tr-result"><option value="passed">培训合格</option><option value="failed">未通过</option></select>
        <div id="tr-pass-only">
          <label for="tr-cert">证书编号</label>
          <input id="tr-cert" maxlength="60" placeholder="合格证书或职业技能等级证书上的编号">
        </div>
        <label for="tr-date">结业日期</label>
        <input id="tr-date" type="date">
        <div id="tr-fail-only" hidden>
          <label for="tr-note">说明（可不填）</label>
          <input id="tr-note" maxlength="200" placeholder="例如：实操考核未通过，可报名下一期补考">
        </div>
        <p id="tr-error" class="error" role="alert" hidden></p>
        <div class="row">
          <button type="submit" class="btn primary">保存培训结果</button>
          <button type="button" id="tr-cancel" class="btn">取消</button>
        </div>
      </form>
      </template>
      <label class="inline" for="training-filter">状态</label>
      <select id="training-filter"><option value="">全部</option><option value="enrolled">在训</option><option value="passed">培训合格</option><option value="failed">未通过</option></select>
      <p id="training-status" class="status" role="status"></p>
      <ul id="training" class="list"></ul>
      <button type="button" id="training-more" class="btn" hidden>加载更多</button>
    </section>`;

const REGISTER = `
    <section id="view-register" hidden aria-labelledby="register-title">
      <h2 id="register-title">劳动力登记与核实</h2>
      <p class="hint">登记本辖区的脱贫人口和监测对象。身份证号和手机号登记后只显示部分数字，查看完整号码会记录在案。带 * 的必须填写。</p>
      <div id="reg-area"></div>
      <template id="reg-template">
      <form id="reg-form" class="form narrow" novalidate>
        <label for="reg-name">姓名 *</label>
        <input id="reg-name" maxlength="30" autocomplete="off">
        <label for="reg-idNumber">身份证号 *</label>
        <input id="reg-idNumber" maxlength="18" autocomplete="off" placeholder="18 位，最后一位可能是 X">
        <label for="reg-phone">手机号</label>
        <input id="reg-phone" type="tel" maxlength="20" autocomplete="off" placeholder="填了才能收到岗位短信">
        <label for="reg-village-q">户籍所在村 *</label>
        <div class="row tight">
          <input id="reg-village-q" maxlength="30" placeholder="输入村名查找，如：竹山村">
          <button type="button" id="reg-village-find" class="btn small">查找</button>
        </div>
        <select id="reg-villageCode" aria-label="选择村"></select>
        <label for="reg-personType">人员类别 *</label>
        <select id="reg-personType"><option value="">请选择</option><option value="tuopin">脱贫人口</option><option value="monitored">监测对象</option></select>
        <label for="reg-labourCapacity">劳动能力 *</label>
        <select id="reg-labourCapacity"><option value="full">全劳动力</option><option value="half">半劳动力</option><option value="weak">弱劳动力</option><option value="none">无劳动力</option></select>
        <label for="reg-workIntention">务工意愿 *</label>
        <select id="reg-workIntention"><option value="local">就近就业</option><option value="in_province">区内务工</option><option value="out_province">区外务工</option><option value="none">暂无务工意愿</option></select>
        <label for="reg-occupations">想做的工种（可不填，多个用顿号隔开）</label>
        <input id="reg-occupations" maxlength="200" placeholder="例如：育婴员、保洁员">
        <label for="reg-contactConsent">是否同意接收岗位推送和联系</label>
        <select id="reg-contactConsent"><option value="true">同意（本人已当面确认）</option><option value="false">不同意</option></select>
        <p id="reg-error" class="error" role="alert" hidden></p>
        <button type="submit" class="btn primary">登记</button>
      </form>
      </template>
      <p id="reg-done" class="notice" role="status" hidden></p>
      <h3 id="pending-title">待核实的登记</h3>
      <p class="hint">请对照身份证、户口簿或台账核对姓名、身份证号和村，无误后点“核实”。</p>
      <p id="pending-status" class="status" role="status"></p>
      <ul id="pending" class="list" aria-labelledby="pending-title"></ul>
      <button type="button" id="pending-more" class="btn" hidden>加载更多</button>
    </section>`;

export const BUREAU_RECORD_VIEWS = TRAINING + REGISTER;
