import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCounty } from "../integration/stats/scenario";
import { json } from "../support/harness";
import { type E2e, passwordUser, poll, screenshot, startE2e } from "./browser";
import { latinOnScreen, signInPortal } from "./fixtures";

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
  await buildCounty(e.h);
});
afterAll(async () => {
  await e?.close();
});

/** A county officer of 恭城, signed in on the bureau portal, on 就业监测. */
async function openDashboard() {
  const opened = await e.phone();
  const account = await passwordUser(e.h, "bureau", {
    regionCode: "450332",
    displayName: "恭城瑶族自治县就业服务中心",
  });
  await signInPortal(opened.page, "/portal/bureau/", account);
  await opened.page.getByRole("link", { name: "就业监测" }).click();
  return opened;
}

describe("bureau monitoring dashboard", () => {
  it("a county officer drills into a township, opens the zero-employment households and downloads them", async () => {
    const { page, errors } = await openDashboard();

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

  it("sorts a warning list by the API's list.sorts, and the download follows the chosen sort", async () => {
    const { page, errors } = await openDashboard();
    await poll(() => page.locator("#mon-title").textContent()).toContain("恭城瑶族自治县");
    await page.getByRole("link", { name: "零就业家庭" }).click();
    await poll(() => page.locator("#mon-list-items li").count()).toBe(2);

    const as = await e.h.as.bureau("450332");
    const api = async (sort: string) =>
      (
        await json(
          await e.h.api.get(
            `/api/v1/stats/warnings/zero_employment_households?region=450332&sort=${sort}`,
            as,
          ),
        )
      ).body;
    const newest = await api("newest");
    const picker = page.getByLabel("排序");
    // The options are the API's, in its words; the default is selected.
    expect(await picker.locator("option").allTextContents()).toEqual(
      newest.list.sorts.map((s: { label: string }) => s.label),
    );
    expect(await picker.inputValue()).toBe("newest");

    const asked = page.waitForRequest(
      (r) => r.url().includes("/stats/warnings/") && r.url().includes("sort=oldest"),
    );
    await picker.selectOption({ label: "登记时间（早的在前）" });
    await asked;
    const oldest = await api("oldest");
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);
    await poll(async () =>
      (await page.locator("#mon-list-items li .title").allTextContents()).map(
        (t) => t.split(" · ")[0],
      ),
    ).toEqual(names(oldest.items));
    expect(await picker.inputValue()).toBe("oldest");

    const exported = page.waitForRequest((r) => r.url().includes("/stats/exports/warnings/"));
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "导出名单（Excel）" }).click();
    expect(new URL((await exported).url()).searchParams.get("sort")).toBe("oldest");
    await downloading;
    // Excel is the file kind people know (导出名单（Excel）).
    expect(await latinOnScreen(page, ["km", "KB", "Excel"])).toEqual([]);
    expect(errors).toEqual([]);
  });
});
