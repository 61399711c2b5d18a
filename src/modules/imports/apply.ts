import type { Tx } from "../../../db/client";
import { countyFlag } from "../../lib/id-number";
import { type AccountSubject, syncAccounts } from "./accounts";
import { HEAD, resolveHouseholds } from "./apply-households";
import {
  existingRegionCodes,
  insertLabourers,
  linkHouseholdHeads,
  lockLabourersByIdHash,
  updateLabourers,
} from "./bulk-repo";
import { type Plan, planRow, type StoredLabourer } from "./plan";
import type { RowResult } from "./results";
import type { ChunkEnv, ChunkResults, ImportState, Pending, ScreenedChunk } from "./screen";

const ELSEWHERE = "此身份证号码已在其他地区登记，请联系当地人社部门核实";
const RACED = "此身份证号码正在被同时登记，请稍后重新导入";

async function learnRegions(tx: Tx, state: ImportState, pending: Pending[]): Promise<void> {
  const codes = new Set(pending.flatMap((p) => [p.input.id.countyCode, p.input.id.provinceCode]));
  const unknown = [...codes].filter((c) => !state.regionKnown.has(c));
  const present = await existingRegionCodes(tx, unknown);
  for (const c of unknown) state.regionKnown.set(c, present.has(c));
}

/** labourers/changes identityColumns: an unknown county is flagged only where the province's counties are loaded. */
const flagOf = (state: ImportState, p: Pending) =>
  countyFlag({
    countyExists: state.regionKnown.get(p.input.id.countyCode) ?? false,
    provinceLoaded: state.regionKnown.get(p.input.id.provinceCode) ?? false,
  });

/** What each row does to its stored record (`stored`: the chunk's records, by ID-number hash). */
function planChunk(
  env: ChunkEnv,
  state: ImportState,
  stored: Map<string, StoredLabourer>,
  pending: Pending[],
  out: ChunkResults,
) {
  const writes: { p: Pending; plan: Extract<Plan, { after: unknown }> }[] = [];
  for (const p of pending) {
    const existing = stored.get(p.hash);
    if (existing && !existing.villageCode.startsWith(env.county)) {
      out.set(p.i, "rejected", ELSEWHERE, p.input);
      continue;
    }
    const plan = planRow(env, p.input, p.hash, {
      existing,
      household: p.household,
      village: p.village,
      countyFlag: flagOf(state, p),
    });
    if (plan.kind === "reject") out.set(p.i, "rejected", plan.reason, p.input);
    else if (plan.kind === "unchanged")
      out.set(p.i, "unchanged", p.input.notes.join("；"), p.input);
    else writes.push({ p, plan });
  }
  return writes;
}

/**
 * One screened chunk, set-based: read the households and records it names in one query each,
 * decide each row, write with multi-row INSERT … ON CONFLICT, then sign-in accounts and
 * household heads. Runs inside the import's transaction.
 */
export async function applyChunk(
  tx: Tx,
  env: ChunkEnv,
  state: ImportState,
  chunk: ScreenedChunk,
): Promise<RowResult[]> {
  const { out } = chunk;
  // The records and region codes do not depend on the households: asked for at once, the
  // lookups travel together and Postgres answers them back to back (households first, as before).
  const households = resolveHouseholds(tx, env, state, chunk.pending, out);
  const storedRows = lockLabourersByIdHash(
    tx,
    chunk.pending.map((p) => p.hash),
  );
  const regions = learnRegions(tx, state, chunk.pending);
  for (const p of [households, storedRows, regions]) p.catch(() => {});
  const pending = await households;
  const stored = new Map<string, StoredLabourer>(
    (await storedRows).map((l) => [l.idNumberHash, l]),
  );
  await regions;
  const writes = planChunk(env, state, stored, pending, out);
  const creates = writes.flatMap((w) => (w.plan.kind === "create" ? [w.plan.values] : []));
  const updates = writes.flatMap((w) => (w.plan.kind === "update" ? [w.plan] : []));
  const created = new Map((await insertLabourers(tx, creates)).map((r) => [r.idNumberHash, r.id]));
  const updated = await updateLabourers(tx, updates, env.county, env.now);
  const accounts: AccountSubject[] = [];
  const heads = new Set<string>();
  for (const { p, plan } of writes) {
    const id =
      plan.kind === "create" ? created.get(p.hash) : updated.has(plan.id) ? plan.id : undefined;
    if (!id) {
      out.set(p.i, "rejected", plan.kind === "create" ? RACED : ELSEWHERE, p.input);
      continue;
    }
    out.set(p.i, plan.kind === "create" ? "created" : "updated", p.input.notes.join("；"), p.input);
    const a = plan.after;
    if (
      plan.kind === "create"
        ? !!a.phoneHash
        : plan.changed.some((c) => c === "phoneHash" || c === "name")
    ) {
      accounts.push({ id, name: a.name, phoneHash: a.phoneHash ?? null });
    }
    if (a.householdId && a.relationToHead === HEAD) heads.add(a.householdId);
  }
  await syncAccounts(tx, accounts, env.now);
  await linkHouseholdHeads(tx, [...heads]);
  return out.list;
}
