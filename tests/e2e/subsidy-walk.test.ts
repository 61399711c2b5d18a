import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../db/schema/notifications";
import { systemCtx } from "../../src/lib/ctx";
import { deliverNotification } from "../../src/modules/notifications/deliver";
import type { Notifier, NotifyMessage } from "../../src/modules/notifications/notifier";
import { hiredOutside, subsidyPipeline } from "../integration/subsidies/factory";
import { eventually, json } from "../support/harness";
import { DESKTOP, type E2e, passwordUser, poll, startE2e } from "./browser";
import { latinOnScreen, recordingOtp, signInH5, signInPortal } from "./fixtures";
import { pngPhoto } from "./photo";

/**
 * Issue 14's Done-when, walked in one browser: a labourer hired in Shenzhen and confirmed (set up
 * through the API) finds the proposed claim on the H5 page at phone size, photographs a ticket and
 * submits; the worker checks it; a county officer, in another context of the same browser,
 * approves it, makes a batch, downloads the 代发 XLSX and imports the bank's return file, all on
 * the bureau pages; the labourer's page then reads 已发放 with the amount. Every step a person
 * takes is a click or a keystroke on a page; the API is only read to know when the worker is done.
 */
const { sent, otpSender } = recordingOtp();
const dataDir = mkdtempSync(join(tmpdir(), "gt-subsidy-walk-"));
const PUBLIC_URL = "https://gangtong.example.cn";
/** The messages handed to the provider, whole: the 已发放 notice's WeChat card and the page it opens. */
const messages: NotifyMessage[] = [];
const notifier: Notifier = {
  provider: "dev",
  async send(m) {
    messages.push(m);
    return { status: "delivered", provider: "dev", providerMessageId: `rec-${messages.length}` };
  },
};

/** A real PNG; over 64 KB where a page uploads it, as a phone photo is (photo.ts). */
const PNG = pngPhoto(96 * 1024);

let e: E2e;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  e = await startE2e({
    overrides: { otpSender, notifier },
    env: { DATA_DIR: dataDir, PUBLIC_URL, WECHAT_TEMPLATE_APPLICATION_STATUS: "TPL-PROGRESS" },
  });
  pipeline = await subsidyPipeline(e.h);
});
afterAll(async () => {
  await pipeline?.stop();
  await e?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function sheetRows(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet("代发明细")!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  return rows;
}

describe("the transport subsidy, walked across both portals", () => {
  it("proposed → ticket on H5 → checked → approved, batched, XLSX, return file on the bureau pages → 已发放 on H5", async () => {
    const p = await hiredOutside(e.h, { person: { name: "韦金凤" } });
    const claimId = await eventually(async () => {
      const list = await json(await e.h.api.get("/api/v1/subsidy-claims", p.as));
      return list.body.items?.[0]?.id as string | undefined;
    });

    // The labourer, on a phone: the proposed claim, a ticket photo with its number and fare, 提交申请.
    const phone = await e.phone();
    let h5 = phone.page;
    await signInH5(h5, sent, p.labourer.input.phone);
    await h5.getByRole("button", { name: /我的补贴/ }).click();
    const card = h5.locator(`#subsidy-list article[data-claim="${claimId}"]`);
    await poll(() => card.locator(".state").textContent()).toBe("可以申领");
    await card.getByRole("link", { name: "上传车票并提交申请" }).click();
    await h5.getByLabel(/车票照片/).setInputFiles({
      name: "ticket.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await h5.locator(".camera-preview").waitFor();
    await h5.getByLabel(/票号/).fill("G7654321");
    await h5.getByLabel("票价（元）").fill("312.5");
    await fillTravel(h5);
    await h5.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => h5.locator("#claim-status").textContent()).toContain("已上传票号 G7654321");
    expect(await h5.locator(".ticket").first().textContent()).toContain("票价 312.50 元");
    expect(await h5.locator(".ticket").first().textContent()).toContain("去程");
    await h5.getByRole("button", { name: "银行卡" }).click();
    await h5.getByLabel("卡号").fill("6222 0212 3456 7890 123");
    await h5.getByRole("button", { name: "提交申请" }).click();
    await poll(() => h5.locator("#claim-status").textContent()).toContain("已提交");

    // The worker's automatic check (nobody clicks this): wait until the claim reads 待审核.
    await eventually(async () => {
      const c = await json(await e.h.api.get(`/api/v1/subsidy-claims/${claimId}`, p.as));
      return c.body.status === "checked" ? true : undefined;
    });

    // The county officer, another context of the same browser, at a desk.
    const desk = await e.phone(DESKTOP);
    const bureau = desk.page;
    const officer = await passwordUser(e.h, "bureau", {
      regionCode: "450332",
      displayName: "恭城县人社局 审核员",
    });
    await signInPortal(bureau, "/portal/bureau/", officer);
    await bureau.getByRole("link", { name: "补贴审核" }).click();
    const item = bureau.locator("#subsidy-claims li", { hasText: "韦金凤" });
    await poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain("核定金额 312.50 元");
    await item.getByRole("link", { name: "审核" }).click();
    await poll(() => bureau.locator("#sc-proofs").textContent()).toContain("票号 G7654321");
    expect(await bureau.locator("#sc-proofs .ticket-travel").textContent()).toBe(
      `去程 · 乘车日期 ${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}`,
    );
    await bureau.getByRole("button", { name: "批准" }).click();
    await poll(() => bureau.locator("#sc-facts").textContent()).toContain("审核通过");

    await bureau.getByRole("link", { name: "发放批次" }).click();
    await bureau.getByRole("button", { name: "生成发放批次" }).click();
    await poll(() => bureau.locator("#bt-facts").textContent()).toContain("合计金额312.50 元");
    const [download] = await Promise.all([
      bureau.waitForEvent("download"),
      bureau.getByRole("button", { name: "下载代发文件（Excel）" }).click(),
    ]);
    const [header, ...data] = await sheetRows(readFileSync((await download.path())!));
    const rows = data.filter((r) => r[0] !== "合计");
    expect(rows).toHaveLength(1);
    expect(rows[0]![2]).toBe("韦金凤");
    expect(rows[0]![6]).toBe("312.50");
    expect(data.find((r) => r[0] === "合计")![6]).toBe("312.50"); // the total equals the claim

    // The bank's answer, as the bank sends it back: the same rows with 结果 and 银行流水号.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("回盘");
    ws.addRow([...header!, "结果", "失败原因", "银行流水号"]);
    ws.addRow([...rows[0]!, "成功", "", "BK20261202777"]);
    await bureau.locator("#bt-return-file").setInputFiles({
      name: "回盘.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await bureau.getByRole("button", { name: "导入回盘文件" }).click();
    await poll(() => bureau.locator("#bt-result-counts").textContent()).toBe(
      "已发放 1 行，发放失败 0 行，拒收 0 行。",
    );
    await poll(() => bureau.locator("#bt-facts").textContent()).toContain("已全部回盘");

    // The 已发放 notice goes out; its card opens the claim on the H5 page, and so it does.
    const [notice] = await e.h.deps.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, "subsidy"),
          eq(notifications.labourerId, p.labourer.id),
          sql`${notifications.content}->>'status' = 'paid'`,
        ),
      );
    expect(notice).toBeDefined();
    await deliverNotification(systemCtx(e.h.deps), notice!.id);
    const link = messages.find((m) => m.ref === notice!.id)?.wechat?.page;
    expect(link).toBe(`${PUBLIC_URL}/h5/#subsidy/${claimId}`);
    await h5.close();
    h5 = await phone.context.newPage();
    h5.on("pageerror", (err) => phone.errors.push(err.message));
    await h5.goto(link!.slice(PUBLIC_URL.length));
    await poll(() => h5.locator("#claim-body .state").first().textContent()).toBe("已发放");
    expect(await h5.locator("#claim-body").textContent()).toContain("金额 312.50 元");
    await h5.getByRole("button", { name: "返回" }).click();
    const listed = h5.locator(`#subsidy-list article[data-claim="${claimId}"]`);
    await poll(() => listed.locator(".state").textContent()).toBe("已发放");
    expect(await listed.textContent()).toContain("金额 312.50 元");
    expect(await latinOnScreen(h5)).toEqual([]);
    expect(phone.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
  }, 180_000);
});

/** The ticket's day and leg: the date picker and the 去程 button. */
async function fillTravel(page: import("playwright-core").Page) {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await page.getByLabel(/乘车日期/).fill(today);
  await page.getByRole("button", { name: /去程（/ }).click();
}
