import { randomUUID } from "node:crypto";
import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { households, labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { applications, employmentEvidence, employments } from "../../../db/schema/placement";
import { recommendationRounds, shortageAlerts } from "../../../db/schema/recommendations";
import { employmentCheckIns, followUpTasks, helpRequests } from "../../../db/schema/retention";
import { trainingCourses, trainingEnrolments } from "../../../db/schema/training";
import { users } from "../../../db/schema/users";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { type Doc, okSchema, operations } from "../../support/openapi-walk";
import { apply, openPosting, person } from "../applications/factory";
import { makeEmployer as registerEmployer } from "../employers/factory";
import { asEmployer, makeEmployer as insertEmployer, jobBody, makeJob } from "../jobs/factory";
import { makeHousehold, makeLabourer } from "../labourers/factory";
import { SUBSIDY_SEEDERS } from "../subsidies/paging-seeders";
import { makeCourse, makeEnrolment } from "../training/factory";

/**
 * Every list in the OpenAPI document (a 200 with `items` and `nextCursor`) is paged with limit=2
 * over rows that share one created_at, as rows written by one batch or import do: every row must
 * come exactly once. A list added later without a seeder here fails the coverage test, so it is
 * either covered or noticed.
 */
let h: Harness;
let admin: AuthAs;
let doc: Doc;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.as.admin();
  doc = (await (await h.api.get("/openapi.json")).json()) as Doc;
});
afterAll(async () => {
  await h?.close();
});

const ROWS = 7;
const times = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Rows of one list: the table they live in and their ids; `url` and `as` where the list needs a
 * path parameter, a filter or a caller other than an admin (an employer's applicants, a labourer's own).
 */
type Seeder = (h: Harness) => Promise<{ table: PgTable; ids: string[]; url?: string; as?: AuthAs }>;

/** One labourer applying to ROWS postings. */
async function applicationsOfOne(h: Harness) {
  const p = await person(h);
  const ids: string[] = [];
  for (const _ of times(ROWS)) ids.push((await apply(h, p.as, (await openPosting(h)).job.id)).id);
  return { p, ids };
}

/** A labourer with an enrolment, and `n` recommendation rounds on it (shortage alerts hang on rounds). */
async function rounds(h: Harness, n: number) {
  const labourer = await makeLabourer(h);
  const course = await makeCourse(h);
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const rows = await h.deps.db
    .insert(recommendationRounds)
    .values(
      times(n).map((i) => ({
        labourerId: labourer.id,
        enrolmentId: enrolment.id,
        round: i + 1,
        trigger: "rerun" as const,
        outcome: "shortage" as const,
        picked: 0,
      })),
    )
    .returning();
  return { labourer, rows };
}

/** A labourer (with a session) holding one recorded job with ROWS check-ins (rows only). */
async function checkInsOfOne(h: Harness) {
  const p = await person(h);
  const res = await json(
    await h.api.post(
      "/api/v1/employments",
      {
        labourerId: p.labourer.id,
        source: "self_found",
        employerName: "恭城县果园",
        regionCode: "450332",
        startDate: "2026-11-01",
      },
      admin,
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const rows = await h.deps.db
    .insert(employmentCheckIns)
    .values(
      times(ROWS).map((i) => ({
        employmentId: res.body.id,
        labourerId: p.labourer.id,
        dayOffset: i + 1,
        dueDate: "2026-11-08",
        recipient: "labourer" as const,
        askedAt: new Date(),
      })),
    )
    .returning();
  return { p, employmentId: res.body.id as string, ids: rows.map((r) => r.id) };
}

const SEEDERS: Record<string, Seeder> = {
  "/api/v1/users": async (h) => ({
    table: users,
    ids: (await Promise.all(times(ROWS).map(() => h.as.cadre("450332")))).map((u) => u.userId),
  }),
  "/api/v1/labourers": async (h) => ({
    table: labourers,
    ids: (await Promise.all(times(ROWS).map(() => makeLabourer(h)))).map((l) => l.id),
  }),
  "/api/v1/households": async (h) => ({
    table: households,
    ids: (await Promise.all(times(ROWS).map(() => makeHousehold(h)))).map((x) => x.id),
  }),
  "/api/v1/employers": async (h) => ({
    table: employers,
    ids: (await Promise.all(times(ROWS).map(() => registerEmployer(h)))).map((e) => e.id),
  }),
  "/api/v1/training/courses": async (h) => ({
    table: trainingCourses,
    ids: (await Promise.all(times(ROWS).map(() => makeCourse(h)))).map((c) => c.id),
  }),
  "/api/v1/training/enrolments": async (h) => {
    const course = await makeCourse(h);
    const people = await Promise.all(times(ROWS).map(() => makeLabourer(h)));
    const ids = [];
    for (const p of people) ids.push((await makeEnrolment(h, course.id, p.id)).id);
    return { table: trainingEnrolments, ids };
  },
  "/api/v1/jobs": async (h) => {
    const employer = await insertEmployer(h);
    const as = await asEmployer(h, employer.id);
    const posted = await Promise.all(
      times(ROWS).map(() => makeJob(h, as, jobBody("gd_gx"), { open: false })),
    );
    return { table: jobs, ids: posted.map((j: { id: string }) => j.id) };
  },
  "/api/v1/jobs/{id}/applications": async (h) => {
    const { job, as } = await openPosting(h, { headcount: 10 });
    const ids: string[] = [];
    for (const _ of times(ROWS)) ids.push((await apply(h, (await person(h)).as, job.id)).id);
    return { table: applications, ids, url: `/api/v1/jobs/${job.id}/applications`, as };
  },
  "/api/v1/applications": async (h) => {
    const { p, ids } = await applicationsOfOne(h);
    return { table: applications, ids, url: `/api/v1/applications?labourerId=${p.labourer.id}` };
  },
  "/api/v1/applications/mine": async (h) => {
    const { p, ids } = await applicationsOfOne(h);
    return { table: applications, ids, as: p.as };
  },
  "/api/v1/employments": async (h) => {
    const labourer = await makeLabourer(h);
    const ids: string[] = [];
    for (const i of times(ROWS)) {
      const res = await json(
        await h.api.post(
          "/api/v1/employments",
          {
            labourerId: labourer.id,
            source: "self_found",
            employerName: `恭城县果园${i}`,
            regionCode: "450332",
            startDate: "2026-11-01",
          },
          admin,
        ),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    return { table: employments, ids, url: `/api/v1/employments?labourerId=${labourer.id}` };
  },
  "/api/v1/employments/{id}/evidence": async (h) => {
    const labourer = await makeLabourer(h);
    const res = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: labourer.id,
          source: "self_found",
          employerName: "恭城县果园",
          regionCode: "450332",
          startDate: "2026-11-01",
        },
        admin,
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Rows only: listing reads no file.
    const rows = await h.deps.db
      .insert(employmentEvidence)
      .values(
        times(ROWS).map(() => ({
          employmentId: res.body.id,
          storageKey: randomUUID(),
          mediaType: "image/jpeg",
          sizeBytes: 1024,
          sha256: "0".repeat(64),
        })),
      )
      .returning();
    return {
      table: employmentEvidence,
      ids: rows.map((r) => r.id),
      url: `/api/v1/employments/${res.body.id}/evidence`,
    };
  },
  "/api/v1/notifications": async (h) => {
    const labourer = await makeLabourer(h);
    const rows = await h.deps.db
      .insert(notifications)
      .values(
        times(ROWS).map(() => ({
          kind: "round",
          subjectKey: randomUUID(),
          labourerId: labourer.id,
          content: { text: "为您推荐 3 个岗位", jobIds: [] },
        })),
      )
      .returning();
    return { table: notifications, ids: rows.map((r) => r.id) };
  },
  "/api/v1/check-ins/mine": async (h) => {
    const { p, ids } = await checkInsOfOne(h);
    return { table: employmentCheckIns, ids, as: p.as };
  },
  "/api/v1/employments/{id}/check-ins": async (h) => {
    const { employmentId, ids } = await checkInsOfOne(h);
    return { table: employmentCheckIns, ids, url: `/api/v1/employments/${employmentId}/check-ins` };
  },
  "/api/v1/help-requests/mine": async (h) => {
    // Answered ones: only one request per kind may be open.
    const p = await person(h);
    const rows = await h.deps.db
      .insert(helpRequests)
      .values(
        times(ROWS).map(() => ({
          labourerId: p.labourer.id,
          kind: "find_job" as const,
          status: "answered" as const,
          answer: "已联系",
        })),
      )
      .returning();
    return { table: helpRequests, ids: rows.map((r) => r.id), as: p.as };
  },
  "/api/v1/follow-ups": async (h) => {
    const labourer = await makeLabourer(h);
    const rows = await h.deps.db
      .insert(followUpTasks)
      .values(
        times(ROWS).map(() => ({
          kind: "check_in_unanswered" as const,
          labourerId: labourer.id,
        })),
      )
      .returning();
    return { table: followUpTasks, ids: rows.map((r) => r.id) };
  },
  "/api/v1/shortage-alerts": async (h) => {
    // One open alert per person (a partial unique index): seven people, one short round each.
    const ids: string[] = [];
    for (const _ of times(ROWS)) {
      const { labourer, rows } = await rounds(h, 1);
      const [alert] = await h.deps.db
        .insert(shortageAlerts)
        .values({
          roundId: rows[0]!.id,
          labourerId: labourer.id,
          countyCode: "450332",
          found: 1,
          missing: 2,
        })
        .returning();
      ids.push(alert!.id);
    }
    return { table: shortageAlerts, ids };
  },
  "/api/v1/stats/warnings/{list}": async (h) => {
    // Seven people who want work and hold no confirmed job, in a village of their own county.
    const ids = (
      await Promise.all(times(ROWS).map(() => makeLabourer(h, { workIntention: "local" })))
    ).map((l) => l.id);
    return {
      table: labourers,
      ids,
      url: "/api/v1/stats/warnings/unemployed_with_intention?region=450332",
    };
  },
  ...SUBSIDY_SEEDERS,
};

/** Lists that do not page by (created_at, id): the search pages by offset over the index. */
const NOT_KEYSET = ["/api/v1/jobs/search"];

function listPaths(): string[] {
  return operations(doc)
    .filter((o) => o.method === "GET")
    .filter((o) => {
      const props = okSchema(doc, o.op)?.properties ?? {};
      return "items" in props && "nextCursor" in props;
    })
    .map((o) => o.path)
    .sort();
}

/** Follows nextCursor with limit=2 to the end; every id in the order served. */
async function pageAll(path: string, as: AuthAs = admin): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const url: string = `${path}${path.includes("?") ? "&" : "?"}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res: { status: number; body: any } = await json(await h.api.get(url, as));
    expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    seen.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error(`${path}: more than 1000 pages`);
}

function expectEachOnce(path: string, served: string[], ids: string[]) {
  const counts = new Map<string, number>();
  for (const id of served) counts.set(id, (counts.get(id) ?? 0) + 1);
  const wrong = ids
    .filter((id) => counts.get(id) !== 1)
    .map((id) => `${id} served ${counts.get(id) ?? 0}×`);
  expect(wrong, `${path}: ${served.length} ids served`).toEqual([]);
  expect(served.length, `${path}: an id served twice`).toBe(counts.size);
}

describe("paging over rows with equal timestamps", () => {
  it("covers every list of the document (a new list needs a seeder here)", () => {
    const lists = listPaths();
    expect(lists.length).toBeGreaterThan(5);
    for (const path of NOT_KEYSET) expect(lists, `${path} is no longer a list`).toContain(path);
    const keyset = lists.filter((p) => !NOT_KEYSET.includes(p));
    expect(keyset, "lists without a seeder (or seeders for lists that are gone)").toEqual(
      Object.keys(SEEDERS).sort(),
    );
  });

  it.each(
    Object.keys(SEEDERS),
  )("%s serves each row exactly once at limit=2 when created_at is equal", async (path) => {
    const { table, ids, url, as } = await SEEDERS[path]!(h);
    expect(ids.length).toBeGreaterThanOrEqual(ROWS);
    const idList = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    await h.deps.db.execute(
      sql`update ${sql.identifier(getTableName(table))} set created_at = '2026-01-01T00:00:00Z' where id in (${idList})`,
    );
    expectEachOnce(path, await pageAll(url ?? path, as), ids);

    // The same millisecond, different microseconds: cursors carry milliseconds, Postgres keeps microseconds.
    for (const [i, id] of ids.entries()) {
      await h.deps.db.execute(
        sql`update ${sql.identifier(getTableName(table))} set created_at = '2026-01-01T00:00:00.000Z'::timestamptz + ${`${(i * 137) % 1000} microseconds`}::interval where id = ${id}::uuid`,
      );
    }
    expectEachOnce(path, await pageAll(url ?? path, as), ids);
  });
});
