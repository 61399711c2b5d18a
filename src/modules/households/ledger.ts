// A ledger row registers a person and, by 户编号, their household: households depend on labourers,
// never the other way round (this file lived in labourers/ and made the two import each other).
import type { Tx } from "../../../db/client";
import type { IdNumberFlag } from "../../../db/schema/labourers";
import { AppError, type ErrorCode } from "../../lib/errors";
import { inRegionScope } from "../../lib/scope";
import type { LabourerFields, RegistryCtx } from "../labourers/changes";
import { lockLabourerByIdHash } from "../labourers/repo";
import { changeLabourer, parseIdOrThrow, registerLabourer } from "../labourers/write";
import { type HouseholdFields, upsertHousehold } from "./service";

/** One ledger row, already parsed into fields (labels mapped to enum values, numbers to fen). */
export interface LedgerLabourerInput extends Omit<LabourerFields, "idNumber" | "householdId"> {
  name: string;
  /** As written in the ledger: full-width digits, lowercase x and 15-digit numbers are fine. */
  idNumber: string;
  /** Upserted by 户编号 first; the person is then linked to it. */
  household?: Omit<HouseholdFields, "villageCode">;
}

export type LedgerOutcome =
  | {
      outcome: "created" | "updated" | "unchanged";
      labourerId: string;
      householdId: string | null;
      householdOutcome: "created" | "updated" | "unchanged" | null;
      idNumberFlags: IdNumberFlag[];
    }
  | { outcome: "rejected"; code: ErrorCode; field: string | null; reason: string; message: string };

const HEAD = "户主";

/**
 * Creates or updates the labourer a ledger row describes, keyed by ID number (one person, one
 * record), inside the caller's transaction. Each row runs in a savepoint: a rejected row leaves
 * nothing behind (not even its household) and the caller's transaction stays usable.
 * Fields left undefined keep their stored value, so a thin ledger never erases richer data.
 * A record registered outside the actor's region is rejected, not touched.
 */
export async function upsertLabourerFromLedger(
  ctx: RegistryCtx,
  tx: Tx,
  input: LedgerLabourerInput,
): Promise<LedgerOutcome> {
  try {
    return await tx.transaction((sp) => upsertRow(ctx, sp, input));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = err.extra.details as { reason?: string } | undefined;
    return {
      outcome: "rejected",
      code: err.code,
      field: err.extra.field ?? null,
      reason: details?.reason ?? err.code.toLowerCase(),
      message: err.message,
    };
  }
}

async function upsertRow(
  ctx: RegistryCtx,
  tx: Tx,
  input: LedgerLabourerInput,
): Promise<LedgerOutcome> {
  const { household: householdInput, idNumber: rawId, ...rest } = input;
  const idNumber = parseIdOrThrow(rawId, ctx.now());
  const existing = await lockLabourerByIdHash(tx, ctx.pii.hash("id", idNumber.value));
  if (existing && !inRegionScope(ctx.actor, existing.villageCode)) {
    throw new AppError(
      "LABOURER_DUPLICATE",
      "此身份证号码已在其他地区登记，请联系当地人社部门核实",
      {
        field: "idNumber",
        details: { reason: "registered_elsewhere" },
      },
    );
  }
  let household: Awaited<ReturnType<typeof upsertHousehold>> | undefined;
  if (householdInput) {
    const headName =
      householdInput.headName ?? (rest.relationToHead?.trim() === HEAD ? rest.name : undefined);
    household = await upsertHousehold(ctx, tx, {
      ...householdInput,
      headName,
      villageCode: rest.villageCode ?? existing?.villageCode,
    });
  }
  const fields: LabourerFields = {
    ...rest,
    idNumber,
    ...(household ? { householdId: household.household.id } : {}),
  };
  const householdOutcome = household?.outcome ?? null;
  if (existing) {
    const { row, changed } = await changeLabourer(ctx, tx, existing, fields);
    return {
      outcome: changed ? "updated" : "unchanged",
      labourerId: row.id,
      householdId: row.householdId,
      householdOutcome,
      idNumberFlags: row.idNumberFlags,
    };
  }
  const row = await registerLabourer(ctx, tx, { ...fields, idNumber });
  return {
    outcome: "created",
    labourerId: row.id,
    householdId: row.householdId,
    householdOutcome,
    idNumberFlags: row.idNumberFlags,
  };
}
