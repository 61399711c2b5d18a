/* 岗通 portals: the placement words both portals show — reasons and sources the API takes as codes
 * (the same words as src/modules/applications/rules.ts and src/modules/employments/schemas.ts),
 * and the form pieces the employer's and the bureau's placement pages share. Loaded after
 * portal.js. */
(function () {
  "use strict";

  var GT = window.GT;
  var el = GT.el;

  var GROUPS = {
    rejectReason: {
      not_qualified: "技能或证书不符合要求",
      age_mismatch: "年龄不符合要求",
      position_filled: "岗位已招满",
      unreachable: "电话联系不上",
      other: "其他原因",
    },
    endReason: {
      contract_ended: "合同到期",
      quit: "本人辞职",
      dismissed: "被辞退",
      health: "身体原因",
      family: "家庭原因",
      other: "其他原因",
    },
    employmentSource: {
      application: "系统内录用",
      self_found: "自主就业",
      own_business: "自主创业",
      dispatch: "劳务派遣",
      other: "其他",
    },
    evidenceKind: {
      contract_photo: "劳动合同照片",
      employer_confirmation: "用工单位证明",
      other: "其他材料",
    },
    confirmedRole: { employer: "用工单位", bureau: "人社部门", cadre: "帮扶干部", admin: "管理员" },
  };
  GT.addLabels(GROUPS);

  /** A <select> of one label group's values, the first selected unless told. */
  function choiceSelect(id, group, selected) {
    return el(
      "select",
      { id: id },
      Object.keys(GROUPS[group]).map(function (k) {
        return el("option", { value: k, text: GROUPS[group][k], selected: k === selected });
      }),
    );
  }

  /** A China-time calendar day, `plusDays` from today, as YYYY-MM-DD. */
  function chinaDay(plusDays) {
    return GTApi.chinaParts(Date.now() + (plusDays || 0) * 86400000).date;
  }

  /** A labelled field: [label, input] for a .form. */
  function field(id, text, input) {
    input.id = id;
    return [el("label", { for: id, text: text }), input];
  }

  GT.placement = { choiceSelect: choiceSelect, chinaDay: chinaDay, field: field };
})();
