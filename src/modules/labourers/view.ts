import type { z } from "@hono/zod-openapi";
import { ageOn } from "../../lib/china-time";
import type { LabourerRow } from "./repo";
import type { LabourerView } from "./schemas";

/**
 * The one shape a labourer leaves the API in: masked numbers only, never ciphertext or hashes.
 * Age, never the birth date: the masked ID hides exactly the eight birth-date digits, so the date
 * beside it would give the whole number back (docs/SECURITY.md, "Masking").
 */
export function toLabourerView(
  { l, accountPhoneHash, accountWechatOpenid }: LabourerRow,
  now: Date,
): z.infer<typeof LabourerView> {
  return {
    id: l.id,
    name: l.name,
    idNumberMasked: l.idNumberMasked,
    idNumberFlags: l.idNumberFlags,
    sex: l.sex,
    age: ageOn(l.birthDate, now),
    phoneMasked: l.phoneMasked,
    phoneSignIn: l.phoneHash !== null && accountPhoneHash === l.phoneHash,
    wechatBound: accountWechatOpenid !== null || l.wechatOpenid !== null,
    householdId: l.householdId,
    relationToHead: l.relationToHead,
    personType: l.personType,
    keyAssistance: l.keyAssistance,
    resettlementSite:
      l.resettlementSiteName || l.resettlementSiteCode
        ? { name: l.resettlementSiteName, code: l.resettlementSiteCode }
        : null,
    labourCapacity: l.labourCapacity,
    workIntention: l.workIntention,
    preferredCityCodes: l.preferredCityCodes,
    skills: l.skills,
    occupations: l.occupations,
    expectedWage:
      l.expectedWageFen !== null && l.expectedWageUnit !== null
        ? { amountFen: l.expectedWageFen, unit: l.expectedWageUnit }
        : null,
    employmentStatus: l.employmentStatus,
    employmentSince: l.employmentSince,
    villageCode: l.villageCode,
    assignedCadreUserId: l.assignedCadreUserId,
    contactConsent: l.contactConsent,
    consentAt: l.consentAt?.toISOString() ?? null,
    verifiedAt: l.verifiedAt?.toISOString() ?? null,
    pushChannel: l.pushChannel,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}
