/**
 * The notify worker's batched delivery (src/modules/notifications/deliver-batch.ts): the claims
 * of notifications delivered together are one statement and so are their answers, against a fake
 * WeChat and SMS on loopback. What must hold as for one at a time: each push sent once, each
 * subscription spent once a push (several pushes of one person in one batch lower it by their
 * number), a refused push (43101) clears it, and one bad answer does not lose the others.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, wechatSubscriptions } from "../../../db/schema/notifications";
import { systemCtx } from "../../../src/lib/ctx";
import { deliverNotification } from "../../../src/modules/notifications/deliver";
import {
  batchedDeliveryStore,
  finishBatch,
} from "../../../src/modules/notifications/deliver-batch";
import { claimManyForSending, type Finished } from "../../../src/modules/notifications/repo";
import { addWechatSubscriptions } from "../../../src/modules/notifications/subscription-repo";
import { createHarness, type Harness } from "../../support/harness";
import { aliyunSmsEnv, type FakeSms, type FakeWechat, fakeAliyunSms, fakeWechat } from "./fakes";
import { insertLabourer } from "./people";

const APP = { id: "wx-batch-account", secret: "batch-secret", template: "TPL-JOB-B" };

let h: Harness;
let wx: FakeWechat;
let sms: FakeSms;

beforeAll(async () => {
  wx = await fakeWechat(APP.id, APP.secret);
  sms = await fakeAliyunSms("ak-id", "ak-secret");
  h = await createHarness({
    env: {
      PUBLIC_URL: "https://gangtong.example.cn",
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_APP_ID: APP.id,
      WECHAT_APP_SECRET: APP.secret,
      WECHAT_TEMPLATE_JOB_RECOMMENDATION: APP.template,
      ...aliyunSmsEnv(sms),
    },
  });
});
afterAll(async () => {
  await h?.close();
  await wx?.close();
  await sms?.close();
});

/** A labourer with WeChat bound (openid on the record) and `subscriptions` subscriptions to the push template. */
async function person(subscriptions: number) {
  const openid = `o-${randomUUID()}`;
  wx.addUser(openid);
  const { labourerId } = await insertLabourer(h.deps, { wechatOpenid: openid });
  for (let i = 0; i < subscriptions; i++)
    await addWechatSubscriptions(h.deps.db, openid, [APP.template], new Date());
  return { labourerId, openid };
}

async function pushes(labourerId: string, n: number): Promise<string[]> {
  const rows = await h.deps.db
    .insert(notifications)
    .values(
      Array.from({ length: n }, () => ({
        kind: "round",
        subjectKey: randomUUID(),
        labourerId,
        content: {
          text: "岗通为您推荐了 1 个岗位",
          jobIds: ["7d5c8a1e-1111-4222-8333-944455556666"],
          first: { title: "帮扶车间普工", reason: "离家近" },
        },
      })),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

const remaining = async (openid: string) => {
  const [s] = await h.deps.db
    .select({ remaining: wechatSubscriptions.remaining })
    .from(wechatSubscriptions)
    .where(
      and(eq(wechatSubscriptions.openid, openid), eq(wechatSubscriptions.templateId, APP.template)),
    );
  return s?.remaining;
};

const rowsOf = (ids: string[]) =>
  h.deps.db.select().from(notifications).where(inArray(notifications.id, ids));

describe("batched delivery", () => {
  it("delivers a batch once each and lowers a subscription by the pushes it carried", async () => {
    const a = await person(5);
    const b = await person(1);
    const ids = [...(await pushes(a.labourerId, 3)), ...(await pushes(b.labourerId, 1))];
    const store = batchedDeliveryStore(h.deps);
    const sends = wx.sends.length;
    const outcomes = await Promise.all(
      ids.map((id) => deliverNotification(systemCtx(h.deps), id, store)),
    );
    expect(outcomes).toEqual(["delivered", "delivered", "delivered", "delivered"]);
    const sent = wx.sends.slice(sends).map((s) => s.body.touser);
    expect(sent.filter((o) => o === a.openid)).toHaveLength(3);
    expect(sent.filter((o) => o === b.openid)).toHaveLength(1);
    expect(await remaining(a.openid)).toBe(2);
    expect(await remaining(b.openid)).toBe(0);
    for (const r of await rowsOf(ids))
      expect(r).toMatchObject({ status: "delivered", provider: "wechat", attempts: 1 });

    // Delivered again (a retried job): already final, nothing sent, nothing spent.
    const again = await Promise.all(
      ids.map((id) => deliverNotification(systemCtx(h.deps), id, store)),
    );
    expect(again).toEqual(["already-final", "already-final", "already-final", "already-final"]);
    expect(wx.sends.length).toBe(sends + 4);
    expect(await remaining(a.openid)).toBe(2);
  });

  it("a 43101 in the batch clears the person's subscriptions, whatever else the batch spent", async () => {
    const p = await person(3);
    const ids = await pushes(p.labourerId, 2);
    wx.script.push({ body: { errcode: 43101, errmsg: "user refuse to accept the msg" } });
    const smsBefore = sms.requests.length;
    const store = batchedDeliveryStore(h.deps);
    const outcomes = await Promise.all(
      ids.map((id) => deliverNotification(systemCtx(h.deps), id, store)),
    );
    expect(outcomes.sort()).toEqual(["delivered", "fallback"]);
    expect(sms.requests.length).toBe(smsBefore + 1);
    expect(await remaining(p.openid)).toBe(0);
  });

  it("claims the same notification once when it is asked for twice in a batch", async () => {
    const p = await person(0);
    const [id] = await pushes(p.labourerId, 1);
    const now = new Date();
    const got = await claimManyForSending(h.deps.db, [
      { id: id!, now },
      { id: id!, now },
    ]);
    expect([...got.keys()]).toEqual([id]);
    expect((await claimManyForSending(h.deps.db, [{ id: id!, now }])).size).toBe(0);
    const [row] = await rowsOf([id!]);
    expect(row).toMatchObject({ status: "sending", attempts: 1 });
  });

  it("writes every good answer when one answer in the batch cannot be written", async () => {
    const p = await person(2);
    const ids = await pushes(p.labourerId, 3);
    const now = new Date();
    const claimed = await claimManyForSending(
      h.deps.db,
      ids.map((id) => ({ id, now })),
    );
    const answer = (id: string, status: Finished["status"]): Finished => ({
      n: { id, subjectKey: claimed.get(id)!.subject_key, kind: "round" },
      status,
      provider: "wechat",
      providerMessageId: `msg-${id}`,
      lastError: null,
      now,
      spend: { openid: p.openid, templateId: APP.template, how: "one" },
    });
    const bad = { ...answer(ids[1]!, "delivered"), status: "lost" as Finished["status"] };
    const results = await finishBatch(h.deps.db, [
      answer(ids[0]!, "delivered"),
      bad,
      answer(ids[2]!, "delivered"),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const rows = new Map((await rowsOf(ids)).map((r) => [r.id, r]));
    expect(rows.get(ids[0]!)).toMatchObject({
      status: "delivered",
      providerMessageId: `msg-${ids[0]}`,
    });
    expect(rows.get(ids[1]!)!.status).toBe("sending");
    expect(rows.get(ids[2]!)!.status).toBe("delivered");
    expect(await remaining(p.openid)).toBe(0);
  });
});
