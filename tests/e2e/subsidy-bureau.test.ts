import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hiredOutside,
  proposedClaim,
  submitAndCheck,
  subsidyPipeline,
  uploadTicket,
} from "../integration/subsidies/factory";
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
import { signInPortal } from "./fixtures";
import { pngPhoto } from "./photo";

/** A real PNG (photo.ts). */
const PNG = pngPhoto();

let e: E2e;
let pipeline: { stop(): Promise<void> };
const dataDir = mkdtempSync(join(tmpdir(), "gt-subsidy-e2e-"));
beforeAll(async () => {
  e = await startE2e({ env: { DATA_DIR: dataDir } });
  pipeline = await subsidyPipeline(e.h);
});
afterAll(async () => {
  await pipeline?.stop();
  await e?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every row of the first sheet, as text. */
async function sheetRows(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  return rows;
}

describe("bureau portal: the transport subsidy", () => {
  it("review → approve → batch XLSX → return file → 已发放 with its audit trail", async () => {
    // A labourer hired in Shenzhen (confirmed): the system proposes the claim, a ticket goes up, it is checked.
    const p = await hiredOutside(e.h, { person: { name: "韦春燕" } });
    const proposed = await proposedClaim(e.h, p.as);
    expect((await uploadTicket(e.h, p.as, proposed.id, "G1234567", 28_650, PNG)).status).toBe(201);
    const checked = await submitAndCheck(e.h, p.as, proposed.id);
    expect(checked).toMatchObject({ checkPassed: true, amountFen: 28_650 });
    const amountText = "286.50";

    const officer = await passwordUser(e.h, "bureau", {
      regionCode: "450332",
      displayName: "恭城县人社局 审核员",
    });
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(page, "/portal/bureau/", officer);

    // 补贴审核: the queue with the findings in Chinese, the amount and the masked ID number.
    await page.getByRole("link", { name: "补贴审核" }).click();
    const item = page.locator("#subsidy-claims li", { hasText: "韦春燕" });
    await poll(() => item.count()).toBe(1);
    const text = (await item.textContent())!;
    for (const f of checked.findings as { text: string }[]) expect(text).toContain(f.text);
    expect(text).toContain(`核定金额 ${amountText} 元`);
    expect(text).toContain(p.labourer.idNumberMasked);
    expect(text).not.toContain(p.labourer.input.idNumber);
    await screenshot(page, "bureau-subsidy-review", { fullPage: true });

    // The claim: the ticket photo arrives through the token (a blob: URL), a reason is asked for 驳回.
    await item.getByRole("link", { name: "审核" }).click();
    const photo = page.locator("#sc-proofs img.proof");
    await poll(() => photo.getAttribute("src")).toMatch(/^blob:/);
    await poll(() =>
      photo.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);
    expect(await page.locator("#sc-proofs").textContent()).toContain(
      "票号 G1234567 · 票价 286.50 元",
    );
    await page.getByRole("button", { name: "驳回" }).click();
    await poll(() => page.locator("#sc-review-error").textContent()).toBe("驳回时请写明原因");
    await page.getByRole("button", { name: "批准" }).click();
    await poll(() => page.locator("#sc-facts").textContent()).toContain("审核通过");
    expect(await page.locator("#sc-review").textContent()).toBe("");

    // 发放批次: create, the stored total, the download, the return file.
    await page.getByRole("link", { name: "发放批次" }).click();
    await page.getByRole("button", { name: "生成发放批次" }).click();
    await poll(() => page.locator("#bt-facts").textContent()).toContain(`合计金额${amountText} 元`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载代发文件（Excel）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = await sheetRows(readFileSync((await download.path())!));
    const [header, ...data] = rows;
    const total = data.find((r) => r[0] === "合计")!;
    expect(total[6]).toBe(amountText);
    const mine = data.filter((r) => r[0] !== "合计");
    expect(mine).toHaveLength(1);
    expect(mine[0]![2]).toBe("韦春燕");
    expect(mine[0]![6]).toBe(amountText);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("回盘");
    ws.addRow([...header!, "结果", "失败原因", "银行流水号"]);
    ws.addRow([...mine[0]!, "成功", "", "BK20261202001"]);
    const returnFile = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByRole("button", { name: "导入回盘文件" }).click();
    await poll(() => page.locator("#bt-error").textContent()).toBe(
      "请选择银行回盘文件（.xlsx 或 CSV）",
    );
    await page.locator("#bt-return-file").setInputFiles({
      name: "回盘.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: returnFile,
    });
    await page.getByRole("button", { name: "导入回盘文件" }).click();
    await poll(() => page.locator("#bt-result-counts").textContent()).toBe(
      "已发放 1 行，发放失败 0 行，拒收 0 行。",
    );
    expect(await page.locator("#bt-result-rows").textContent()).toContain("第 2 行 已发放");
    await poll(() => page.locator("#bt-items").textContent()).toContain(
      "银行流水号：BK20261202001",
    );
    expect(await page.locator("#bt-facts").textContent()).toContain("已全部回盘");

    // The claim reads 已发放, and its audit trail says who moved it when and why.
    await page.locator("#bt-items").getByRole("link", { name: "韦春燕" }).click();
    await poll(() => page.locator("#sc-facts").textContent()).toContain("已发放");
    expect(await page.locator("#sc-facts").textContent()).toContain("BK20261202001");
    const trail = page.locator("#sc-events li");
    const moves = await trail.allTextContents();
    expect(moves.some((m) => m.includes("可以申领 → 已提交"))).toBe(true);
    expect(moves.some((m) => m.includes("已提交 → 待审核") && m.includes("系统自动"))).toBe(true);
    expect(
      moves.some((m) => m.includes("待审核 → 审核通过") && m.includes("恭城县人社局 审核员")),
    ).toBe(true);
    expect(moves.some((m) => m.includes("审核通过 → 已发放"))).toBe(true);
    const api = await json(await e.h.api.get(`/api/v1/subsidy-claims/${proposed.id}`, p.as));
    expect(api.body).toMatchObject({ status: "paid", paymentReference: "BK20261202001" });

    // A county officer reads the policy but cannot change it.
    await page.getByRole("link", { name: "补贴政策" }).click();
    await poll(() => page.locator("#sp-readonly").isVisible()).toBe(true);
    expect(await page.locator("#sp-form").isVisible()).toBe(false);
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it("a province officer changes the Guangdong cap in 元 and a new version appears", async () => {
    const before = await json(
      await e.h.api.get("/api/v1/subsidy-programmes", await e.h.as.bureau("45")),
    );
    const current = before.body.items.find((p: { code: string }) => p.code === "transport_subsidy")
      .currentPolicy as { version: number; policyYear: number };

    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "45", displayName: "自治区人社厅" }),
    );
    await page.getByRole("link", { name: "补贴政策" }).click();
    await poll(() => page.locator("#sp-current").textContent()).toContain(
      `第 ${current.version} 版`,
    );
    expect(await page.locator("#sp-readonly").isVisible()).toBe(false);
    const gd = page.locator("#sp-caps .cap-row").filter({
      has: page.locator('input[inputmode="numeric"]'),
    });
    let row = -1;
    for (let i = 0; i < (await gd.count()); i++)
      if ((await gd.nth(i).locator("input").first().inputValue()) === "44") row = i;
    expect(row).toBeGreaterThanOrEqual(0);
    const cap = gd.nth(row).getByLabel("上限（元）");
    expect(await cap.inputValue()).toBe("600.00");

    // A cap that is not an amount is refused on the page, nothing is saved.
    await cap.fill("六百");
    await page.getByRole("button", { name: "保存为新版本" }).click();
    await poll(() => page.locator("#sp-error").textContent()).toContain("最多两位小数");
    expect(await cap.getAttribute("aria-invalid")).toBe("true");

    await cap.fill("650.1");
    await page.getByRole("button", { name: "保存为新版本" }).click();
    const next = current.version + 1;
    await poll(() => page.locator("#sp-saved").textContent()).toContain(`已保存为第 ${next} 版`);
    await poll(() => page.locator("#sp-current").textContent()).toContain(`第 ${next} 版`);
    expect(await page.locator("#sp-current").textContent()).toContain("广东 650.10 元");
    const history = page.locator("#sp-history > li");
    await poll(() => history.count()).toBeGreaterThanOrEqual(2);
    expect(await history.first().textContent()).toContain("现行");
    expect(
      await page.locator(`#sp-history li[data-version="${current.version}"]`).textContent(),
    ).toContain("广东 600.00 元");

    const after = await json(
      await e.h.api.get(
        "/api/v1/subsidy-programmes/transport_subsidy/policies",
        await e.h.as.bureau("45"),
      ),
    );
    const saved = after.body.items[0];
    expect(saved.version).toBe(next);
    expect(saved.caps).toContainEqual({ regionCode: "44", capFen: 65_010 });
    expect(Number.isInteger(saved.defaultCapFen)).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it("a cadre reads a claim waiting for review but cannot decide it, and has no 发放批次", async () => {
    const p = await hiredOutside(e.h, { person: { name: "覃小梅" } });
    const claim = await proposedClaim(e.h, p.as);
    expect((await uploadTicket(e.h, p.as, claim.id, "D7654321", 19_900, PNG)).status).toBe(201);
    await submitAndCheck(e.h, p.as, claim.id);
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "cadre", { regionCode: "450332" }),
    );
    await page.locator("#tab-alerts").waitFor();
    await page.goto(`/portal/bureau/#/subsidy/claims/${claim.id}`);
    await poll(() => page.locator("#sc-facts").textContent()).toContain("待审核");
    expect(await page.locator("#sc-proofs").textContent()).toContain("票价 199.00 元");
    expect(await page.getByRole("button", { name: "批准" }).count()).toBe(0);
    expect(await page.locator("#tab-subsidy-batches").isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 120_000);
});
