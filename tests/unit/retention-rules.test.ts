import { describe, expect, it } from "vitest";
import { careMessage } from "../../src/modules/notifications/messages";
import {
  addDays,
  CHECK_IN_ANSWER_LABELS,
  CHECK_IN_DAYS,
  HELP_KIND_LABELS,
  LEFT_REASON_LABELS,
  LEFT_REASONS,
} from "../../src/modules/retention/rules";
import { CheckInAnswerBody, HelpRequestBody } from "../../src/modules/retention/schemas";

describe("retention rules", () => {
  it("asks on days 7, 30 and 90 in the China calendar", () => {
    expect(CHECK_IN_DAYS).toEqual([7, 30, 90]);
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addDays("2028-02-01", 30)).toBe("2028-03-02"); // leap year
    expect(addDays("2026-03-10", -7)).toBe("2026-03-03");
  });

  it("labels every answer, reason and help kind in Chinese", () => {
    expect(CHECK_IN_ANSWER_LABELS).toEqual({ still_working: "在", left: "不在了" });
    expect(HELP_KIND_LABELS).toEqual({
      find_job: "找工作",
      wage_arrears: "工资被拖欠",
      other: "其他",
    });
    for (const r of LEFT_REASONS) expect(LEFT_REASON_LABELS[r]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("validates the bodies the pages send", () => {
    expect(CheckInAnswerBody.safeParse({ answer: "still_working" }).success).toBe(true);
    expect(CheckInAnswerBody.safeParse({ answer: "yes" }).success).toBe(false);
    expect(
      HelpRequestBody.safeParse({ kind: "wage_arrears", text: "两个月没发工资" }).success,
    ).toBe(true);
    expect(HelpRequestBody.safeParse({ kind: "other", text: "字".repeat(501) }).success).toBe(
      false,
    );
  });

  it("builds a care notice that fits WeChat's field limits and uses only its own templates", () => {
    const long = "深圳市宝安区某某某某电子科技有限公司第二分厂";
    const m = careMessage({
      ref: "n1",
      openId: "o1",
      phone: null,
      text: `您在「${long}」上岗已 7 天，还在这里工作吗？`,
      title: long,
      label: "在岗回访",
      page: "pages/care/index",
      wechatTemplateId: "TPL",
      smsTemplateCode: "SMS_1",
    });
    expect([...m.wechat!.data.thing1!].length).toBeLessThanOrEqual(20);
    expect([...m.wechat!.data.phrase2!].length).toBeLessThanOrEqual(5);
    expect(m.wechat!.templateId).toBe("TPL");
    expect(m.sms!.templateCode).toBe("SMS_1");
    const bare = careMessage({
      ref: "n2",
      openId: null,
      phone: null,
      text: "x",
      title: "t",
      label: "l",
      page: "p",
    });
    expect(bare.wechat).toBeUndefined();
    expect(bare.sms!.templateCode).toBe("");
  });
});
