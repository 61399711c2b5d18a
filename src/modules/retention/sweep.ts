import type { employmentCheckIns } from "../../../db/schema/retention";
import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { type CheckInAsk, checkInNotice, followUpNotice, writeNotices } from "./notices";
import * as repo from "./repo";
import { addDays, CATCH_UP_DAYS, FOLLOW_UP_AFTER_DAYS } from "./rules";

export interface SweepResult {
  /** Check-ins created and asked (pushed to the labourer or their cadre, or nobody to push to). */
  asked: number;
  /** Check-ins created as `missed` (too late, or superseded by a later day). */
  missed: number;
  /** Notifications written (check-in questions and follow-up notices). */
  notified: number;
  /** Unanswered check-ins turned into follow-up tasks. */
  followUps: number;
}

/**
 * The daily retention sweep (maintenance task `retention-sweep`). Everything is decided from
 * `now` and the tables, so a repeated run, two concurrent runs, or a run after days of downtime
 * converge on the same rows:
 *
 * 1. every confirmed, running record gets its 7/30/90-day check-in once its day has come (the
 *    unique (employment, day) key; only rows this run inserted are pushed). Per record only the
 *    latest due day is asked, and only if it is at most CATCH_UP_DAYS late; others are `missed`.
 * 2. a check-in unanswered FOLLOW_UP_AFTER_DAYS after it was asked becomes a follow-up task for
 *    the cadre (once: `follow_up_at` and the task's unique key), and the assigned cadre is told.
 */
export async function runRetentionSweep(ctx: Ctx, now: Date = ctx.now()): Promise<SweepResult> {
  const today = chinaDate(now);
  return ctx.db.transaction(async (tx) => {
    const due = await repo.dueCheckIns(tx, today);
    const latest = new Map<string, number>();
    for (const d of due)
      latest.set(d.employment_id, Math.max(latest.get(d.employment_id) ?? 0, d.day_offset));
    const rows: (typeof employmentCheckIns.$inferInsert)[] = due.map((d) => {
      const ask =
        d.day_offset === latest.get(d.employment_id) &&
        d.due_date >= addDays(today, -CATCH_UP_DAYS);
      return {
        employmentId: d.employment_id,
        labourerId: d.labourer_id,
        dayOffset: d.day_offset,
        dueDate: d.due_date,
        status: ask ? "pending" : "missed",
        recipient: d.reachable ? "labourer" : d.cadre_user_id ? "cadre" : "none",
        askedAt: now,
        createdAt: now,
      };
    });
    const inserted = await repo.insertCheckIns(tx, rows);
    const byEmployment = new Map(due.map((d) => [d.employment_id, d]));
    const asks: CheckInAsk[] = inserted
      .filter((c) => c.status === "pending" && c.recipient !== "none")
      .map((c) => {
        const d = byEmployment.get(c.employmentId)!;
        return {
          checkInId: c.id,
          employmentId: c.employmentId,
          labourerId: c.labourerId,
          name: d.name,
          employerName: d.employer_name,
          dayOffset: c.dayOffset,
          recipient: c.recipient as "labourer" | "cadre",
          cadreUserId: d.cadre_user_id,
          at: now,
        };
      });
    let notified = await writeNotices(tx, asks.map(checkInNotice));

    const cutoff = new Date(now.getTime() - FOLLOW_UP_AFTER_DAYS * 86_400_000);
    const tasks = await repo.raiseFollowUps(tx, cutoff, now);
    notified += await writeNotices(
      tx,
      tasks
        .filter((t) => t.cadre_user_id !== null)
        .map((t) =>
          followUpNotice({
            taskId: t.id,
            checkInId: t.check_in_id,
            labourerId: t.labourer_id,
            name: t.name,
            employerName: t.employer_name,
            dayOffset: t.day_offset,
            cadreUserId: t.cadre_user_id!,
            at: now,
          }),
        ),
    );
    const pending = inserted.filter((c) => c.status === "pending").length;
    return {
      asked: pending,
      missed: inserted.length - pending,
      notified,
      followUps: tasks.length,
    };
  });
}
