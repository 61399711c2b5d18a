import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../src/lib/ctx";
import { runRecommendationRound } from "../../src/modules/recommendations/round";
import { ensureJobsIndex } from "../../src/search/jobs-index";
import { startImportWorker } from "../../workers/import";
import { OutboxRelay } from "../../workers/outbox-relay";
import {
  GONGCHENG,
  HEADER,
  householdNo,
  idNumber,
  mobile,
  writeXlsx,
  ZHOUTANG,
} from "../integration/imports/fixtures";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../integration/training/factory";
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

let e: E2e;
let relay: OutboxRelay;
let worker: Worker;
beforeAll(async () => {
  e = await startE2e();
  relay = new OutboxRelay(e.h.deps, { pollMs: 100 });
  await relay.start();
  worker = startImportWorker(e.h.deps);
});
afterAll(async () => {
  await worker?.close();
  await relay?.stop();
  await e?.close();
});

describe("bureau portal: the pages added for issue 16", () => {
  it("resolves a shortage alert with a note (处理), refusing an empty note in Chinese", async () => {
    const name = "蓝桂香";
    const labourer = await makeLabourer(e.h, {
      name,
      villageCode: VILLAGES.rongshui,
      workIntention: "local",
      occupations: ["导游"],
      skills: [],
    });
    const course = await makeCourse(e.h, {
      brandCode: "lijiang-daoyou",
      occupation: "导游",
      countyCode: "450225",
    });
    const enrolment = await makeEnrolment(e.h, course.id, labourer.id);
    const passed = await json(
      await e.h.api.post(
        `/api/v1/training/enrolments/${enrolment.id}/pass`,
        { certificateNo: "S-LJ-RESOLVE", resultDate: "2026-11-20" },
        await e.h.as.bureau("450225"),
      ),
    );
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    await ensureJobsIndex(e.h.deps.search);
    const round = await runRecommendationRound(systemCtx(e.h.deps), {
      enrolmentId: enrolment.id,
      round: 1,
    });
    expect(round.outcome).toBe("shortage");

    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "450225" }),
    );
    const alert = page.locator("#alerts li", { hasText: name });
    await alert.getByRole("button", { name: "处理" }).click();
    await alert.getByRole("button", { name: "确认已处理" }).click();
    await poll(() => alert.getByRole("alert").textContent()).toBe("请填写处理情况");
    expect(await alert.locator("textarea").getAttribute("aria-invalid")).toBe("true");
    await alert.getByLabel(/处理情况/).fill("已联系融水县旅游公司，安排面试");
    await screenshot(page, "bureau-alert-resolve");
    await alert.getByRole("button", { name: "确认已处理" }).click();
    await poll(() => alert.textContent()).toContain("处理结果：");
    expect(await alert.textContent()).toContain("已联系融水县旅游公司，安排面试");
    expect(await alert.getByRole("button", { name: "处理" }).count()).toBe(0);

    await page.selectOption("#alert-status", "resolved");
    await poll(() => page.locator("#alerts").textContent()).toContain(name);
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it("imports a ledger: upload, progress, counts, and the per-row result to download", async () => {
    const row = (n: number, name: string, id: string, village: string) => [
      n,
      householdNo(),
      name,
      id,
      "户主",
      mobile(),
      "脱贫户",
      "全劳动力",
      "区外",
      village,
    ];
    const file = await writeXlsx([
      {
        header: HEADER,
        rows: [row(1, "廖春花", idNumber(), ZHOUTANG.name), row(2, "廖秋生", "123", ZHOUTANG.name)],
      },
    ]);
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: GONGCHENG }),
    );
    await page.getByRole("link", { name: "台账导入" }).click();
    await poll(() => page.getByLabel(/导入到哪个县/).inputValue()).toBe(GONGCHENG);
    await page.getByRole("button", { name: "开始导入" }).click();
    await poll(() => page.locator("#import-error").textContent()).toBe(
      "请选择台账文件（.xlsx 或 CSV）",
    );
    expect(await page.locator("#import-file").getAttribute("aria-invalid")).toBe("true");

    await page.locator("#import-file").setInputFiles(file);
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect
      .poll(() => page.locator("#import-progress").textContent(), { timeout: 30_000 })
      .toContain("导入完成：共 2 行");
    const counts = await page.locator("#import-counts").textContent();
    expect(counts).toContain("新增1 行");
    expect(counts).toContain("未导入1 行");
    await screenshot(page, "bureau-import");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载逐行结果（Excel）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/导入结果\.xlsx$/);
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
