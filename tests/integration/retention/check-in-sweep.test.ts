import type { Job } from "bullmq";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema/outbox";
import { followUpTasks } from "../../../db/schema/retention";
import { runMaintenanceNow, scheduleMaintenance } from "../../../src/queue/maintenance";
import { processMaintenance } from "../../../workers/maintenance";
import { createHarness, type Harness, json } from "../../support/harness";
import { checkInsOf, employedPerson, noticesAbout, sweepAt } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const daysAgo = (n: number) =>
  new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

const tasksOf = (checkInId: string) =>
  h.deps.db.select().from(followUpTasks).where(eq(followUpTasks.checkInId, checkInId));

describe("the daily retention sweep", () => {
  it("asks nothing before day 7; on day 7 one check-in and one push, however often it runs", async () => {
    const p = await employedPerson(h);
    await sweepAt(h, 6);
    expect(await checkInsOf(h, p.employmentId)).toHaveLength(0);

    // Twice in a row, and twice at once: one check-in for (record, day 7), one notification.
    await sweepAt(h, 7);
    await sweepAt(h, 7);
    await Promise.all([sweepAt(h, 7), sweepAt(h, 7)]);
    const rows = await checkInsOf(h, p.employmentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dayOffset: 7, status: "pending", recipient: "labourer" });
    const sent = await noticesAbout(h, rows[0]!.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: "check_in", labourerId: p.labourer.id, userId: null });
    expect((sent[0]!.content as { text: string }).text).toContain("还在这里工作吗？");
    const queued = await h.deps.db.$count(
      outbox,
      and(eq(outbox.type, "notification.created"), eq(outbox.aggregateId, sent[0]!.id)),
    );
    expect(queued).toBe(1);
  });

  it("asks the cadre when the labourer has not consented, and nobody when there is no cadre either", async () => {
    const cadre = await h.as.cadre("450332");
    const viaCadre = await employedPerson(h, { consent: false, cadre });
    const nobody = await employedPerson(h, { consent: false });
    await sweepAt(h, 7);
    const [c1] = await checkInsOf(h, viaCadre.employmentId);
    expect(c1).toMatchObject({ recipient: "cadre", status: "pending" });
    const sent = await noticesAbout(h, c1!.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: "check_in_cadre", userId: cadre.userId });
    const [c2] = await checkInsOf(h, nobody.employmentId);
    expect(c2).toMatchObject({ recipient: "none", status: "pending" });
    expect(await noticesAbout(h, c2!.id)).toHaveLength(0);
  });

  it("catches up after days without a sweep: the latest due day is asked, earlier ones are missed", async () => {
    const late = await employedPerson(h);
    // The sweep did not run on day 7: day 9 still asks the day-7 question.
    await sweepAt(h, 9);
    expect(await checkInsOf(h, late.employmentId)).toMatchObject([
      { dayOffset: 7, status: "pending" },
    ]);
    // Nothing ran from day 0 to day 35: day 7 is missed (not pushed), day 30 is asked.
    const fresh = await employedPerson(h);
    await sweepAt(h, 35);
    const caught = await checkInsOf(h, fresh.employmentId);
    expect(caught.map((r) => [r.dayOffset, r.status])).toEqual([
      [7, "missed"],
      [30, "pending"],
    ]);
    expect(await noticesAbout(h, caught[0]!.id)).toHaveLength(0);
    expect(await noticesAbout(h, caught[1]!.id)).toHaveLength(1);
  });

  it("registers its daily scheduler once, however many processes start", async () => {
    await scheduleMaintenance(h.deps.queues);
    await scheduleMaintenance(h.deps.queues);
    const schedulers = await h.deps.queues.maintenance.getJobSchedulers();
    const mine = schedulers.filter((s) => s.key === "retention-sweep");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ pattern: "0 0 9 * * *", tz: "Asia/Shanghai" });
    // A run asked for by hand has a deterministic id: a double click is one job.
    const a = await runMaintenanceNow(h.deps.queues, "retention-sweep", "2026-12-02");
    const b = await runMaintenanceNow(h.deps.queues, "retention-sweep", "2026-12-02");
    expect(a.id).toBe("retention-sweep-2026-12-02");
    expect(b.id).toBe(a.id);
    // The worker's processor runs the sweep for the job (as after a restart: state is in the tables).
    const p = await employedPerson(h, { startDate: daysAgo(8) });
    const out = await processMaintenance(h.deps)({ name: "retention-sweep", id: "t" } as Job);
    expect(out).toMatchObject({ asked: expect.any(Number) });
    expect(await checkInsOf(h, p.employmentId)).toMatchObject([
      { dayOffset: 7, status: "pending" },
    ]);
  });

  it("turns a check-in unanswered for 3 days into one follow-up task and tells the cadre once", async () => {
    const cadre = await h.as.cadre("450332");
    const p = await employedPerson(h, { cadre });
    await sweepAt(h, 7);
    const [c] = await checkInsOf(h, p.employmentId);
    await sweepAt(h, 9);
    expect(await tasksOf(c!.id)).toHaveLength(0);
    await sweepAt(h, 10);
    await sweepAt(h, 11);
    await Promise.all([sweepAt(h, 11), sweepAt(h, 12)]);
    const tasks = await tasksOf(c!.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: "check_in_unanswered", status: "open" });
    const told = await noticesAbout(h, tasks[0]!.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: "follow_up_cadre", userId: cadre.userId });

    // In the queue of a cadre of the county, not of another county.
    const queue = await json(await h.api.get("/api/v1/follow-ups?limit=100", cadre));
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === tasks[0]!.id);
    expect(item).toMatchObject({
      kind: "check_in_unanswered",
      kindLabel: "回访未回答",
      labourer: { id: p.labourer.id },
      checkIn: { id: c!.id, dayOffset: 7, employmentId: p.employmentId },
    });
    const other = await h.as.cadre("450225");
    const theirs = await json(await h.api.get("/api/v1/follow-ups?limit=100", other));
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(tasks[0]!.id);

    // Answering the check-in (late) closes the task as answered.
    const ans = await json(
      await h.api.post(
        `/api/v1/employments/${p.employmentId}/check-ins/${c!.id}/answer`,
        { answer: "still_working" },
        p.as,
      ),
    );
    expect(ans.status, JSON.stringify(ans.body)).toBe(200);
    expect((await tasksOf(c!.id))[0]).toMatchObject({ status: "resolved", resolution: "answered" });
  });

  it("stops asking about a job that ended: no check-in after the end, pending ones close", async () => {
    const cadre = await h.as.cadre("450332");
    const p = await employedPerson(h, { cadre });
    await sweepAt(h, 7);
    const [c] = await checkInsOf(h, p.employmentId);
    const noDate = await json(
      await h.api.post(`/api/v1/employments/${p.employmentId}/end`, { reason: "quit" }, cadre),
    );
    expect(noDate.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "endDate" });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const ok = await json(
      await h.api.post(
        `/api/v1/employments/${p.employmentId}/end`,
        { endDate: today, reason: "quit" },
        cadre,
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await checkInsOf(h, p.employmentId))[0]).toMatchObject({ status: "closed" });
    await sweepAt(h, 31);
    expect(await checkInsOf(h, p.employmentId)).toHaveLength(1);
    expect(await tasksOf(c!.id)).toHaveLength(0);
  });
});
