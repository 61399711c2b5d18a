import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCounty } from "../integration/stats/scenario";
import { type E2e, passwordUser, poll, screenshot, startE2e } from "./browser";

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
  await buildCounty(e.h);
});
afterAll(async () => {
  await e?.close();
});

describe("bureau monitoring dashboard", () => {
  it("a county officer drills into a township, opens the zero-employment households and downloads them", async () => {
    const { page, errors } = await e.phone();
    const account = await passwordUser(e.h, "bureau", {
      regionCode: "450332",
      displayName: "恭城瑶族自治县就业服务中心",
    });
    await page.goto("/portal/bureau/");
    await page.getByLabel("用户名").fill(account.username);
    await page.getByLabel("密码").fill(account.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("link", { name: "就业监测" }).click();

    await poll(() => page.locator("#mon-title").textContent()).toContain("恭城瑶族自治县");
    await poll(() => page.locator("#mon-cards").textContent()).toContain("零就业家庭2");
    expect(await page.locator("#mon-cards").textContent()).toContain("50%");
    await screenshot(page, "bureau-monitoring", { fullPage: true });

    await page.locator("#mon-children").getByRole("link", { name: "莲花镇" }).click();
    await poll(() => page.locator("#mon-title").textContent()).toContain("莲花镇");
    await poll(() => page.locator("#mon-cards").textContent()).toContain("零就业家庭1");

    await page.getByRole("link", { name: "零就业家庭" }).click();
    await poll(() => page.locator("#mon-list-title").textContent()).toBe("零就业家庭");
    await poll(() => page.locator("#mon-list-items li").count()).toBe(1);
    expect(await page.locator("#mon-list-items").textContent()).toContain("莫*华");

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "导出名单（Excel）" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toContain("零就业家庭");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe("户主姓名");
    expect(ws.rowCount).toBe(2);
    expect(errors).toEqual([]);
  });
});
