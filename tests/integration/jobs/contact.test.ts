import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { type AuthAs, createHarness, eventually, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob, randomPhone } from "./factory";

// The business clock of this file: the daily limit is per China calendar day.
let shiftMs = 0;
// A small daily limit keeps the test short (the default, 30, is checked in tests/unit/config.test.ts).
const LIMIT = 4;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    env: { JOB_CONTACT_READS_PER_DAY: String(LIMIT) },
    overrides: { now: () => new Date(Date.now() + shiftMs) },
  });
});
afterAll(async () => {
  await h?.close();
});

const contact = (id: string, as?: AuthAs) => h.api.get(`/api/v1/jobs/${id}/contact`, as);
const auditRows = (jobId: string) =>
  h.deps.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "job"),
        eq(auditLog.entityId, jobId),
        eq(auditLog.action, "job.contact.read"),
      ),
    );

/** An open odd job in 恭城 (450332) whose phone is typed the way people type it. */
async function postingWithPhone(
  o: { regionCode?: string; open?: boolean; channel?: "odd_job" | "gd_gx" } = {},
) {
  const employer = await makeEmployer(h, { regionCode: o.regionCode ?? "450332" });
  const owner = await asEmployer(h, employer.id);
  const phone = randomPhone();
  const typed = `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
  const job = await makeJob(
    h,
    owner,
    jobBody(o.channel ?? "odd_job", { contactPhone: typed, contactName: "王经理" }),
    {
      open: o.open,
    },
  );
  return { employer, owner, phone, job };
}

describe("GET /jobs/{id}/contact: who may read the full phone", () => {
  it("answers the full, normalised number with the masked one, and is never cached", async () => {
    const { phone, job } = await postingWithPhone();
    const res = await contact(job.id, await h.as.admin());
    const { status, body } = await json(res);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({
      contactName: "王经理",
      phone,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses anonymous callers with 401 and writes nothing", async () => {
    const { job } = await postingWithPhone();
    const { status, body } = await json(await contact(job.id));
    expect(status).toBe(401);
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(await auditRows(job.id)).toEqual([]);
  });

  it("lets bureau and cadres read inside their region only; outside is JOB_NOT_FOUND", async () => {
    const { phone, job } = await postingWithPhone({ regionCode: "450332" });
    for (const as of [
      await h.as.bureau("450332"),
      await h.as.bureau("4503"),
      await h.as.cadre("450332"),
      await h.as.cadre("45"),
    ]) {
      const { status, body } = await json(await contact(job.id, as));
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.phone).toBe(phone);
    }
    for (const as of [
      await h.as.bureau("450225"),
      await h.as.cadre("450225"),
      await h.as.cadre("4502"),
    ]) {
      const { status, body } = await json(await contact(job.id, as));
      expect(status).toBe(404);
      expect(body.error.code).toBe("JOB_NOT_FOUND");
    }
    expect(await auditRows(job.id)).toHaveLength(4);
  });

  it("covers a gd_gx posting for the staff of its departure county, like the other job reads", async () => {
    const { phone, job } = await postingWithPhone({ regionCode: "440306", channel: "gd_gx" });
    const ok = await json(await contact(job.id, await h.as.cadre("450332")));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.phone).toBe(phone);
    expect((await contact(job.id, await h.as.cadre("450225"))).status).toBe(404);
  });

  it("lets staff in scope and the owner read drafts and ended postings too", async () => {
    const { owner, phone, job: draft } = await postingWithPhone({ open: false });
    for (const as of [
      owner,
      await h.as.cadre("450332"),
      await h.as.bureau("450332"),
      await h.as.admin(),
    ]) {
      const { status, body } = await json(await contact(draft.id, as));
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.phone).toBe(phone);
    }
    const { owner: owner2, job: filled } = await postingWithPhone();
    expect((await h.api.post(`/api/v1/jobs/${filled.id}/fill`, {}, owner2)).status).toBe(200);
    expect((await contact(filled.id, owner2)).status).toBe(200);
    expect((await contact(filled.id, await h.as.cadre("450332"))).status).toBe(200);
  });

  it("gives another employer a 404, even for an open posting", async () => {
    const { job } = await postingWithPhone();
    const stranger = await asEmployer(h, (await makeEmployer(h)).id);
    const { status, body } = await json(await contact(job.id, stranger));
    expect(status).toBe(404);
    expect(body.error.code).toBe("JOB_NOT_FOUND");
    expect(await auditRows(job.id)).toEqual([]);
  });

  it("is a 404 for a posting that does not exist", async () => {
    const { status, body } = await json(
      await contact("00000000-0000-4000-8000-000000000000", await h.as.admin()),
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe("JOB_NOT_FOUND");
  });
});

describe("job seekers", () => {
  it("read an open posting's phone once signed in", async () => {
    const { phone, job } = await postingWithPhone();
    const { status, body } = await json(await contact(job.id, await h.as.user("labourer")));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.phone).toBe(phone);
  });

  it("get 404 for a draft and 409 JOB_NOT_OPEN, in Chinese, for a posting that stopped taking people", async () => {
    const labourer = await h.as.user("labourer");
    const { job: draft } = await postingWithPhone({ open: false });
    const d = await json(await contact(draft.id, labourer));
    expect(d.status).toBe(404);
    expect(d.body.error.code).toBe("JOB_NOT_FOUND");

    const { owner, job: filled } = await postingWithPhone();
    await h.api.post(`/api/v1/jobs/${filled.id}/fill`, {}, owner);
    const { owner: owner2, job: closed } = await postingWithPhone();
    await h.api.post(`/api/v1/jobs/${closed.id}/close`, {}, owner2);
    const { job: expired } = await postingWithPhone();
    await h.deps.db.update(jobs).set({ status: "expired" }).where(eq(jobs.id, expired.id));
    // Past its deadline, before the expiry run has marked it.
    const { job: overdue } = await postingWithPhone();
    await h.deps.db
      .update(jobs)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(jobs.id, overdue.id));
    const { employer: suspendedEmployer, job: suspended } = await postingWithPhone();
    await h.deps.db
      .update(employers)
      .set({ verificationStatus: "suspended" })
      .where(eq(employers.id, suspendedEmployer.id));

    const cases: [string, string, string][] = [
      [filled.id, "filled", "该岗位已招满"],
      [closed.id, "closed", "该岗位已关闭"],
      [expired.id, "expired", "该岗位已过报名截止时间"],
      [overdue.id, "expired", "该岗位已过报名截止时间"],
      [suspended.id, "employer_not_verified", "该岗位暂停招聘"],
    ];
    for (const [id, reason, message] of cases) {
      const { status, body } = await json(await contact(id, labourer));
      expect(status, `${reason} ${JSON.stringify(body)}`).toBe(409);
      expect(body.error).toMatchObject({ code: "JOB_NOT_OPEN", details: { reason } });
      expect(body.error.message).toContain(message);
      expect(await auditRows(id)).toEqual([]);
    }
  });

  it("read at most JOB_CONTACT_READS_PER_DAY distinct postings per China day; re-reads are free", async () => {
    const employer = await makeEmployer(h);
    const owner = await asEmployer(h, employer.id);
    const ids: string[] = [];
    for (let i = 0; i <= LIMIT; i++) ids.push((await makeJob(h, owner, jobBody("odd_job"))).id);
    const labourer = await h.as.user("labourer");
    for (const id of ids.slice(0, LIMIT)) {
      const res = await contact(id, labourer);
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const over = await json(await contact(ids[LIMIT]!, labourer));
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({
      code: "JOB_CONTACT_DAILY_LIMIT",
      details: { limit: LIMIT },
    });
    expect(over.body.error.message).toMatch(/^今天已查看 \d+ 个岗位的联系电话/);
    expect(over.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(over.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);
    expect(await auditRows(ids[LIMIT]!)).toEqual([]);

    // A posting already read today is read again (and audited again).
    expect((await contact(ids[0]!, labourer)).status).toBe(200);
    expect(await auditRows(ids[0]!)).toHaveLength(2);
    // Another job seeker, and staff, are not affected.
    expect((await contact(ids[LIMIT]!, await h.as.user("labourer"))).status).toBe(200);
    expect((await contact(ids[LIMIT]!, await h.as.cadre("450332"))).status).toBe(200);

    // The next China day starts a new count.
    shiftMs = 24 * 3600 * 1000;
    try {
      expect((await contact(ids[LIMIT]!, labourer)).status).toBe(200);
    } finally {
      shiftMs = 0;
    }
  });

  // Parallel reads racing for the last slot are serialised by a per-account advisory lock. The
  // test holds that lock itself first: the reads must wait for it (no audit row is written while
  // it is held), then take the last slot one at a time.
  it("cannot take the last slot twice with parallel reads", async () => {
    const employer = await makeEmployer(h);
    const owner = await asEmployer(h, employer.id);
    const labourer = await h.as.user("labourer");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await makeJob(h, owner, jobBody("odd_job"))).id);
    // Fill all but one slot with earlier reads of other postings (audit rows as the endpoint writes them).
    const fillers = Array.from({ length: LIMIT - 1 }, (_, i) => ({
      at: new Date(),
      actorUserId: labourer.userId,
      actorRole: "labourer",
      action: "job.contact.read",
      entityType: "job",
      entityId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      requestId: "test",
    }));
    await h.deps.db.insert(auditLog).values(fillers);
    const reads = async () =>
      (await h.deps.db.select().from(auditLog).where(eq(auditLog.actorUserId, labourer.userId)))
        .length;
    const holder = await h.deps.db.$client.reserve();
    let pending: Promise<number[]>;
    try {
      await holder`begin`;
      await holder`select pg_advisory_xact_lock(hashtextextended(${`job.contact:${labourer.userId}`}, 0))`;
      pending = Promise.all(ids.map(async (id) => (await contact(id, labourer)).status));
      // Positive control: all four reads are queued on the lock (not merely not yet started) ...
      await eventually(async () => {
        const [row] = await holder`select count(*)::int as n from pg_locks
          where locktype = 'advisory' and not granted
            and database = (select oid from pg_database where datname = current_database())`;
        return row?.n === ids.length;
      });
      // ... and none of them has written its audit row.
      expect(await reads()).toBe(LIMIT - 1);
    } finally {
      await holder`commit`;
      holder.release();
    }
    const statuses = await pending;
    expect(await reads()).toBe(LIMIT);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });
});

describe("the audit trail and masking", () => {
  it("writes one row per read: actor, role, request, subject = job, purpose; never the number", async () => {
    const { phone, job, owner, employer } = await postingWithPhone();
    const cadre = await h.as.cadre("450332");
    const labourer = await h.as.user("labourer");
    for (const as of [cadre, owner, labourer, cadre])
      expect((await contact(job.id, as)).status).toBe(200);
    const rows = await auditRows(job.id);
    expect(rows).toHaveLength(4);
    const byActor = (userId: string) => rows.filter((r) => r.actorUserId === userId);
    expect(byActor(cadre.userId)).toHaveLength(2);
    expect(byActor(cadre.userId)[0]).toMatchObject({
      actorRole: "cadre",
      details: { purpose: "assist_labourer", employerId: employer.id },
    });
    expect(byActor(owner.userId)[0]).toMatchObject({
      actorRole: "employer",
      details: { purpose: "own_posting" },
    });
    expect(byActor(labourer.userId)[0]).toMatchObject({
      actorRole: "labourer",
      details: { purpose: "job_seeker_contact", status: "open" },
    });
    for (const r of rows) {
      expect(r.requestId).toBeTruthy();
      const text = JSON.stringify(r);
      expect(text).not.toContain(phone);
      expect(text).not.toContain(phone.slice(3));
    }
  });

  it("leaves every other response masked after a full read", async () => {
    const { phone, job, owner } = await postingWithPhone();
    expect((await contact(job.id, owner)).status).toBe(200);
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    const pub = await json(await h.api.get(`/api/v1/jobs/${job.id}`));
    expect(pub.body.contactPhone).toBe(masked);
    const own = await json(await h.api.get(`/api/v1/jobs/${job.id}`, owner));
    expect(own.body.contactPhone).toBe(masked);
    const list = await json(await h.api.get("/api/v1/jobs?limit=100", owner));
    expect(list.status).toBe(200);
    for (const body of [pub.body, own.body, list.body])
      expect(JSON.stringify(body)).not.toContain(phone);
  });

  it("is in the OpenAPI document with a Chinese summary and its error codes", async () => {
    const { body } = await json(await h.api.get("/openapi.json"));
    const op = body.paths["/api/v1/jobs/{id}/contact"].get;
    expect(op.summary).toMatch(/完整手机号.*审计/);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "404", "409", "429"]);
    expect(op.responses["429"].description).toContain("JOB_CONTACT_DAILY_LIMIT");
  });
});
