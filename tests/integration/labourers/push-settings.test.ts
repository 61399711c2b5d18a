import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { createLogger } from "../../../src/lib/logger";
import { devSinkNotifier } from "../../../src/modules/notifications/notifier";
import { startNotifyWorker } from "../../../workers/notify";
import { OutboxRelay } from "../../../workers/outbox-relay";
import { startRecommendWorker } from "../../../workers/recommend";
import { startSearchSyncWorker } from "../../../workers/search-sync";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { apply, moves, openPosting, person } from "../applications/factory";
import { makeCourse, makeEnrolment } from "../training/factory";

/**
 * Issue 16, 推送设置 on the H5 page: what the person sets through PATCH /api/v1/labourers/me
 * changes who a push really goes to — WeChat or SMS (`pushChannel`), or no job pushes at all
 * (`contactConsent`, with the time of the decision).
 */
const sink = devSinkNotifier(createLogger("silent"));
let h: Harness;
let relay: OutboxRelay;
let workers: Worker[] = [];

beforeAll(async () => {
  h = await createHarness({ sync: true, overrides: { notifier: sink } });
  relay = new OutboxRelay(h.deps, { pollMs: 200 });
  await relay.start();
  workers = [
    await startSearchSyncWorker(h.deps),
    await startRecommendWorker(h.deps),
    startNotifyWorker(h.deps),
  ];
});
afterAll(async () => {
  await relay?.stop();
  await Promise.all(workers.map((w) => w.close()));
  await h?.close();
});

/** The messages that reached the labourer, once `count` of their notifications are final. */
async function delivered(labourerId: string, count: number) {
  const rows = await eventually(async () => {
    const r = await h.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.labourerId, labourerId));
    return r.length >= count && r.every((n) => n.status !== "pending" && n.status !== "sending")
      ? r
      : undefined;
  }, 20_000);
  return rows.map((n) => ({ row: n, sent: sink.sent.filter((s) => s.ref === n.id) }));
}

describe("推送设置 changes who the push goes to", () => {
  it("短信 sends by SMS even with WeChat bound; 微信 goes back to WeChat", async () => {
    const p = await person(h, { contactConsent: true });
    await h.deps.db
      .update(labourers)
      .set({ wechatOpenid: `oTest${p.labourer.id.slice(0, 8)}` })
      .where(eq(labourers.id, p.labourer.id));

    const sms = await json(await h.api.patch("/api/v1/labourers/me", { pushChannel: "sms" }, p.as));
    expect(sms.status, JSON.stringify(sms.body)).toBe(200);
    expect(sms.body.pushChannel).toBe("sms");
    const first = await openPosting(h);
    await moves(h, first.as, (await apply(h, p.as, first.job.id)).id, { to: "accepted" });
    const [one] = await delivered(p.labourer.id, 1);
    expect(one!.sent).toHaveLength(1);
    expect(one!.sent[0]!.to.openId).toBe(false);
    expect(one!.sent[0]!.to.phone).toBe(p.labourer.phoneMasked);

    const wx = await json(
      await h.api.patch("/api/v1/labourers/me", { pushChannel: "wechat" }, p.as),
    );
    expect(wx.body.pushChannel).toBe("wechat");
    const second = await openPosting(h);
    await moves(h, second.as, (await apply(h, p.as, second.job.id)).id, { to: "accepted" });
    const both = await delivered(p.labourer.id, 2);
    const latest = both.find((b) => b.row.id !== one!.row.id)!;
    expect(latest.sent).toHaveLength(1);
    expect(latest.sent[0]!.to.openId).toBe(true);
  });

  it("关闭推送: the round is stored but not pushed (the time of the decision recorded); 打开 pushes", async () => {
    // Postings the rounds can find (育婴 work in 恭城, indexed).
    for (let i = 0; i < 3; i++)
      await openPosting(h, {
        channel: "workshop",
        fields: { occupation: "育婴员", title: `育婴员 ${i}`, regionCode: "450332" },
      });
    const fields = { contactConsent: true, workIntention: "local", skills: [] };
    const off = await person(h, fields);
    const on = await person(h, fields);
    const res = await json(
      await h.api.patch("/api/v1/labourers/me", { contactConsent: false }, off.as),
    );
    expect(res.status).toBe(200);
    expect(res.body.contactConsent).toBe(false);
    expect(Date.parse(res.body.consentAt)).toBeGreaterThan(Date.now() - 60_000);

    const staff = await h.as.bureau("450332");
    for (const who of [off, on]) {
      const course = await makeCourse(h, {
        brandCode: "bagui-jiazheng",
        occupation: "育婴员",
        countyCode: "450332",
      });
      const enrolment = await makeEnrolment(h, course.id, who.labourer.id);
      const passed = await h.api.post(
        `/api/v1/training/enrolments/${enrolment.id}/pass`,
        { certificateNo: `S-${enrolment.id.slice(0, 8)}`, resultDate: "2026-11-20" },
        staff,
      );
      expect(passed.status).toBe(200);
    }
    const statuses = async (id: string) =>
      (await delivered(id, 1)).map((d) => ({ status: d.row.status, sent: d.sent.length }));
    expect(await statuses(off.labourer.id)).toEqual([{ status: "skipped", sent: 0 }]);
    expect(await statuses(on.labourer.id)).toEqual([{ status: "delivered", sent: 1 }]);
  });
});
