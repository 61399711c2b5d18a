import type { Executor, Tx } from "../../../db/client";
import type { Actor } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { type ParsedIdNumber, parseIdNumber } from "../../lib/id-number";
import { inRegionScope } from "../../lib/scope";
import { afterLabourerChange } from "../recommendations/next-round";
import { syncLabourerAccount } from "./account";
import {
  type LabourerFields,
  missingOnCreate,
  type RegistryCtx,
  resolveLabourerChanges,
} from "./changes";
import {
  insertLabourer,
  type Labourer,
  linkHouseholdHead,
  lockLabourerByIdHash,
  type NewLabourer,
  updateLabourer,
} from "./repo";
import { toAppError } from "./rules";

/**
 * The two writes every door into the registry shares (API and ledger import): register a new
 * person, change an existing one. Both run inside the caller's transaction. Rule violations are
 * found by reading first and thrown as AppError before any write; the inserts tolerate a
 * concurrent duplicate (ON CONFLICT DO NOTHING, then report it).
 */

export function parseIdOrThrow(raw: string, now: Date, field = "idNumber"): ParsedIdNumber {
  const parsed = parseIdNumber(raw, { now });
  if (!parsed.ok)
    throw new AppError("ID_NUMBER_INVALID", parsed.message, {
      field,
      details: { reason: parsed.problem },
    });
  return parsed.id;
}

/** One person, one record. The existing id is told only to someone who may see that record. */
export function duplicateError(actor: Actor, existing: Labourer): AppError {
  const visible = inRegionScope(actor, existing.villageCode);
  return new AppError(
    "LABOURER_DUPLICATE",
    visible ? "此人已登记，请勿重复登记" : "此身份证号码已在其他地区登记，请联系当地人社部门核实",
    {
      field: "idNumber",
      details: visible ? { existingId: existing.id } : { reason: "registered_elsewhere" },
    },
  );
}

const HEAD = "户主";
const IDENTITY_FIELDS = ["name", "idNumberHash", "villageCode", "personType"] as const;

async function afterWrite(
  db: Executor,
  row: Labourer,
  ctx: RegistryCtx,
  phoneOrNameChanged: boolean,
): Promise<void> {
  if (phoneOrNameChanged) await syncLabourerAccount(db, row, ctx.now());
  if (row.householdId && row.relationToHead === HEAD)
    await linkHouseholdHead(db, row.householdId, row.id);
}

/** Registers a new person. Throws LABOURER_DUPLICATE when the ID number is already registered. */
export async function registerLabourer(
  ctx: RegistryCtx,
  tx: Executor,
  fields: LabourerFields & { idNumber: ParsedIdNumber },
): Promise<Labourer> {
  const hash = ctx.pii.hash("id", fields.idNumber.value);
  const existing = await lockLabourerByIdHash(tx, hash);
  if (existing) throw duplicateError(ctx.actor, existing);
  const changes = await resolveLabourerChanges(ctx, tx, undefined, fields);
  const missing = missingOnCreate(changes);
  if (missing) throw toAppError(missing);
  const now = ctx.now();
  const row = await insertLabourer(tx, {
    ...changes,
    createdAt: now,
    updatedAt: now,
  } as NewLabourer);
  if (!row) {
    const winner = await lockLabourerByIdHash(tx, hash);
    throw winner ? duplicateError(ctx.actor, winner) : new AppError("CONFLICT", "登记冲突，请重试");
  }
  await afterWrite(tx, row, ctx, true);
  return row;
}

/**
 * Applies `fields` to a locked record the caller may write. Returns the record and whether
 * anything changed; an unchanged record is not written (its updatedAt stays).
 */
export async function changeLabourer(
  ctx: RegistryCtx,
  tx: Tx,
  existing: Labourer,
  fields: LabourerFields,
): Promise<{ row: Labourer; changed: boolean }> {
  const changes = await resolveLabourerChanges(ctx, tx, existing, fields);
  if (Object.keys(changes).length === 0) return { row: existing, changed: false };
  // 核实 vouches for who the person is and where they live: a change there needs a new check.
  if (IDENTITY_FIELDS.some((k) => changes[k] !== undefined))
    Object.assign(changes, { verifiedAt: null, verifiedBy: null });
  if (changes.idNumberHash) {
    const other = await lockLabourerByIdHash(tx, changes.idNumberHash);
    if (other && other.id !== existing.id) throw duplicateError(ctx.actor, other);
  }
  const row = await updateLabourer(tx, existing.id, { ...changes, updatedAt: ctx.now() });
  await afterWrite(tx, row, ctx, changes.phoneHash !== undefined || changes.name !== undefined);
  await afterLabourerChange(tx, existing, row, ctx.now());
  return { row, changed: true };
}
