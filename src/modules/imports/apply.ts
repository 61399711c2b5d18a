import type { Tx } from "../../../db/client";
import { countyFlag } from "../../lib/id-number";
import type { Household, NewHousehold } from "../households/repo";
import { type AccountSubject, syncAccounts } from "./accounts";
import {
  existingRegionCodes,
  insertHouseholds,
  insertLabourers,
  linkHouseholdHeads,
  lockHouseholdsByNo,
  lockLabourersByIdHash,
  updateHouseholds,
  updateLabourers,
} from "./bulk-repo";
import { checkLedgerRow, maskedId, type RowInput } from "./parse-row";
import { type Plan, type PlanEnv, planRow, type StoredLabourer } from "./plan";
import type { LedgerRow } from "./read/ledger";
import type { Outcome, RowRef, RowResult } from "./results";
import type { VillageIndex } from "./villages";

export interface ChunkEnv extends PlanEnv {
  /** Short county code: records and households outside it are never written. */
  county: string;
  villages: VillageIndex;
}

/** What one import remembers across chunks. */
export class ImportState {
  /** Normalised ID number → where it first appeared in the file. */
  readonly seen = new Map<string, RowRef>();
  /** Region code (ID-number county or province prefix) → whether `regions` has it. */
  readonly regionKnown = new Map<string, boolean>();
  readonly counts: Record<Outcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  /** 户编号 of the households the file leaves with their head still to be named (the 汇总 sheet). */
  readonly headMissing = new Set<string>();
}

interface Pending {
  i: number;
  input: RowInput;
  hash: string;
  village?: string;
  household?: Household;
}

const HEAD = "户主";
/** A remark, not a rejection: the member is registered, the household waits for its head. */
const HEAD_MISSING =
  "户主待补充：台账未标明该户户主，成员已登记；请在户信息中填写户主，或导入标明户主的台账";
const ELSEWHERE = "此身份证号码已在其他地区登记，请联系当地人社部门核实";
const RACED = "此身份证号码正在被同时登记，请稍后重新导入";

/** 第 N 行, naming the sheet only when it is not the current row's. */
const where = (r: RowRef, current: string | null) =>
  r.sheet && r.sheet !== current
    ? `工作表“${r.sheet}”第 ${r.rowNumber} 行`
    : `第 ${r.rowNumber} 行`;

class ChunkResults {
  readonly list: RowResult[];
  constructor(
    private readonly rows: LedgerRow[],
    private readonly state: ImportState,
  ) {
    this.list = new Array(rows.length);
  }

  set(i: number, outcome: Outcome, reason: string, input?: { name?: string; id?: RowInput["id"] }) {
    const row = this.rows[i]!;
    const name = input?.name ?? "";
    this.list[i] = {
      sheet: row.sheet,
      rowNumber: row.rowNumber,
      outcome,
      reason,
      name,
      idMasked: maskedId(input?.id),
    };
    this.state.counts[outcome]++;
  }
}

/** Row-local checks, in-file duplicates and village names: everything decided without the registry. */
function screen(
  env: ChunkEnv,
  state: ImportState,
  rows: LedgerRow[],
  out: ChunkResults,
): Pending[] {
  const pending: Pending[] = [];
  rows.forEach((row, i) => {
    const check = checkLedgerRow(row, env.rule);
    const id = check.ok ? check.input.id : check.id;
    const name = check.ok ? check.input.name : check.name;
    if (id) {
      const first = state.seen.get(id.value);
      if (first)
        return out.set(i, "rejected", `与${where(first, row.sheet)}的身份证号重复`, { name, id });
      state.seen.set(id.value, { sheet: row.sheet, rowNumber: row.rowNumber });
    }
    if (!check.ok) return out.set(i, "rejected", check.reason, { name, id });
    const p: Pending = { i, input: check.input, hash: env.pii.hash("id", check.input.id.value) };
    if (check.input.villageText !== undefined) {
      const v = env.villages.resolve(check.input.villageText, check.input.townshipText);
      if (!v.ok) return out.set(i, "rejected", v.message, check.input);
      p.village = v.code;
    }
    pending.push(p);
  });
  return pending;
}

/** The head's name as the rows give it: the 户主 row's name, else the 户主姓名 column. */
const headOf = (members: Pending[]) =>
  members.find((m) => m.input.relationToHead === HEAD && m.input.name)?.input.name ??
  members.find((m) => m.input.headName)?.input.headName;

const siteOf = (members: Pending[]) =>
  members.find((m) => m.input.resettlementSiteName !== undefined)?.input.resettlementSiteName;

/**
 * A new household: the village of its first member with one, the head from the 户主 row or the
 * 户主姓名 column. Without either (a labour ledger lists labourers, often not the head) the head
 * is left to be completed (head_name null) and the members are registered all the same.
 */
function newHousehold(no: string, members: Pending[], now: Date): NewHousehold | string {
  const villageCode = members.find((m) => m.village)?.village;
  if (!villageCode) return "新登记的户须填写所在村";
  return {
    householdNo: no,
    villageCode,
    headName: headOf(members) ?? null,
    resettlementSiteName: siteOf(members) ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/** What the ledger changes on a stored household (households/service upsertHousehold): its head and its site. */
function householdChange(h: Household, members: Pending[], now: Date): Household | undefined {
  const headName = headOf(members) ?? h.headName;
  const site = siteOf(members);
  const resettlementSiteName = site === undefined ? h.resettlementSiteName : site;
  if (headName === h.headName && resettlementSiteName === h.resettlementSiteName) return undefined;
  return Object.assign(h, { headName, resettlementSiteName, updatedAt: now });
}

/**
 * Finds or creates every household the chunk names; rows that cannot join theirs are rejected,
 * rows that join one whose head is still to be named carry a remark.
 */
async function resolveHouseholds(
  tx: Tx,
  env: ChunkEnv,
  state: ImportState,
  pending: Pending[],
  out: ChunkResults,
): Promise<Pending[]> {
  const byNo = new Map<string, Pending[]>();
  for (const p of pending) {
    const no = p.input.householdNo;
    if (!no) continue;
    const list = byNo.get(no);
    if (list) list.push(p);
    else byNo.set(no, [p]);
  }
  if (byNo.size === 0) return pending;
  const found = new Map(
    (await lockHouseholdsByNo(tx, [...byNo.keys()])).map((h) => [h.householdNo, h]),
  );
  const rejected = new Set<Pending>();
  const refuse = (members: Pending[], reason: string) =>
    members.forEach((m) => {
      rejected.add(m);
      out.set(m.i, "rejected", reason, m.input);
    });
  const toCreate: NewHousehold[] = [];
  const toUpdate: Household[] = [];
  for (const [no, members] of byNo) {
    const h = found.get(no);
    if (h && !h.villageCode.startsWith(env.county)) refuse(members, "该户编号已在其他地区登记");
    else if (h) {
      const changed = householdChange(h, members, env.now);
      if (changed) toUpdate.push(changed);
    }
    if (h) continue;
    const planned = newHousehold(no, members, env.now);
    if (typeof planned === "string") refuse(members, planned);
    else toCreate.push(planned);
  }
  await updateHouseholds(tx, toUpdate);
  for (const h of await insertHouseholds(tx, toCreate)) found.set(h.householdNo, h);
  for (const [no, members] of byNo) {
    const h = found.get(no);
    for (const m of members) {
      if (rejected.has(m)) continue;
      if (!h) refuse([m], "该户编号正在被同时登记，请稍后重新导入");
      else if (m.village && m.village !== h.villageCode)
        refuse([m], "该户编号已登记在另一个村，请核对户编号或所在村");
      else Object.assign(m, { household: h, village: m.village ?? h.villageCode });
    }
    if (h && h.headName === null && members.some((m) => !rejected.has(m))) {
      state.headMissing.add(no);
      for (const m of members) if (!rejected.has(m)) m.input.notes.push(HEAD_MISSING);
    } else state.headMissing.delete(no);
  }
  return pending.filter((p) => !rejected.has(p));
}

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

/** A chunk after the checks that need no database: what `applyChunk` then writes. */
export interface ScreenedChunk {
  out: ChunkResults;
  pending: Pending[];
}

/**
 * Row checks, in-file duplicates and village names for one chunk. Pure CPU work, run while the
 * previous chunk is being written (run.ts reads ahead); chunks must be screened in file order.
 */
export function screenChunk(env: ChunkEnv, state: ImportState, rows: LedgerRow[]): ScreenedChunk {
  const out = new ChunkResults(rows, state);
  return { out, pending: screen(env, state, rows, out) };
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
