import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asEmployer, makeEmployer } from "../integration/jobs/factory";
import { json } from "../support/harness";
import {
  DESKTOP,
  type E2e,
  layoutProblems,
  MIN_TARGET_PX,
  MIN_TEXT_PX,
  passwordUser,
  poll,
  screenshot,
  startE2e,
} from "./browser";
import { latinOnScreen, signInPortal } from "./fixtures";

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
});
afterAll(async () => {
  await e?.close();
});

describe("employer portal: 工种, 技能, 证书要求 and 发车县 on 发布岗位 and 编辑岗位", () => {
  it("posts a 粤桂 job with skills, a brand certificate and a departure county, then edits them", async () => {
    const employer = await makeEmployer(e.h, {
      type: "enterprise",
      regionCode: "440306",
      name: "深圳市宝安区华宝电子有限公司",
    });
    const as = await asEmployer(e.h, employer.id);
    const stored = async (id: string) => {
      const res = await json(await e.h.api.get(`/api/v1/jobs/${id}`, as));
      expect(res.status).toBe(200);
      return res.body;
    };
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id, displayName: "华宝电子" }),
    );

    // 发布岗位: 粤桂劳务协作 shows 发车县; the brands are boxes with their Chinese names.
    await page.getByRole("link", { name: "发布岗位" }).click();
    const create = page.locator("#job-form");
    await create.getByLabel("岗位类型").selectOption("gd_gx");
    expect(await create.getByLabel("结算方式").inputValue()).toBe("month");
    expect(await create.getByLabel("集合地点 *").isVisible()).toBe(false);
    const title = `电子厂普工${Date.now() % 100000}`;
    await create.getByLabel("岗位名称 *").fill(title);
    await create.getByLabel("工种 *").fill("普工");
    await create.getByLabel("技能（用空格隔开，如：装配 质检）").fill("装配、质检 焊锡");
    await create.getByLabel("广东技工", { exact: true }).check();
    await create.getByLabel("招几人 *").fill("30");
    await create.getByLabel("最低（元）").fill("4500");
    await create.getByLabel("最高（元）").fill("6500");
    await create.getByLabel("联系电话 *").fill("13800138000");
    await create.getByLabel("发车县（点对点接送从广西哪个县出发）").fill("恭城");
    await page.locator("#f-departure-find").click();
    await poll(() => page.locator("#f-departureRegionCode option").first().textContent()).toBe(
      "桂林市 恭城瑶族自治县",
    );
    await page.locator("#f-departureRegionCode").selectOption({ label: "桂林市 恭城瑶族自治县" });
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    expect(await latinOnScreen(page)).toEqual([]);
    await screenshot(page, "employer-new-gdgx", { fullPage: true });
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(title);
    const id = /#\/jobs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(await stored(id)).toMatchObject({
      channel: "gd_gx",
      status: "open",
      occupation: "普工",
      skills: ["装配", "质检", "焊锡"],
      certificates: ["guangdong-jigong"],
      departureRegionCode: "450332",
      regionCode: "440306",
      wage: { minFen: 450_000, maxFen: 650_000, unit: "month" },
    });

    // 编辑岗位: prefilled, then each changed; the page refuses 21 skills under the box.
    await page.getByRole("link", { name: "编辑岗位" }).click();
    const form = page.locator("#edit-form");
    await poll(() => form.getByLabel("工种 *").inputValue()).toBe("普工");
    expect(await form.getByLabel("技能（用空格隔开，如：装配 质检）").inputValue()).toBe(
      "装配 质检 焊锡",
    );
    await poll(() => form.getByLabel("广东技工", { exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel("八桂建工", { exact: true }).isChecked()).toBe(false);
    await poll(() => page.locator("#ed-departureRegionCode option").allTextContents()).toEqual([
      "桂林市 恭城瑶族自治县（现在的发车县）",
      "不指定发车县",
    ]);
    expect(await page.locator("#ed-gd").isHidden()).toBe(false);

    const skills = form.getByLabel("技能（用空格隔开，如：装配 质检）");
    await skills.fill(Array.from({ length: 21 }, (_, i) => `技能${i + 1}`).join(" "));
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#ed-skills-error").textContent()).toBe("技能最多填 20 个");
    expect(await skills.getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("工种 *").fill("电子装配工");
    await skills.fill("贴片，检测");
    await form.getByLabel("广东技工", { exact: true }).uncheck();
    await form.getByLabel("八桂建工", { exact: true }).check();
    await form.getByLabel("发车县（点对点接送从广西哪个县出发）").fill("平南");
    await page.locator("#ed-departure-find").click();
    await poll(() => page.locator("#ed-departureRegionCode option").first().textContent()).toBe(
      "贵港市 平南县",
    );
    await page.locator("#ed-departureRegionCode").selectOption({ label: "贵港市 平南县" });
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    await screenshot(page, "employer-edit-fields", { fullPage: true });
    await page.getByRole("button", { name: "保存修改" }).click();
    // Back on the posting once the PATCH is answered (its title was on the page before too).
    await poll(() => page.url()).toMatch(new RegExp(`#/jobs/${id}$`));
    expect(await page.locator("#ed-error").count()).toBe(0);
    expect(await stored(id)).toMatchObject({
      occupation: "电子装配工",
      skills: ["贴片", "检测"],
      certificates: ["bagui-jiangong"],
      departureRegionCode: "450821",
      // Untouched fields stay as they were.
      wage: { minFen: 450_000, maxFen: 650_000, unit: "month" },
      boardAndLodging: true,
      pointToPoint: true,
    });

    // Opened again, the form shows the saved values.
    await page.getByRole("link", { name: "编辑岗位" }).click();
    await poll(() => form.getByLabel("工种 *").inputValue()).toBe("电子装配工");
    await poll(() => form.getByLabel("八桂建工", { exact: true }).isChecked()).toBe(true);
    expect(await latinOnScreen(page)).toEqual([]);

    // 不指定发车县 clears the county; nothing else changes.
    await poll(() => page.locator("#ed-departureRegionCode option").first().textContent()).toBe(
      "贵港市 平南县（现在的发车县）",
    );
    await page.locator("#ed-departureRegionCode").selectOption({ label: "不指定发车县" });
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.url()).toMatch(new RegExp(`#/jobs/${id}$`));
    await poll(async () => (await stored(id)).departureRegionCode).toBeNull();
    expect(await stored(id)).toMatchObject({
      occupation: "电子装配工",
      certificates: ["bagui-jiangong"],
    });
    expect(errors).toEqual([]);
  }, 120_000);
});
