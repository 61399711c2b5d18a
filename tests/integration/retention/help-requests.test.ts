import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/recommendations";
import { helpRequests } from "../../../db/schema/retention";
import { createHarness, type Harness, json } from "../../support/harness";
import { openPosting, person } from "../applications/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

async function withCadre() {
  const cadre = await h.as.cadre("450332");
  const p = await person(h);
  await h.deps.db
    .update(labourers)
    .set({ assignedCadreUserId: cadre.userId })
    .where(eq(labourers.id, p.labourer.id));
  return { ...p, cadre };
}

const noticesTo = (userId: string) =>
  h.deps.db.select().from(notifications).where(eq(notifications.userId, userId));

describe("求助", () => {
  it("notifies the cadre at once, sits in the queue until answered, and stores the time to first answer", async () => {
    const p = await withCadre();
    const res = await json(
      await h.api.post(
        "/api/v1/help-requests",
        { kind: "wage_arrears", text: "老板两个月没发工资了" },
        p.as,
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      kind: "wage_arrears",
      kindLabel: "工资被拖欠",
      status: "open",
      statusLabel: "等待答复",
      answer: null,
    });
    const told = await noticesTo(p.cadre.userId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: "help_cadre", labourerId: p.labourer.id });
    expect((told[0]!.content as { text: string }).text).toContain("工资被拖欠");

    // A second tap while it is open finds the same request; nobody is told twice.
    const again = await json(
      await h.api.post("/api/v1/help-requests", { kind: "wage_arrears" }, p.as),
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    expect(await noticesTo(p.cadre.userId)).toHaveLength(1);

    const queue = await json(await h.api.get("/api/v1/follow-ups?kind=help_request", p.cadre));
    const task = queue.body.items.find(
      (i: { helpRequest: { id: string } | null }) => i.helpRequest?.id === res.body.id,
    );
    expect(task).toMatchObject({
      kind: "help_request",
      kindLabel: "求助",
      status: "open",
      labourer: { id: p.labourer.id, name: p.labourer.name },
      helpRequest: { kindLabel: "工资被拖欠", text: "老板两个月没发工资了" },
    });
    const otherCounty = await h.as.cadre("450225");
    const theirs = await json(await h.api.get("/api/v1/follow-ups?limit=100", otherCounty));
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
    const notTheirs = await json(
      await h.api.post(
        `/api/v1/follow-ups/${task.id}/resolve`,
        { answer: "我来处理" },
        otherCounty,
      ),
    );
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body.error.code).toBe("FOLLOW_UP_NOT_FOUND");
    expect((await h.api.get(`/api/v1/help-requests/${res.body.id}`, otherCounty)).status).toBe(404);

    // Asked an hour ago; answered now.
    await h.deps.db
      .update(helpRequests)
      .set({ createdAt: new Date(Date.now() - 3600_000) })
      .where(eq(helpRequests.id, res.body.id));
    const answer = "已联系劳动监察大队，明天上午陪您去反映";
    const done = await json(
      await h.api.post(`/api/v1/follow-ups/${task.id}/resolve`, { answer }, p.cadre),
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: "resolved",
      resolution: "staff",
      answer,
      resolvedRole: "cadre",
    });
    const mine = await json(await h.api.get("/api/v1/help-requests/mine", p.as));
    expect(mine.body.items[0]).toMatchObject({ id: res.body.id, status: "answered", answer });
    expect(mine.body.items[0].responseSeconds).toBeGreaterThanOrEqual(3590);
    expect(mine.body.items[0].responseSeconds).toBeLessThan(3700);
    const [stored] = await h.deps.db
      .select()
      .from(helpRequests)
      .where(eq(helpRequests.id, res.body.id));
    expect(stored!.answeredBy).toBe(p.cadre.userId);
    const toLabourer = await h.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.subjectKey, res.body.id));
    expect(toLabourer).toMatchObject([{ kind: "help_answer", labourerId: p.labourer.id }]);

    const twice = await json(
      await h.api.post(`/api/v1/follow-ups/${task.id}/resolve`, { answer }, p.cadre),
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("FOLLOW_UP_ALREADY_RESOLVED");
    const open = await json(await h.api.get("/api/v1/follow-ups?limit=100", p.cadre));
    expect(open.body.items.map((i: { id: string }) => i.id)).not.toContain(task.id);
    // Answered, a new request of the same kind may be made.
    const next = await json(
      await h.api.post("/api/v1/help-requests", { kind: "wage_arrears" }, p.as),
    );
    expect(next.status).toBe(201);
  });

  it("without an assigned cadre, the cadres whose region covers the village are told", async () => {
    const township = await h.as.cadre("450332102");
    const elsewhere = await h.as.cadre("450225");
    const p = await person(h);
    const res = await json(await h.api.post("/api/v1/help-requests", { kind: "find_job" }, p.as));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await noticesTo(township.userId)).toHaveLength(1);
    expect(await noticesTo(elsewhere.userId)).toHaveLength(0);
  });

  it("refuses bad input (400 with field) and callers who are not the labourer (403)", async () => {
    const p = await person(h);
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: "money" }, "kind"],
      [{}, "kind"],
      [{ kind: "other", text: "字".repeat(501) }, "text"],
    ];
    for (const [body, field] of bad) {
      const res = await json(await h.api.post("/api/v1/help-requests", body, p.as));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const cadre = await h.as.cadre("450332");
    const employer = (await openPosting(h)).as;
    for (const as of [cadre, employer]) {
      const res = await json(await h.api.post("/api/v1/help-requests", { kind: "find_job" }, as));
      expect(res.status).toBe(403);
    }
    expect((await json(await h.api.get("/api/v1/follow-ups", employer))).status).toBe(403);
    expect((await json(await h.api.get("/api/v1/follow-ups", p.as))).status).toBe(403);
    const task = await json(
      await h.api.post(
        "/api/v1/follow-ups/00000000-0000-4000-8000-000000000000/resolve",
        { answer: "x" },
        cadre,
      ),
    );
    expect(task.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "answer" });
    // Another labourer cannot read someone's request.
    const mine = await json(await h.api.post("/api/v1/help-requests", { kind: "other" }, p.as));
    const stranger = await person(h);
    expect((await h.api.get(`/api/v1/help-requests/${mine.body.id}`, stranger.as)).status).toBe(
      404,
    );
    expect((await h.api.get(`/api/v1/help-requests/${mine.body.id}`, p.as)).status).toBe(200);
  });
});
