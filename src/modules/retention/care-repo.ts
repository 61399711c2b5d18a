import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import { employments } from "../../../db/schema/placement";
import {
  employmentCheckIns,
  type FollowUpTask,
  followUpTasks,
  type HelpRequest,
  helpRequests,
} from "../../../db/schema/retention";
import type { Actor } from "../../lib/ctx";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";
import { regionScopeSql } from "../../lib/scope";

/** Help requests and the follow-up queue (check-ins are in repo.ts). */

/** A new open request, or nothing when the person already has an open one of that kind (the partial unique index). */
export async function insertHelpRequest(db: Executor, values: typeof helpRequests.$inferInsert) {
  const [row] = await db.insert(helpRequests).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findOpenHelpRequest(
  db: Executor,
  labourerId: string,
  kind: HelpRequest["kind"],
) {
  const [row] = await db
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.labourerId, labourerId),
        eq(helpRequests.kind, kind),
        eq(helpRequests.status, "open"),
      ),
    )
    .limit(1);
  return row;
}

export async function findHelpRequest(db: Executor, id: string) {
  const [row] = await db
    .select({ r: helpRequests, villageCode: labourers.villageCode })
    .from(helpRequests)
    .innerJoin(labourers, eq(labourers.id, helpRequests.labourerId))
    .where(eq(helpRequests.id, id))
    .limit(1);
  return row;
}

export async function listHelpRequests(
  db: Executor,
  labourerId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.labourerId, labourerId),
        afterKeyset(helpRequests.createdAt, helpRequests.id, after),
      ),
    )
    .orderBy(...keysetOrder(helpRequests.createdAt, helpRequests.id))
    .limit(limit + 1);
}

export async function answerHelpRequest(
  db: Executor,
  id: string,
  v: { answer: string; at: Date; by: string | null; role: string },
) {
  const [row] = await db
    .update(helpRequests)
    .set({
      status: "answered",
      answer: v.answer,
      answeredAt: v.at,
      answeredBy: v.by,
      answeredRole: v.role,
      responseSeconds: sql`greatest(0, round(extract(epoch from (${v.at.toISOString()}::timestamptz - ${helpRequests.createdAt}))))::int`,
    })
    .where(and(eq(helpRequests.id, id), eq(helpRequests.status, "open")))
    .returning();
  return row;
}

export async function insertTask(db: Executor, values: typeof followUpTasks.$inferInsert) {
  const [row] = await db.insert(followUpTasks).values(values).onConflictDoNothing().returning();
  return row;
}

const taskColumns = {
  t: followUpTasks,
  name: labourers.name,
  villageCode: labourers.villageCode,
  phoneMasked: labourers.phoneMasked,
  checkIn: {
    dayOffset: employmentCheckIns.dayOffset,
    dueDate: employmentCheckIns.dueDate,
    employmentId: employmentCheckIns.employmentId,
    recipient: employmentCheckIns.recipient,
  },
  employerName: employments.employerName,
  help: { kind: helpRequests.kind, text: helpRequests.text, createdAt: helpRequests.createdAt },
};

function tasksQuery(db: Executor) {
  return db
    .select(taskColumns)
    .from(followUpTasks)
    .innerJoin(labourers, eq(labourers.id, followUpTasks.labourerId))
    .leftJoin(employmentCheckIns, eq(employmentCheckIns.id, followUpTasks.checkInId))
    .leftJoin(employments, eq(employments.id, employmentCheckIns.employmentId))
    .leftJoin(helpRequests, eq(helpRequests.id, followUpTasks.helpRequestId));
}

export type TaskRow = Awaited<ReturnType<typeof listTasks>>[number];

/** The queue, newest first, paged by (created_at, id); `scope` is the region condition on the village. */
/** The queue: tasks of one status (and kind) of people whose village lies in the actor's region. */
export async function listTasks(
  db: Executor,
  filter: { status: FollowUpTask["status"]; kind?: FollowUpTask["kind"]; actor: Actor },
  after: Keyset | undefined,
  limit: number,
) {
  const where = and(
    eq(followUpTasks.status, filter.status),
    filter.kind ? eq(followUpTasks.kind, filter.kind) : undefined,
    regionScopeSql(filter.actor, labourers.villageCode),
  );
  return tasksQuery(db)
    .where(and(where, afterKeyset(followUpTasks.createdAt, followUpTasks.id, after)))
    .orderBy(...keysetOrder(followUpTasks.createdAt, followUpTasks.id))
    .limit(limit + 1);
}

export async function findTask(db: Executor, id: string, opts: { lock?: boolean } = {}) {
  const q = tasksQuery(db).where(eq(followUpTasks.id, id)).limit(1);
  const [row] = opts.lock ? await q.for("update", { of: followUpTasks }) : await q;
  return row;
}
