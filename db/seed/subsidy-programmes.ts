import { eq } from "drizzle-orm";
import { DEFAULT_TRANSPORT_POLICY } from "../../src/modules/subsidies/rules";
import type { Db } from "../client";
import { subsidyPolicies, subsidyProgrammes } from "../schema/subsidies";

export const TRANSPORT_SUBSIDY = "transport_subsidy";

/**
 * The transport subsidy (一次性往返交通补贴) and its default policy version, in every environment.
 * Idempotent: written only when the programme does not exist yet, so a bureau's later versions
 * are never touched. The amounts are assumptions (docs/SUBSIDY.md).
 */
export async function loadSubsidyProgrammes(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [made] = await tx
      .insert(subsidyProgrammes)
      .values({
        code: TRANSPORT_SUBSIDY,
        name: "一次性往返交通补贴",
        ruleType: "transport_round_trip",
      })
      .onConflictDoNothing()
      .returning();
    if (!made) return;
    const exists = await tx.$count(subsidyPolicies, eq(subsidyPolicies.programmeId, made.id));
    if (exists > 0) return;
    await tx.insert(subsidyPolicies).values({
      programmeId: made.id,
      version: 1,
      createdRole: "system",
      ...DEFAULT_TRANSPORT_POLICY,
    });
  });
}
