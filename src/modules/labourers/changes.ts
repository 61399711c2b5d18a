import type { Executor } from "../../../db/client";
import type { IdNumberFlag } from "../../../db/schema/labourers";
import { chinaDate } from "../../lib/china-time";
import { maskIdNumber, maskPhone } from "../../lib/crypto";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { checkWorkingAge, countyFlag, type ParsedIdNumber } from "../../lib/id-number";
import { assertWritableRegion, inRegionScope } from "../../lib/scope";
import {
  findHousehold,
  findStaffUser,
  type Labourer,
  type LabourerChanges,
  regionExists,
} from "./repo";
import {
  checkEmploymentSince,
  checkGuangdongCities,
  checkName,
  checkPhone,
  checkVillageCode,
  cleanTags,
  cleanText,
  orThrow,
  reject,
} from "./rules";

/** What a caller may set on a labourer; `undefined` leaves a field as it is, `null` clears it. */
export interface LabourerFields {
  name?: string;
  /** Already parsed by the caller (it needs the hash first, to find duplicates). */
  idNumber?: ParsedIdNumber;
  phone?: string | null;
  householdId?: string | null;
  relationToHead?: string | null;
  personType?: Labourer["personType"];
  keyAssistance?: boolean;
  resettlementSiteName?: string | null;
  resettlementSiteCode?: string | null;
  labourCapacity?: Labourer["labourCapacity"];
  workIntention?: Labourer["workIntention"];
  preferredCityCodes?: string[];
  skills?: string[];
  occupations?: string[];
  expectedWage?: { amountFen: number; unit: NonNullable<Labourer["expectedWageUnit"]> } | null;
  employmentStatus?: Labourer["employmentStatus"];
  employmentSince?: string | null;
  villageCode?: string;
  assignedCadreUserId?: string | null;
  contactConsent?: boolean;
  pushChannel?: Labourer["pushChannel"];
}

export type RegistryCtx = Pick<Ctx, "pii" | "now" | "config" | "actor">;

type Household = NonNullable<Awaited<ReturnType<typeof findHousehold>>>;

/**
 * Validates `f` against the record as it stands (`existing`, or none for a new one) and returns
 * only the columns that change. Throws AppError (400/403/404/422) on the first bad field.
 */
export async function resolveLabourerChanges(
  ctx: RegistryCtx,
  db: Executor,
  existing: Labourer | undefined,
  f: LabourerFields,
): Promise<LabourerChanges> {
  const out: LabourerChanges = {};
  if (f.name !== undefined) out.name = orThrow(checkName(f.name));
  if (f.idNumber) Object.assign(out, await identityColumns(ctx, db, existing, f.idNumber));
  if (f.phone !== undefined) Object.assign(out, phoneColumns(ctx, f.phone));
  Object.assign(out, await placeColumns(ctx, db, existing, f));
  if (f.personType !== undefined) out.personType = f.personType;
  if (f.labourCapacity !== undefined) out.labourCapacity = f.labourCapacity;
  if (f.workIntention !== undefined) out.workIntention = f.workIntention;
  if (f.preferredCityCodes !== undefined)
    out.preferredCityCodes = orThrow(checkGuangdongCities(f.preferredCityCodes));
  if (f.skills !== undefined) out.skills = cleanTags(f.skills);
  if (f.occupations !== undefined) out.occupations = cleanTags(f.occupations);
  if (f.relationToHead !== undefined) out.relationToHead = cleanText(f.relationToHead);
  if (f.expectedWage !== undefined) {
    out.expectedWageFen = f.expectedWage?.amountFen ?? null;
    out.expectedWageUnit = f.expectedWage?.unit ?? null;
  }
  Object.assign(out, employmentColumns(ctx, existing, f, out.birthDate ?? existing?.birthDate));
  if (f.contactConsent !== undefined && f.contactConsent !== existing?.contactConsent) {
    out.contactConsent = f.contactConsent;
    // The time of the latest decision; a new record that has not consented has made none.
    if (existing || f.contactConsent) out.consentAt = ctx.now();
  }
  if (f.pushChannel !== undefined) out.pushChannel = f.pushChannel;
  const village = out.villageCode ?? existing?.villageCode;
  if (f.assignedCadreUserId !== undefined)
    out.assignedCadreUserId = await checkCadre(db, f.assignedCadreUserId, village);
  else if (!existing && ctx.actor.kind === "user" && ctx.actor.role === "cadre")
    out.assignedCadreUserId = ctx.actor.userId;
  return existing ? onlyDifferent(existing, out) : out;
}

/** New or corrected ID number. The working age is checked here, on entry: people already registered age out of the rule, not the registry. */
async function identityColumns(
  ctx: RegistryCtx,
  db: Executor,
  existing: Labourer | undefined,
  id: ParsedIdNumber,
): Promise<LabourerChanges> {
  const hash = ctx.pii.hash("id", id.value);
  if (existing?.idNumberHash === hash) return {};
  const age = checkWorkingAge(id.birthDate, {
    now: ctx.now(),
    min: ctx.config.WORKING_AGE_MIN,
    max: ctx.config.WORKING_AGE_MAX,
  });
  if (!age.ok)
    throw new AppError("LABOURER_AGE_OUT_OF_RANGE", age.message, {
      field: "idNumber",
      details: { reason: age.problem, age: age.age },
    });
  const flags: IdNumberFlag[] = [];
  const county = countyFlag({
    countyExists: await regionExists(db, id.countyCode),
    provinceLoaded: await regionExists(db, id.provinceCode),
  });
  if (county) flags.push(county);
  if (id.upgradedFrom15) flags.push("upgraded_from_15");
  return {
    idNumberEnc: ctx.pii.encrypt(id.value),
    idNumberHash: hash,
    idNumberMasked: maskIdNumber(id.value),
    idNumberFlags: flags,
    sex: id.sex,
    birthDate: id.birthDate,
  };
}

function phoneColumns(ctx: RegistryCtx, raw: string | null): LabourerChanges {
  if (raw === null || raw.trim() === "")
    return { phoneEnc: null, phoneHash: null, phoneMasked: null };
  const phone = orThrow(checkPhone(raw));
  return {
    phoneEnc: ctx.pii.encrypt(phone),
    phoneHash: ctx.pii.hash("phone", phone),
    phoneMasked: maskPhone(phone),
  };
}

/**
 * Household, village, key assistance and resettlement site hang together: a member lives in the
 * household's village, and 重点帮扶 is decided per household, so a member takes the household's flag.
 */
async function placeColumns(
  ctx: RegistryCtx,
  db: Executor,
  existing: Labourer | undefined,
  f: LabourerFields,
): Promise<LabourerChanges> {
  const out: LabourerChanges = {};
  let household: Household | undefined;
  if (f.householdId !== undefined && f.householdId !== null) {
    household = await findHousehold(db, f.householdId, {
      lock: f.householdId !== existing?.householdId,
    });
    if (!household || !inRegionScope(ctx.actor, household.villageCode)) {
      throw new AppError("HOUSEHOLD_NOT_FOUND", "所选的户不存在", { field: "householdId" });
    }
  } else if (f.householdId === undefined && existing?.householdId) {
    household = await findHousehold(db, existing.householdId);
  }
  if (f.householdId !== undefined) out.householdId = f.householdId;
  let village = existing?.villageCode;
  if (f.villageCode !== undefined) {
    village = orThrow(checkVillageCode(f.villageCode));
    if (!(await regionExists(db, village)))
      throw new AppError("VALIDATION_FAILED", "村（社区）行政区划代码不存在", {
        field: "villageCode",
      });
  } else if (household && f.householdId) {
    village = household.villageCode;
  }
  if (household && village !== household.villageCode) {
    throw new AppError("VALIDATION_FAILED", "人员所在村须与其所在户的村一致", {
      field: f.villageCode !== undefined ? "villageCode" : "householdId",
    });
  }
  if (village !== existing?.villageCode && village !== undefined) {
    assertWritableRegion(ctx.actor, village, "villageCode");
    out.villageCode = village;
  }
  if (household) {
    if (f.keyAssistance !== undefined && f.keyAssistance !== household.keyAssistance) {
      throw new AppError("VALIDATION_FAILED", "重点帮扶按户认定，请修改所在户的认定", {
        field: "keyAssistance",
      });
    }
    out.keyAssistance = household.keyAssistance;
  } else if (f.keyAssistance !== undefined) {
    out.keyAssistance = f.keyAssistance;
  }
  if (f.resettlementSiteName !== undefined)
    out.resettlementSiteName = cleanText(f.resettlementSiteName);
  else if (household && f.householdId) out.resettlementSiteName = household.resettlementSiteName;
  if (f.resettlementSiteCode !== undefined)
    out.resettlementSiteCode = cleanText(f.resettlementSiteCode);
  else if (household && f.householdId) out.resettlementSiteCode = household.resettlementSiteCode;
  return out;
}

/** `employmentSince` is the day the current status began: a new status starts today unless a date is given. */
function employmentColumns(
  ctx: RegistryCtx,
  existing: Labourer | undefined,
  f: LabourerFields,
  birthDate: string | undefined,
): LabourerChanges {
  const out: LabourerChanges = {};
  const today = chinaDate(ctx.now());
  const statusChanges =
    f.employmentStatus !== undefined &&
    f.employmentStatus !== (existing?.employmentStatus ?? undefined);
  if (f.employmentStatus !== undefined) out.employmentStatus = f.employmentStatus;
  if (f.employmentSince !== undefined && f.employmentSince !== null) {
    out.employmentSince = orThrow(
      checkEmploymentSince(f.employmentSince, birthDate ?? "0000-00-00", today),
    );
  } else if (f.employmentSince === null) {
    out.employmentSince = null;
  } else if (statusChanges && existing) {
    // On entry an unknown start stays unknown rather than pretending it is the day of entry.
    out.employmentSince = today;
  }
  return out;
}

async function checkCadre(
  db: Executor,
  userId: string | null,
  village: string | undefined,
): Promise<string | null> {
  if (userId === null) return null;
  const u = await findStaffUser(db, userId);
  if (!u || u.role !== "cadre" || u.disabledAt) {
    throw new AppError("VALIDATION_FAILED", "指定的帮扶干部账号不存在或已停用", {
      field: "assignedCadreUserId",
    });
  }
  if (!village || !u.regionCode || !village.startsWith(u.regionCode)) {
    throw new AppError("VALIDATION_FAILED", "该帮扶干部不负责此人所在的村", {
      field: "assignedCadreUserId",
    });
  }
  return u.id;
}

function onlyDifferent(existing: Labourer, changes: LabourerChanges): LabourerChanges {
  const out: LabourerChanges = {};
  for (const [k, v] of Object.entries(changes) as [keyof LabourerChanges, unknown][]) {
    const before = existing[k as keyof Labourer];
    const same =
      Array.isArray(v) || Array.isArray(before)
        ? JSON.stringify(v) === JSON.stringify(before)
        : v === before;
    // A fresh ciphertext of the same number is no change: the hash decides.
    if (!same && k !== "idNumberEnc" && k !== "phoneEnc") (out as Record<string, unknown>)[k] = v;
  }
  if (out.idNumberHash) out.idNumberEnc = changes.idNumberEnc;
  if (out.phoneHash !== undefined) out.phoneEnc = changes.phoneEnc;
  if (out.contactConsent === undefined) delete out.consentAt;
  return out;
}

export const REQUIRED_ON_CREATE = [
  "name",
  "idNumberHash",
  "personType",
  "labourCapacity",
  "villageCode",
] as const;

const REQUIRED_FIELD: Record<(typeof REQUIRED_ON_CREATE)[number], [string, string]> = {
  name: ["name", "请填写姓名"],
  idNumberHash: ["idNumber", "请填写身份证号码"],
  personType: ["personType", "请选择人员类别"],
  labourCapacity: ["labourCapacity", "请选择劳动能力"],
  villageCode: ["villageCode", "请填写所在村（社区）代码，或选择所在户"],
};

/** The first required column a new record lacks, as a rejection. */
export function missingOnCreate(changes: LabourerChanges) {
  for (const k of REQUIRED_ON_CREATE) {
    if (changes[k] === undefined || changes[k] === null) {
      const [field, message] = REQUIRED_FIELD[k];
      return reject("VALIDATION_FAILED", field, "required", message);
    }
  }
  return undefined;
}
