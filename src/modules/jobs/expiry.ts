import { inArray, sql } from "drizzle-orm";
import { jobs } from "../../../db/schema/jobs";
import type { Ctx } from "../../lib/ctx";
import { recordIndexChange } from "./index-events";
import { lockDueForExpiry } from "./repo";

const BATCH = 500;

/**
 * Marks open postings past their deadline `expired`, in batches of one transaction each (the
 * maintenance queue runs it every minute). Search already hides them by `expiresAt`; this makes
 * the status true and removes them from the index through the outbox.
 */
export async function expireDueJobs(ctx: Pick<Ctx, "db" | "now">): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      const ids = await lockDueForExpiry(tx, ctx.now(), BATCH);
      if (ids.length === 0) return 0;
      await tx
        .update(jobs)
        .set({ status: "expired", updatedAt: sql`now()` })
        .where(inArray(jobs.id, ids));
      await recordIndexChange(tx, ids);
      return ids.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
