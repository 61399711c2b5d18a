import { eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { employments } from "../../../db/schema/placement";
import {
  paymentBatches,
  paymentBatchItems,
  subsidyClaims,
  subsidyPolicies,
  subsidyProgrammes,
} from "../../../db/schema/subsidies";
import type { AuthAs, Harness } from "../../support/harness";
import { makeLabourer } from "../labourers/factory";

/**
 * Seeders for the subsidy lists in tests/integration/foundation/paging-equal-timestamps.test.ts:
 * seven rows each, written straight to the tables (paging reads no file and runs no check).
 */
type Seeder = (h: Harness) => Promise<{ table: PgTable; ids: string[]; url?: string; as?: AuthAs }>;

const SEVEN = Array.from({ length: 7 }, (_, i) => i);

async function transport(h: Harness) {
  const [p] = await h.deps.db
    .select()
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.code, "transport_subsidy"));
  return p!;
}

/** One labourer, seven confirmed jobs in Shenzhen, one claim per policy year (2020–2026). */
export async function sevenClaims(h: Harness) {
  const programme = await transport(h);
  const [policy] = await h.deps.db
    .select()
    .from(subsidyPolicies)
    .where(eq(subsidyPolicies.programmeId, programme.id));
  const labourer = await makeLabourer(h);
  const jobs = await h.deps.db
    .insert(employments)
    .values(
      SEVEN.map((i) => ({
        labourerId: labourer.id,
        source: "self_found" as const,
        employerName: `深圳某厂${i}`,
        regionCode: "440306",
        outsideGuangxi: true,
        startDate: `${2020 + i}-03-01`,
        recordedRole: "admin",
        confirmedAt: new Date(),
      })),
    )
    .returning();
  const claims = await h.deps.db
    .insert(subsidyClaims)
    .values(
      jobs.map((e, i) => ({
        programmeId: programme.id,
        policyId: policy!.id,
        policyYear: 2020 + i,
        labourerId: labourer.id,
        employmentId: e.id,
        villageCode: labourer.input.villageCode,
        destinationCode: "440306",
        status: "approved" as const,
        origin: "proposed" as const,
        amountFen: 10_000 + i,
        checkPassed: true,
      })),
    )
    .returning();
  return { labourer, claims };
}

export const SUBSIDY_SEEDERS: Record<string, Seeder> = {
  "/api/v1/subsidy-programmes": async (h) => {
    const rows = await h.deps.db
      .insert(subsidyProgrammes)
      .values(
        SEVEN.map((i) => ({
          code: `paging_${i}_${Date.now()}`,
          name: `测试项目${i}`,
          ruleType: "stable_employment" as const,
        })),
      )
      .returning();
    // The seeded transport subsidy is on the list too.
    return { table: subsidyProgrammes, ids: [...rows.map((r) => r.id), (await transport(h)).id] };
  },
  "/api/v1/subsidy-programmes/{code}/policies": async (h) => {
    const [programme] = await h.deps.db
      .insert(subsidyProgrammes)
      .values({ code: `paging_p_${Date.now()}`, name: "测试", ruleType: "stable_employment" })
      .returning();
    const rows = await h.deps.db
      .insert(subsidyPolicies)
      .values(
        SEVEN.map((i) => ({
          programmeId: programme!.id,
          policyYear: 2026,
          version: i + 1,
          eligiblePersonTypes: ["tuopin"],
          defaultCapFen: 10_000,
          createdRole: "admin",
        })),
      )
      .returning();
    return {
      table: subsidyPolicies,
      ids: rows.map((r) => r.id),
      url: `/api/v1/subsidy-programmes/${programme!.code}/policies`,
    };
  },
  "/api/v1/subsidy-claims": async (h) => {
    const { labourer, claims } = await sevenClaims(h);
    return {
      table: subsidyClaims,
      ids: claims.map((c) => c.id),
      url: `/api/v1/subsidy-claims?labourerId=${labourer.id}`,
    };
  },
  "/api/v1/payment-batches": async (h) => {
    const programme = await transport(h);
    const rows = await h.deps.db
      .insert(paymentBatches)
      .values(
        SEVEN.map(() => ({
          programmeId: programme.id,
          regionCode: "450332",
          claimCount: 0,
          totalFen: 0,
        })),
      )
      .returning();
    return { table: paymentBatches, ids: rows.map((r) => r.id) };
  },
  "/api/v1/payment-batches/{id}/items": async (h) => {
    const { claims } = await sevenClaims(h);
    const [batch] = await h.deps.db
      .insert(paymentBatches)
      .values({
        programmeId: claims[0]!.programmeId,
        regionCode: "450332",
        claimCount: 7,
        totalFen: claims.reduce((s, c) => s + c.amountFen!, 0),
      })
      .returning();
    const rows = await h.deps.db
      .insert(paymentBatchItems)
      .values(
        claims.map((c, i) => ({
          batchId: batch!.id,
          claimId: c.id,
          seq: i + 1,
          amountFen: c.amountFen!,
        })),
      )
      .returning();
    return {
      table: paymentBatchItems,
      ids: rows.map((r) => r.id),
      url: `/api/v1/payment-batches/${batch!.id}/items`,
    };
  },
};
