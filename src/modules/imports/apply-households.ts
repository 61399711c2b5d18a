import type { Tx } from "../../../db/client";
import type { Household, NewHousehold } from "../households/repo";
import { insertHouseholds, lockHouseholdsByNo, updateHouseholds } from "./bulk-repo";
import type { ChunkEnv, ChunkResults, ImportState, Pending } from "./screen";

/** The households a chunk names: found, created or updated, before its people are written. */

export const HEAD = "户主";
/** A remark, not a rejection: the member is registered, the household waits for its head. */
const HEAD_MISSING =
  "户主待补充：台账未标明该户户主，成员已登记；请在户信息中填写户主，或导入标明户主的台账";

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
export async function resolveHouseholds(
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
