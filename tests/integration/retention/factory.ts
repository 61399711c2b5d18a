import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/recommendations";
import { employmentCheckIns } from "../../../db/schema/retention";
import { systemCtx } from "../../../src/lib/ctx";
import { runRetentionSweep } from "../../../src/modules/retention/sweep";
import { type AuthAs, type Harness, json } from "../../support/harness";
import { person, today } from "../applications/factory";

export const DAY = 86_400_000;

/**
 * A labourer (with their own account, village in 恭城) holding a confirmed job found outside the
 * system that started `startDate` (default today). `reach`: consent and a phone (pushed
 * themselves), or no consent (their cadre, when `cadre` is given).
 */
export async function employedPerson(
  h: Harness,
  o: { startDate?: string; consent?: boolean; cadre?: AuthAs; villageCode?: string } = {},
) {
  const p = await person(h, o.villageCode ? { villageCode: o.villageCode } : {});
  await h.deps.db
    .update(labourers)
    .set({
      contactConsent: o.consent ?? true,
      assignedCadreUserId: o.cadre?.userId ?? null,
    })
    .where(eq(labourers.id, p.labourer.id));
  const staff = await h.as.admin();
  const rec = await json(
    await h.api.post(
      "/api/v1/employments",
      {
        labourerId: p.labourer.id,
        source: "self_found",
        employerName: "深圳市宝安区某电子厂",
        regionCode: "440306",
        startDate: o.startDate ?? today(),
      },
      staff,
    ),
  );
  expect(rec.status, JSON.stringify(rec.body)).toBe(201);
  const ok = await json(
    await h.api.post(`/api/v1/employments/${rec.body.id}/confirm`, { note: "已电话核实" }, staff),
  );
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  return { ...p, employmentId: rec.body.id as string };
}

/** The sweep as the daily job runs it, at `daysAfter` days from now (plus a minute). */
export const sweepAt = (h: Harness, daysAfter: number) =>
  runRetentionSweep(systemCtx(h.deps), new Date(Date.now() + daysAfter * DAY + 60_000));

export const checkInsOf = (h: Harness, employmentId: string) =>
  h.deps.db
    .select()
    .from(employmentCheckIns)
    .where(eq(employmentCheckIns.employmentId, employmentId))
    .orderBy(employmentCheckIns.dayOffset);

export const noticesAbout = (h: Harness, subjectKey: string) =>
  h.deps.db.select().from(notifications).where(eq(notifications.subjectKey, subjectKey));
