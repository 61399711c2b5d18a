/**
 * The posting form's (发布岗位, in portals.ts) 工种, 技能, 证书要求 and 粤桂劳务协作's 发车县;
 * static/employer-job-extras.js fills the brand boxes and finds the county, as on 编辑岗位.
 */
export const EMPLOYER_JOB_FIELDS = `
        <label for="f-occupation">工种 *</label>
        <input id="f-occupation" name="occupation" maxlength="30" placeholder="例如：采茶工、装卸工、建筑小工">
        <label for="f-skills">技能（用空格隔开，如：装配 质检）</label>
        <input id="f-skills" name="skills" maxlength="400">
        <fieldset id="f-certificates" class="brand-checks" tabindex="-1">
          <legend>证书要求（劳务品牌，可多选，不选表示不要求）</legend>
        </fieldset>
        <div id="f-gd-only" hidden>
          <label for="f-departure-q">发车县（点对点接送从广西哪个县出发）</label>
          <div class="row tight">
            <input id="f-departure-q" maxlength="30" placeholder="输入县名查找，如：恭城">
            <button type="button" id="f-departure-find" class="btn small">查找</button>
          </div>
          <select id="f-departureRegionCode" name="departureRegionCode" aria-label="选择发车县"><option value="">不指定</option></select>
        </div>`;

/**
 * The employer portal's sections added in issue 16, kept out of portals.ts: 用工单位注册 (outside
 * the signed-in app; static/employer-register.js) and 编辑岗位 (static/employer-edit.js). Their
 * forms sit in <template>s, copied in while open, so their labels (联系人, 岗位名称 …) never
 * clash with the sign-in's or the new-job form's.
 */
export const EMPLOYER_REGISTER = `
  <section id="register" hidden aria-labelledby="register-title">
    <h2 id="register-title">用工单位注册</h2>
    <p class="hint">注册后就能登录、填写岗位；人社部门审核通过后，岗位才能发布给求职者。带 * 的必须填写。</p>
    <div id="register-area"></div>
    <template id="register-template">
    <form id="register-form" class="form narrow" novalidate>
      <label for="rg-name">单位名称 *</label>
      <input id="rg-name" maxlength="100" placeholder="与营业执照上的名称一致">
      <label for="rg-type">单位类型 *</label>
      <select id="rg-type">
        <option value="enterprise">企业</option><option value="workshop">就业帮扶车间</option>
        <option value="cooperative">农民劳务专业合作社</option><option value="individual">个体或零散雇主</option>
        <option value="public_welfare">公益性岗位提供方（村委会等）</option>
      </select>
      <label for="rg-creditCode">统一社会信用代码</label>
      <input id="rg-creditCode" maxlength="40" autocomplete="off" placeholder="营业执照上的 18 位代码；企业、帮扶车间、合作社必填">
      <div id="rg-workshop" hidden>
        <label for="rg-workshopCertificateNo">帮扶车间认定编号 *</label>
        <input id="rg-workshopCertificateNo" maxlength="60" placeholder="县人社局认定文件上的编号">
      </div>
      <label for="rg-place-q">所在地 *</label>
      <div class="row tight">
        <input id="rg-place-q" maxlength="30" placeholder="输入县、乡镇或村名查找，如：莲花镇">
        <button type="button" id="rg-place-find" class="btn small">查找</button>
      </div>
      <select id="rg-regionCode" aria-label="选择所在地"></select>
      <label for="rg-address">详细地址</label>
      <input id="rg-address" maxlength="200">
      <label for="rg-contactName">联系人 *</label>
      <input id="rg-contactName" maxlength="30">
      <label for="rg-contactPhone">联系电话 *</label>
      <input id="rg-contactPhone" type="tel" maxlength="20">
      <label for="rg-username">登录用户名 *</label>
      <input id="rg-username" maxlength="64" autocomplete="username" placeholder="3 位以上的字母或数字">
      <label for="rg-password">密码 *</label>
      <input id="rg-password" type="password" maxlength="200" autocomplete="new-password" placeholder="至少 10 位">
      <label for="rg-password2">再输一次密码 *</label>
      <input id="rg-password2" type="password" maxlength="200" autocomplete="new-password">
      <p id="rg-error" class="error" role="alert" hidden></p>
      <div class="row">
        <button type="submit" class="btn primary">注册</button>
        <button type="button" id="rg-back" class="btn">返回登录</button>
      </div>
    </form>
    </template>
  </section>`;

export const EMPLOYER_EXTRA_VIEWS = `
    <section id="view-edit" hidden aria-labelledby="edit-title">
      <a class="back" id="edit-back" href="#/">← 返回岗位</a>
      <h2 id="edit-title">编辑岗位</h2>
      <p class="hint">改好后点“保存修改”。招聘中的岗位，修改后求职者搜索时看到的是新内容。</p>
      <div id="edit-area"></div>
      <template id="edit-template">
      <form id="edit-form" class="form" novalidate>
        <label for="ed-title">岗位名称 *</label>
        <input id="ed-title" maxlength="60">
        <label for="ed-occupation">工种 *</label>
        <input id="ed-occupation" maxlength="30" placeholder="例如：普工、采茶工、家政服务员">
        <label for="ed-skills">技能（用空格隔开，如：装配 质检）</label>
        <input id="ed-skills" maxlength="400">
        <fieldset id="ed-certificates" class="brand-checks" tabindex="-1">
          <legend>证书要求（劳务品牌，可多选，不选表示不要求）</legend>
        </fieldset>
        <label for="ed-headcount">招几人 *</label>
        <input id="ed-headcount" type="number" min="1" max="10000" inputmode="numeric">
        <fieldset>
          <legend id="ed-wage-legend">工资 *</legend>
          <div class="pair">
            <div><label for="ed-wageMin">最低（元）</label><input id="ed-wageMin" type="number" min="0" step="0.01" inputmode="decimal"></div>
            <div><label for="ed-wageMax">最高（元）</label><input id="ed-wageMax" type="number" min="0" step="0.01" inputmode="decimal"></div>
          </div>
        </fieldset>
        <label for="ed-place-q">工作地点 *</label>
        <div class="row tight">
          <input id="ed-place-q" maxlength="30" placeholder="要换地点时，输入乡镇或村名查找">
          <button type="button" id="ed-place-find" class="btn small">查找</button>
        </div>
        <select id="ed-regionCode" aria-label="选择工作地点"></select>
        <label for="ed-address">详细地址</label>
        <input id="ed-address" maxlength="200">
        <label for="ed-description">工作内容</label>
        <textarea id="ed-description" maxlength="2000" rows="4"></textarea>
        <label for="ed-physicalDemand">体力要求</label>
        <select id="ed-physicalDemand"></select>
        <fieldset>
          <legend>年龄要求</legend>
          <div class="pair">
            <div><label for="ed-ageMin">最小（岁）</label><input id="ed-ageMin" type="number" min="16" max="100" inputmode="numeric"></div>
            <div><label for="ed-ageMax">最大（岁）</label><input id="ed-ageMax" type="number" min="16" max="100" inputmode="numeric"></div>
          </div>
        </fieldset>
        <label for="ed-benefits">待遇（用空格隔开，如：包吃 包住）</label>
        <input id="ed-benefits" maxlength="200">
        <div id="ed-odd" hidden>
          <label for="ed-meetingPoint">集合地点 *</label>
          <input id="ed-meetingPoint" maxlength="200">
          <div class="pair">
            <div><label for="ed-workStartOn">开工日期 *</label><input id="ed-workStartOn" type="date"></div>
            <div><label for="ed-workEndOn">完工日期 *</label><input id="ed-workEndOn" type="date"></div>
          </div>
        </div>
        <div id="ed-gd" hidden>
          <label for="ed-boardAndLodging">包吃住</label>
          <select id="ed-boardAndLodging"><option value="true">包吃住</option><option value="false">不包吃住</option></select>
          <label for="ed-pointToPoint">点对点接送</label>
          <select id="ed-pointToPoint"><option value="true">组织点对点接送</option><option value="false">不组织接送</option></select>
          <label for="ed-departure-q">发车县（点对点接送从广西哪个县出发）</label>
          <div class="row tight">
            <input id="ed-departure-q" maxlength="30" placeholder="要换发车县时，输入县名查找，如：恭城">
            <button type="button" id="ed-departure-find" class="btn small">查找</button>
          </div>
          <select id="ed-departureRegionCode" aria-label="选择发车县"></select>
        </div>
        <div id="ed-ent" hidden>
          <label for="ed-coBuiltPark">粤桂共建产业园区岗位</label>
          <select id="ed-coBuiltPark"><option value="false">不是</option><option value="true">是</option></select>
        </div>
        <label for="ed-expiresOn">报名截止日期</label>
        <input id="ed-expiresOn" type="date">
        <label for="ed-contactName">联系人 *</label>
        <input id="ed-contactName" maxlength="30">
        <label for="ed-contactPhone">联系电话</label>
        <input id="ed-contactPhone" type="tel" maxlength="20" inputmode="tel">
        <p id="ed-error" class="error" role="alert" hidden></p>
        <div class="row">
          <button type="submit" class="btn primary">保存修改</button>
          <a class="btn" id="ed-cancel" href="#/">取消</a>
        </div>
      </form>
      </template>
    </section>`;
