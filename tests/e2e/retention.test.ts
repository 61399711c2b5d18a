import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employedPerson, sweepAt } from "../integration/retention/factory";
import { type E2e, layoutProblems, passwordUser, poll, screenshot, startE2e } from "./browser";
import { recordingOtp, signInH5, signInPortal } from "./fixtures";

/** Issue 13's check-in question, 求助, and the cadre's queue, as people click them. */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

describe("check-ins, 求助 and the cadre's queue", () => {
  it("a labourer answers 在 and asks for help; the cadre answers an unanswered check-in on someone's behalf and replies to the help", async () => {
    const answering = await employedPerson(e.h);
    const silent = await employedPerson(e.h, { cadre: await e.h.as.cadre("450332") });
    await sweepAt(e.h, 7); // the day-7 question for both

    // The labourer: the question above the tabs, 在, then 求助.
    const { page, errors } = await e.phone();
    await signInH5(page, sent, answering.labourer.input.phone);
    const question = page.locator("#checkins article.card");
    await poll(() => question.locator("h3").textContent()).toBe("还在这里工作吗？");
    expect(await question.textContent()).toContain("深圳市宝安区某电子厂");
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    await screenshot(page, "h5-check-in");
    await question.getByRole("button", { name: "在", exact: true }).click();
    await poll(() => question.textContent()).toContain("已记下：还在这里工作");

    await page.getByRole("button", { name: "求助", exact: true }).click();
    await page.getByRole("button", { name: "发送求助" }).click();
    await poll(() => page.locator("#help-error").textContent()).toBe("请先点一下遇到了什么事");
    await page.getByRole("button", { name: "工资被拖欠" }).click();
    await page.getByLabel("想说的话（可以不写）").fill("老板两个月没发工资了");
    await page.getByRole("button", { name: "发送求助" }).click();
    await poll(() => page.locator("#help-status").textContent()).toContain("已经告诉帮扶干部了");
    const mine = page.locator("#help-list article.card").first();
    await poll(() => mine.textContent()).toContain("等待答复");
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    await screenshot(page, "h5-help");

    // Three days on, the silent one's question becomes a task in the queue.
    await sweepAt(e.h, 11);
    const staff = await e.phone();
    await signInPortal(
      staff.page,
      "/portal/bureau/#/follow-ups",
      await passwordUser(e.h, "cadre", { regionCode: "450332", displayName: "莲花镇帮扶干部" }),
    );
    const phone = silent.labourer.input.phone as string;
    const unanswered = staff.page
      .locator("#follow-ups li", { hasText: "回访未回答" })
      .filter({ hasText: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
    const help = staff.page.locator("#follow-ups li", { hasText: "老板两个月没发工资了" });
    await unanswered.waitFor();
    await help.waitFor();
    await screenshot(staff.page, "bureau-follow-ups", { fullPage: true });

    await unanswered.getByRole("button", { name: "代为回答" }).click();
    await unanswered.getByLabel("本人的回答").selectOption("left");
    await unanswered.getByLabel("不在了的原因").selectOption("family");
    await unanswered.getByRole("button", { name: "确定" }).click();
    await poll(() => unanswered.count()).toBe(0);

    await help.getByRole("button", { name: "答复" }).click();
    await help.getByLabel("答复或处理情况").fill("已联系劳动监察，明天上门了解");
    await help.getByRole("button", { name: "确定" }).click();
    await poll(() => help.count()).toBe(0);
    expect(staff.errors).toEqual([]);

    // The labourer sees the answer.
    await page.getByRole("button", { name: "求助", exact: true }).click();
    await poll(() => mine.textContent()).toContain("帮扶干部答复：已联系劳动监察");
    expect(errors).toEqual([]);
  }, 90_000);
});
