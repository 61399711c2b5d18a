import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { type employmentStatus, labourers } from "../../../db/schema/labourers";
import { type Employment, employments } from "../../../db/schema/placement";
import { chinaDate } from "../../lib/china-time";

export type EmploymentStatus = (typeof employmentStatus.enumValues)[number];

type Rec = Pick<
  Employment,
  | "source"
  | "channel"
  | "regionCode"
  | "outsideGuangxi"
  | "startDate"
  | "endDate"
  | "confirmedAt"
  | "createdAt"
> &
  Partial<Pick<Employment, "rejectedAt">>;

/**
 * The one definition of a labourer's employment status. Only confirmed records count ("no paper
 * numbers", DOMAIN.md): an unconfirmed job found outside the system changes nothing.
 *
 * - a confirmed, not-ended record: employed. The newest such job names the kind — outside
 *   Guangxi → out_province; a public-welfare post → public_welfare; odd jobs and own business →
 *   flexible; work in the home county → local; elsewhere in Guangxi → in_province. `since` is the
 *   earliest start among the jobs held now (held without a break from then on).
 * - confirmed records, all ended: unemployed since the latest end date.
 * - no confirmed record, but a hire county staff did not confirm (不予确认, `rejectedAt`): the
 *   status that hire set is withdrawn — unemployed since the day of the rejection (China date).
 * - no confirmed record at all: undefined — the status from the registry ledger stands.
 */
export function deriveEmploymentStatus(
  records: Rec[],
  homeVillageCode: string,
): { status: EmploymentStatus; since: string | null } | undefined {
  const confirmed = records.filter((r) => r.confirmedAt !== null);
  if (confirmed.length === 0) {
    const rejected = records
      .map((r) => r.rejectedAt)
      .filter((d): d is Date => d instanceof Date)
      .map(chinaDate)
      .sort();
    return rejected.length ? { status: "unemployed", since: rejected.at(-1)! } : undefined;
  }
  const held = confirmed.filter((r) => r.endDate === null);
  if (held.length === 0) {
    const lastEnd = confirmed
      .map((r) => r.endDate!)
      .sort()
      .at(-1)!;
    return { status: "unemployed", since: lastEnd };
  }
  const newest = [...held].sort(
    (a, b) =>
      b.startDate.localeCompare(a.startDate) || b.createdAt.getTime() - a.createdAt.getTime(),
  )[0]!;
  const since = held.map((r) => r.startDate).sort()[0]!;
  return { status: kindOf(newest, homeVillageCode), since };
}

function kindOf(r: Rec, homeVillageCode: string): EmploymentStatus {
  if (r.outsideGuangxi) return "out_province";
  if (r.channel === "public_welfare") return "public_welfare";
  if (r.channel === "odd_job" || r.source === "own_business") return "flexible";
  if (r.regionCode.slice(0, 6) === homeVillageCode.slice(0, 6)) return "local";
  return "in_province";
}

/**
 * Recomputes and stores the labourer's status from their records. Call it in the same
 * transaction as every employment change (hire, record, confirm, end): the labourer row is
 * locked first, so two changes for one person serialise and the last one sees both.
 */
export async function refreshEmploymentStatus(tx: Executor, labourerId: string) {
  const [person] = await tx
    .select({ villageCode: labourers.villageCode })
    .from(labourers)
    .where(eq(labourers.id, labourerId))
    .for("update");
  if (!person) return undefined;
  const records = await tx.select().from(employments).where(eq(employments.labourerId, labourerId));
  const derived = deriveEmploymentStatus(records, person.villageCode);
  if (!derived) return undefined;
  await tx
    .update(labourers)
    .set({
      employmentStatus: derived.status,
      employmentSince: derived.since,
      updatedAt: new Date(),
    })
    .where(eq(labourers.id, labourerId));
  return derived;
}

/** Guangxi region codes start with 45: anything else is outside (the transport subsidy's condition). */
export const isOutsideGuangxi = (regionCode: string) => !regionCode.startsWith("45");
