import type { Executor, Tx } from "../../../db/client";
import type { labourers } from "../../../db/schema/labourers";
import { addOutbox } from "../../lib/outbox";
import { resolveOpenAlerts } from "./alerts";
import { latestPassedEnrolment, latestRound } from "./window-repo";

/**
 * The round to ask for next: the labourer's latest round + 1 (same enrolment), or round 1 of
 * their latest passed enrolment; null when they have passed no training.
 */
export async function nextRoundFor(
  db: Executor,
  labourerId: string,
): Promise<{ enrolmentId: string; round: number } | null> {
  const latest = await latestRound(db, labourerId);
  if (latest) return { enrolmentId: latest.enrolmentId, round: latest.round + 1 };
  const passed = await latestPassedEnrolment(db, labourerId);
  return passed ? { enrolmentId: passed.id, round: 1 } : null;
}

type Changed = Pick<
  typeof labourers.$inferSelect,
  "id" | "workIntention" | "employmentStatus" | "labourCapacity"
>;

/**
 * What a change to a labourer's record means for recommendations, in the transaction that wrote
 * it: taking up work (no longer unemployed) resolves their open shortage alert; a work intention
 * given where there was none asks for a round now (through the outbox, as a staff rerun does),
 * if they have passed training — without it they would wait for nothing, since the rounds sweep
 * only continues people who already have a round.
 */
export async function afterLabourerChange(
  tx: Tx,
  before: Changed,
  after: Changed,
  now: Date,
): Promise<void> {
  if (before.employmentStatus === "unemployed" && after.employmentStatus !== "unemployed") {
    await resolveOpenAlerts(tx, [after.id], "employed", now);
  }
  const tookUpWork = before.workIntention === "none" && after.workIntention !== "none";
  if (!tookUpWork || after.labourCapacity === "none" || after.employmentStatus !== "unemployed")
    return;
  const next = await nextRoundFor(tx, after.id);
  if (!next) return;
  await addOutbox(tx, {
    type: "recommendation.round-requested",
    aggregateId: next.enrolmentId,
    payload: { round: next.round, trigger: "intention_changed" },
  });
}
