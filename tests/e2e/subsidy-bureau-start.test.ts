import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hiredOutside } from "../integration/subsidies/factory";
import { json } from "../support/harness";
import { DESKTOP, type E2e, layoutProblems, passwordUser, poll, startE2e } from "./browser";
import { signInPortal } from "./fixtures";

/**
 * The bureau portal's page gaps of issue 14: county staff start a claim for a labourer from the
 * employment row (no proposal worker runs here, so nothing was proposed before), and province
 * staff create a second programme on 补贴政策 and set its first policy; a county sees no 新建项目.
 */
let e: E2e;
beforeAll(async () => {
  e = await startE2e();
});
afterAll(async () => {
  await e?.close();
});

describe("bureau portal: starting a claim and a new programme", () => {
  it("a county officer starts a claim from a confirmed job outside Guangxi; an unconfirmed one has no button", async () => {
    const p = await hiredOutside(e.h, { person: { name: "陆美兰" } });
    const waiting = await hiredOutside(e.h, { person: { name: "莫金花" }, confirm: false });
    const officer = await passwordUser(e.h, "bureau", {
      regionCode: "450332",
      displayName: "恭城县人社局 审核员",
    });
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(page, "/portal/bureau/", officer);
    await page.getByRole("link", { name: "就业登记" }).click();
    const row = page.locator(`li[data-employment="${p.employmentId}"]`);
    const start = row.getByRole("button", { name: "代为申请交通补贴" });
    await start.waitFor();
    const other = page.locator(`li[data-employment="${waiting.employmentId}"]`);
    await other.waitFor();
    expect(await other.getByRole("button", { name: "代为申请交通补贴" }).count()).toBe(0);

    await start.click();
    await poll(() => page.locator("#sc-facts").textContent()).toContain("可以申领");
    expect(await page.locator("#sc-facts").textContent()).toContain("工作人员代办");
    expect(page.url()).toMatch(/#\/subsidy\/claims\/[0-9a-f-]{36}$/);
    const list = await json(await e.h.api.get("/api/v1/subsidy-claims", p.as));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ origin: "staff", status: "proposed" });
    expect(page.url()).toContain(list.body.items[0].id);

    // Again: the same claim opens (one per job), no second one.
    await page.getByRole("link", { name: "就业登记" }).click();
    await row.getByRole("button", { name: "代为申请交通补贴" }).click();
    await poll(() => page.url()).toContain(list.body.items[0].id);
    const again = await json(await e.h.api.get("/api/v1/subsidy-claims", p.as));
    expect(again.body.items).toHaveLength(1);

    // The county reads the policy page without 新建项目.
    await page.getByRole("link", { name: "补贴政策" }).click();
    await poll(() => page.locator("#sp-readonly").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "新建项目" }).isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 120_000);

  it("a province officer creates 稳定就业劳务补助 with its rule type and sets its first policy", async () => {
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "45", displayName: "自治区人社厅" }),
    );
    await page.getByRole("link", { name: "补贴政策" }).click();
    await poll(() => page.locator("#sp-current").textContent()).toContain("版");
    await page.getByRole("button", { name: "新建项目" }).click();
    const form = page.locator("#sp-programme-form");
    await form.getByRole("button", { name: "创建项目" }).click();
    await poll(() => page.locator("#spp-error").textContent()).toContain("项目名称");
    await page.getByLabel("项目名称").fill("稳定就业劳务补助");
    await page.getByLabel(/项目编码/).fill("Stable-Reward");
    await form.getByRole("button", { name: "创建项目" }).click();
    await poll(() => page.locator("#spp-error").textContent()).toContain("小写字母");
    expect(await page.getByLabel(/项目编码/).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel(/项目编码/).fill("stable_employment_reward");
    await form.getByRole("button", { name: "创建项目" }).click();
    await poll(() => page.locator("#spp-error").textContent()).toBe("请选择资格规则");
    await page.getByRole("radio", { name: /稳定就业补助/ }).check();
    // The new form's own fields are big enough (the policy form's older checkboxes are not ours).
    expect((await layoutProblems(page, 14, 40)).filter((x) => x.includes("spp"))).toEqual([]);
    await form.getByRole("button", { name: "创建项目" }).click();
    await poll(() => page.locator("#spp-saved").textContent()).toContain(
      "已创建项目「稳定就业劳务补助」",
    );
    expect(await page.locator("#sp-programme").inputValue()).toBe("stable_employment_reward");
    await poll(() => page.locator("#sp-status").textContent()).toContain("还没有执行的政策版本");

    // Its first policy, with the same editor: 6 months, no tickets, a fixed 1000 元.
    await page.getByLabel("其他目的地的上限（元）").fill("1000");
    await page.getByLabel(/须连续务工满几个月/).fill("6");
    await page.getByLabel(/至少几张车票/).fill("0");
    await page.getByRole("button", { name: "保存为新版本" }).click();
    await poll(() => page.locator("#sp-saved").textContent()).toContain("已保存为第 1 版");

    const api = await json(
      await e.h.api.get("/api/v1/subsidy-programmes", await e.h.as.bureau("45")),
    );
    const made = api.body.items.find(
      (x: { code: string }) => x.code === "stable_employment_reward",
    );
    expect(made).toMatchObject({ name: "稳定就业劳务补助", ruleType: "stable_employment" });
    expect(made.currentPolicy).toMatchObject({
      version: 1,
      minMonthsInWork: 6,
      minTickets: 0,
      defaultCapFen: 100_000,
    });

    // The same code twice: the API's words under the form.
    await page.getByRole("button", { name: "新建项目" }).click();
    await page.getByLabel("项目名称").fill("稳定就业劳务补助");
    await page.getByLabel(/项目编码/).fill("stable_employment_reward");
    await page.getByRole("radio", { name: /稳定就业补助/ }).check();
    await form.getByRole("button", { name: "创建项目" }).click();
    await poll(() => page.locator("#spp-error").textContent()).toBe("已有相同编码的补贴项目");
    expect(errors).toEqual([]);
  }, 120_000);
});
