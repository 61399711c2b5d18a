import type { IdNumberFlag } from "../../../db/schema/labourers";
import { maskIdNumber, maskPhone, type PiiCipher } from "../../lib/crypto";
import { checkWorkingAge } from "../../lib/id-number";
import type { Household } from "../households/repo";
import { REQUIRED_ON_CREATE } from "../labourers/changes";
import type { Labourer, NewLabourer } from "../labourers/repo";
import type { AgeRule } from "../labourers/rules";
import type { RowInput } from "./parse-row";

/**
 * The registry columns a ledger sets. Everything else on a record (consent, WeChat, assigned
 * cadre, preferred cities …) belongs to other doors and is never touched by an import.
 */
export const IMPORTED_COLUMNS = [
  "name",
  "phoneEnc",
  "phoneHash",
  "phoneMasked",
  "householdId",
  "relationToHead",
  "personType",
  "keyAssistance",
  "resettlementSiteName",
  "labourCapacity",
  "workIntention",
  "skills",
  "expectedWageFen",
  "expectedWageUnit",
  "employmentStatus",
  "employmentSince",
  "villageCode",
] as const satisfies readonly (keyof NewLabourer)[];

export type ImportedColumn = (typeof IMPORTED_COLUMNS)[number];
export type Changes = Partial<Pick<NewLabourer, ImportedColumn>>;

/** What the import reads of a stored record: the columns it compares, never the ciphertexts. */
export const STORED_COLUMNS = [
  "id",
  "idNumberHash",
  ...IMPORTED_COLUMNS.filter((c) => c !== "phoneEnc" && c !== "phoneMasked"),
] as const satisfies readonly (keyof Labourer)[];
export type StoredLabourer = Pick<Labourer, (typeof STORED_COLUMNS)[number]>;

/** The record as it will be after the write: what sign-in accounts and household heads follow. */
export type After = Pick<NewLabourer, "name" | "phoneHash" | "householdId" | "relationToHead">;

export type Plan =
  | { kind: "create"; values: NewLabourer; after: After }
  | { kind: "update"; id: string; changes: Changes; changed: ImportedColumn[]; after: After }
  | { kind: "unchanged" }
  | { kind: "reject"; reason: string };

export interface PlanEnv {
  pii: PiiCipher;
  rule: AgeRule;
  /** China date, YYYY-MM-DD: a status that changes starts today (as in labourers/changes). */
  today: string;
  now: Date;
}

const REQUIRED_LABEL: Record<(typeof REQUIRED_ON_CREATE)[number], string> = {
  name: "姓名",
  idNumberHash: "身份证号",
  personType: "人口类型",
  labourCapacity: "劳动能力",
  villageCode: "所在村",
};

/** What the row says, as column values; `village` is already resolved (from the row or its household). */
function rowColumns(
  env: PlanEnv,
  input: RowInput,
  household: Household | undefined,
  village: string | undefined,
  existing: StoredLabourer | undefined,
): Changes {
  const out: Changes = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.phone !== undefined) {
    const hash = env.pii.hash("phone", input.phone);
    if (hash !== existing?.phoneHash)
      Object.assign(out, {
        phoneEnc: env.pii.encrypt(input.phone),
        phoneHash: hash,
        phoneMasked: maskPhone(input.phone),
      });
  }
  if (household) {
    out.householdId = household.id;
    // 重点帮扶 is decided per household and members take it (labourers/changes placeColumns).
    out.keyAssistance = household.keyAssistance;
  }
  if (input.resettlementSiteName !== undefined)
    out.resettlementSiteName = input.resettlementSiteName;
  else if (household) out.resettlementSiteName = household.resettlementSiteName;
  if (village !== undefined) out.villageCode = village;
  if (input.relationToHead !== undefined) out.relationToHead = input.relationToHead;
  if (input.personType !== undefined) out.personType = input.personType;
  if (input.labourCapacity !== undefined) out.labourCapacity = input.labourCapacity;
  if (input.workIntention !== undefined) out.workIntention = input.workIntention;
  if (input.skills !== undefined) out.skills = input.skills;
  if (input.expectedWageFen !== undefined)
    Object.assign(out, { expectedWageFen: input.expectedWageFen, expectedWageUnit: "month" });
  if (input.employmentStatus !== undefined) {
    out.employmentStatus = input.employmentStatus;
    if (existing && existing.employmentStatus !== input.employmentStatus)
      out.employmentSince = env.today;
  }
  // A date in the ledger wins over "the status changed today".
  if (input.employmentSince !== undefined) out.employmentSince = input.employmentSince;
  return out;
}

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) || Array.isArray(b)
    ? JSON.stringify(a) === JSON.stringify(b)
    : (a ?? null) === (b ?? null);

function planCreate(
  env: PlanEnv,
  input: RowInput,
  columns: Changes,
  idHash: string,
  countyFlag: IdNumberFlag | undefined,
): Plan {
  for (const k of REQUIRED_ON_CREATE) {
    if (k !== "idNumberHash" && columns[k] === undefined)
      return { kind: "reject", reason: `新登记人员须填写${REQUIRED_LABEL[k]}` };
  }
  const age = checkWorkingAge(input.id.birthDate, env.rule);
  if (!age.ok) return { kind: "reject", reason: age.message };
  const flags: IdNumberFlag[] = [];
  if (countyFlag) flags.push(countyFlag);
  if (input.id.upgradedFrom15) flags.push("upgraded_from_15");
  const values = {
    // Column defaults spelled out: the bulk insert names every column it writes.
    keyAssistance: false,
    workIntention: "none",
    skills: [],
    employmentStatus: "unemployed",
    ...columns,
    idNumberEnc: env.pii.encrypt(input.id.value),
    idNumberHash: idHash,
    idNumberMasked: maskIdNumber(input.id.value),
    idNumberFlags: flags,
    sex: input.id.sex,
    birthDate: input.id.birthDate,
    createdAt: env.now,
    updatedAt: env.now,
  } as NewLabourer;
  return { kind: "create", values, after: values };
}

/**
 * Decides one row: a new record, a change to the stored one (only the columns the ledger gives
 * and that differ), or nothing. `countyFlag`: id-number.ts countyFlag() for the number's county.
 */
export function planRow(
  env: PlanEnv,
  input: RowInput,
  idHash: string,
  ctx: {
    existing?: StoredLabourer;
    household?: Household;
    village?: string;
    countyFlag: IdNumberFlag | undefined;
  },
): Plan {
  const { existing, household } = ctx;
  const columns = rowColumns(env, input, household, ctx.village, existing);
  if (!existing) return planCreate(env, input, columns, idHash, ctx.countyFlag);
  const changed = (Object.keys(columns) as ImportedColumn[]).filter(
    (k) =>
      k !== "phoneEnc" &&
      k !== "phoneMasked" &&
      !same(columns[k], existing[k as keyof StoredLabourer]),
  );
  if (changed.length === 0) return { kind: "unchanged" };
  if (changed.includes("phoneHash")) changed.push("phoneEnc", "phoneMasked");
  const after: After = {
    name: columns.name ?? existing.name,
    phoneHash: columns.phoneHash ?? existing.phoneHash,
    householdId: columns.householdId ?? existing.householdId,
    relationToHead: columns.relationToHead ?? existing.relationToHead,
  };
  return { kind: "update", id: existing.id, changes: columns, changed, after };
}
