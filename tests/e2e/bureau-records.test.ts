import type { Worker } from "bullmq";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/audit";
import { labourers } from "../../db/schema/labourers";
import { recommendationRounds, recommendations } from "../../db/schema/recommendations";
import { trainingEnrolments } from "../../db/schema/training";
import { OutboxRelay } from "../../workers/outbox-relay";
import { startRecommendWorker } from "../../workers/recommend";
import { idNumber, makeLabourer, VILLAGES } from "../integration/labourers/factory";
import { makeCourse } from "../integration/training/factory";
import { eventually } from "../support/harness";
import {
  DESKTOP,
  type E2e,
  layoutProblems,
  passwordUser,
  poll,
  screenshot,
  startE2e,
} from "./browser";
import { latinOnScreen, openJobs, signInPortal } from "./fixtures";

let e: E2e;
let relay: OutboxRelay;
let worker: Worker;
beforeAll(async () => {
  e = await startE2e();
  relay = new OutboxRelay(e.h.deps, { pollMs: 100 });
  await relay.start();
  worker = await startRecommendWorker(e.h.deps);
});
afterAll(async () => {
  await worker?.close();
  await relay?.stop();
  await e?.close();
});

describe("bureau portal: 培训记录 and 劳动力登记与核实 (issue 16)", () => {
  it("records 培训合格 for a person, which produces their recommendation round", async () => {
    await openJobs(e.h);
    const person = await makeLabourer(e.h, {
      name: "韦丽娟",
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
      contactConsent: true,
      skills: [],
    });
    const course = await makeCourse(e.h, { title: "八桂家政（育婴员）订单培训班第 7 期" });
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "450332", displayName: "恭城县人社局" }),
    );
    await page.getByRole("link", { name: "培训记录" }).click();
    await page.getByRole("button", { name: "登记培训结果" }).click();
    await page.getByLabel("人员姓名").fill("韦丽娟");
    await page.locator("#tr-person-find").click();
    await poll(() => page.locator("#tr-person option").first().textContent()).toContain("韦丽娟");
    await poll(() => page.locator("#tr-course option").count()).toBeGreaterThan(1);
    await page.locator("#tr-course").selectOption(course.id);
    // No certificate number: refused on the page, under the field.
    await page.getByRole("button", { name: "保存培训结果" }).click();
    await poll(() => page.locator("#tr-cert-error").textContent()).toBe("请填写证书编号");
    expect(await page.locator("#tr-cert").getAttribute("aria-invalid")).toBe("true");
    // A date before the course began: the API's refusal, under the date.
    await page.locator("#tr-cert").fill("S000045033200263000777");
    await page.locator("#tr-date").fill("2026-02-01");
    await page.getByRole("button", { name: "保存培训结果" }).click();
    await poll(() => page.locator("#tr-date-error").textContent()).toBe("结业日期不能早于开班日期");
    await page.locator("#tr-date").fill("2026-03-20");
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    await screenshot(page, "bureau-training-form");
    await page.getByRole("button", { name: "保存培训结果" }).click();
    await poll(() => page.locator("#tr-done").textContent()).toContain("已登记：韦丽娟 培训合格");
    const row = page.locator("#training li", { hasText: "韦丽娟" });
    await poll(() => row.textContent()).toContain("证书编号：S000045033200263000777");
    expect(await row.textContent()).toContain("培训合格");

    const [enrolment] = await e.h.deps.db
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.labourerId, person.id));
    expect(enrolment).toMatchObject({ courseId: course.id, status: "passed" });
    // The pass went out through the outbox (training.passed) to the recommend worker.
    const round = await eventually(async () => {
      const [r] = await e.h.deps.db
        .select()
        .from(recommendationRounds)
        .where(eq(recommendationRounds.labourerId, person.id));
      return r;
    }, 30_000);
    expect(round).toMatchObject({ enrolmentId: enrolment!.id, trigger: "training_passed" });
    const recs = await e.h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.roundId, round.id));
    expect(recs.length).toBeGreaterThanOrEqual(3);

    await page.locator("#training-filter").selectOption("passed");
    await poll(() => page.locator("#training").textContent()).toContain("韦丽娟");
    // The certificate number's letter is the certificate's, not the page's.
    expect(await latinOnScreen(page, ["S"])).toEqual([]);
    await screenshot(page, "bureau-training");
    expect(errors).toEqual([]);
  }, 120_000);

  it("registers a labourer with field errors in Chinese, shows the full numbers on a tap (audited) and verifies", async () => {
    const taken = await makeLabourer(e.h, { name: "莫已登", villageCode: VILLAGES.gongcheng });
    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "450332", displayName: "恭城县人社局" }),
    );
    await page.getByRole("link", { name: "劳动力登记" }).click();
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await poll(() => page.locator("#reg-name-error").textContent()).toBe("请填写姓名");
    expect(await page.locator("#reg-idNumber-error").textContent()).toBe("请填写身份证号");
    expect(await page.locator("#reg-villageCode-error").textContent()).toBe(
      "请先查找并选择所在的村",
    );
    expect(await page.locator("#reg-personType-error").textContent()).toBe("请选择人员类别");
    expect(await page.locator("#reg-error").textContent()).toBe("有 4 处需要修改，见红色提示。");

    const good = idNumber("450332", { year: 1988 });
    const wrongCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    await page.getByLabel("姓名 *").fill("黄春燕");
    await page.getByLabel("身份证号 *").fill(wrongCheck);
    await page.getByLabel("手机号").fill("139 0773 5566");
    await page.getByLabel("户籍所在村 *").fill("竹山村");
    await page.locator("#reg-village-find").click();
    await poll(() => page.locator("#reg-villageCode").inputValue()).toBe(VILLAGES.gongcheng);
    await page.getByLabel("人员类别 *").selectOption("monitored");
    await page.getByLabel("务工意愿 *").selectOption("out_province");
    await page.getByLabel(/想做的工种/).fill("育婴员、保洁员");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await poll(() => page.locator("#reg-idNumber-error").textContent()).toBe(
      "身份证号最后一位校验不对，请逐位核对",
    );
    // Somebody registered already: the API's refusal, under the ID number.
    await page.getByLabel("身份证号 *").fill(taken.input.idNumber);
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await poll(() => page.locator("#reg-idNumber-error").textContent()).toBe(
      "此人已登记，请勿重复登记",
    );
    expect(await page.locator("#reg-idNumber").getAttribute("aria-invalid")).toBe("true");
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    await screenshot(page, "bureau-register-errors");

    await page.getByLabel("身份证号 *").fill(good);
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await poll(() => page.locator("#reg-done").textContent()).toContain("已登记：黄春燕");
    const [stored] = await e.h.deps.db.select().from(labourers).where(eq(labourers.name, "黄春燕"));
    expect(stored).toMatchObject({
      personType: "monitored",
      workIntention: "out_province",
      villageCode: VILLAGES.gongcheng,
      occupations: ["育婴员", "保洁员"],
      contactConsent: true,
      verifiedAt: null,
    });

    const item = page.locator("#pending li", { hasText: "黄春燕" });
    await poll(() => item.textContent()).toContain(stored!.idNumberMasked);
    expect(await item.textContent()).not.toContain(good);
    expect(await item.textContent()).toContain("139****5566");
    await item.getByRole("button", { name: "查看完整号码" }).click();
    await poll(() => item.textContent()).toContain(good);
    expect(await item.textContent()).toContain("13907735566");
    const reads = await e.h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, stored!.id), eq(auditLog.action, "labourer.identity.read")));
    expect(reads).toHaveLength(1);
    await screenshot(page, "bureau-register");
    await item.getByRole("button", { name: "核实" }).click();
    await poll(() => item.textContent()).toContain("已核实");
    const [after] = await e.h.deps.db.select().from(labourers).where(eq(labourers.id, stored!.id));
    expect(after!.verifiedAt).not.toBeNull();
    // Drawn again from the server: no longer waiting.
    await page.getByRole("link", { name: "人员名单" }).click();
    await page.getByRole("link", { name: "劳动力登记" }).click();
    await poll(() => page.locator("#pending-status").textContent()).not.toBe("正在加载…");
    expect(await page.locator("#pending").textContent()).not.toContain("黄春燕");
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
