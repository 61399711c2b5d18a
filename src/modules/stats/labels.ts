/** Chinese labels of the breakdown keys of the monitoring figures (docs/MONITORING.md). */
export const KEY_LABELS = {
  personType: { tuopin: "脱贫人口", monitored: "防止返贫监测对象", other: "其他" },
  labourCapacity: { full: "全劳动力", half: "半劳动力", weak: "弱劳动力", none: "无劳动力" },
  workIntention: { local: "就近就业", in_province: "区内务工", out_province: "区外务工" },
  employmentKind: {
    local: "本县就业",
    in_province: "区内县外就业",
    out_province: "区外就业",
    flexible: "灵活就业",
    public_welfare: "公益性岗位",
  },
  employmentChannel: {
    odd_job: "零工市场",
    workshop: "帮扶车间",
    gd_gx: "粤桂劳务协作",
    public_welfare: "公益性岗位",
    enterprise: "区内企业",
    self_found: "自主就业",
    own_business: "自主创业",
    dispatch: "劳务派遣",
    other: "其他",
  },
  postingChannel: { workshop: "帮扶车间", odd_job: "零工市场" },
  /** Transport subsidy claim states (docs/SUBSIDY.md), in the bureau's words. */
  claimStatus: {
    proposed: "系统已生成待提交",
    submitted: "已提交待核对",
    returned: "退回补充材料",
    checked: "已核对待审核",
    approved: "审核通过待发放",
    rejected: "审核未通过",
    paid: "已发放",
    payment_failed: "发放失败",
  },
  claimAmountStatus: {
    checked: "已核对待审核",
    approved: "审核通过待发放",
    paid: "已发放",
    payment_failed: "发放失败",
  },
} as const satisfies Record<string, Record<string, string>>;
