import type { Executor } from "../../../db/client";
import { validateCreditCode } from "../../lib/credit-code";
import type { Actor } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { normalizePhone } from "../../lib/phone";
import { inRegionScope } from "../../lib/scope";
import { canonicalRegionCode, levelOf } from "../regions/codes";
import { findRegion } from "../regions/repo";
import type { Employer } from "./repo";
import type { EmployerFieldsInput, EmployerType } from "./schemas";

/** Registered organisations always have a credit code; individuals and village committees may not. */
const CODE_REQUIRED: EmployerType[] = ["enterprise", "workshop", "cooperative"];

export function checkCreditCode(raw: string | undefined, type: EmployerType): string | null {
  if (raw === undefined || raw.trim() === "") {
    if (CODE_REQUIRED.includes(type)) {
      throw new AppError("VALIDATION_FAILED", "企业、就业帮扶车间和合作社须填写统一社会信用代码", {
        field: "creditCode",
      });
    }
    return null;
  }
  const r = validateCreditCode(raw);
  if (!r.ok)
    throw new AppError("CREDIT_CODE_INVALID", r.message, {
      field: "creditCode",
      details: { reason: r.fault },
    });
  return r.code;
}

export function checkContactPhone(raw: string, field = "contactPhone"): string {
  const phone = normalizePhone(raw);
  if (!phone) throw new AppError("VALIDATION_FAILED", "请填写正确的 11 位手机号码", { field });
  return phone;
}

/** An employer sits in a county, township or village that exists in the reference data. */
export async function checkEmployerRegion(
  db: Executor,
  raw: string,
  field = "regionCode",
): Promise<string> {
  const code = canonicalRegionCode(raw);
  const level = code ? levelOf(code) : undefined;
  if (!code || (level !== "county" && level !== "township" && level !== "village")) {
    throw new AppError("VALIDATION_FAILED", "所在地须为县级或以下的行政区划代码", { field });
  }
  if (!(await findRegion(db, code)))
    throw new AppError("VALIDATION_FAILED", "行政区划代码不存在", { field });
  return code;
}

/** The certifying county of a workshop: given, or the county the workshop is in. */
export async function checkCertifyingCounty(
  db: Executor,
  raw: string | undefined,
  regionCode: string,
): Promise<string> {
  const code = raw ?? regionCode.slice(0, 6);
  if (levelOf(code) !== "county" || !(await findRegion(db, code))) {
    throw new AppError("VALIDATION_FAILED", "认定县须为存在的县级行政区划代码", {
      field: "workshopCertifiedBy",
    });
  }
  return code;
}

export interface EmployerValues {
  name: string;
  type: EmployerType;
  creditCode: string | null;
  regionCode: string;
  address: string | null;
  contactName: string;
  contactPhone: string;
  workshopCertificateNo: string | null;
  workshopCertifiedBy: string | null;
}

/** Every field of a new employer, normalised; the first fault is a 400 naming its field. */
export async function checkEmployerFields(
  db: Executor,
  input: EmployerFieldsInput,
): Promise<EmployerValues> {
  const creditCode = checkCreditCode(input.creditCode, input.type);
  const contactPhone = checkContactPhone(input.contactPhone);
  const regionCode = await checkEmployerRegion(db, input.regionCode);
  let workshopCertificateNo: string | null = null;
  let workshopCertifiedBy: string | null = null;
  if (input.type === "workshop") {
    if (!input.workshopCertificateNo) {
      throw new AppError("VALIDATION_FAILED", "就业帮扶车间须填写认定编号", {
        field: "workshopCertificateNo",
      });
    }
    workshopCertificateNo = input.workshopCertificateNo;
    workshopCertifiedBy = await checkCertifyingCounty(db, input.workshopCertifiedBy, regionCode);
  }
  return {
    name: input.name,
    type: input.type,
    creditCode,
    regionCode,
    address: input.address || null,
    contactName: input.contactName,
    contactPhone,
    workshopCertificateNo,
    workshopCertifiedBy,
  };
}

/**
 * Who may read an employer: admins and system all; bureau and cadre users inside their region;
 * an employer user its own organisation. Everyone else gets the same 404 as for a missing one.
 */
export function canSeeEmployer(actor: Actor, e: Pick<Employer, "id" | "regionCode">): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user") return false;
  if (actor.role === "employer") return actor.employerId === e.id;
  return inRegionScope(actor, e.regionCode);
}

/** Staff who may change an employer's status or create one on its behalf. */
export function canManageEmployer(actor: Actor, e: Pick<Employer, "regionCode">): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user" || (actor.role !== "admin" && actor.role !== "bureau")) return false;
  return inRegionScope(actor, e.regionCode);
}
