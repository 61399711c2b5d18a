import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { id, timestamps, tstz } from "./columns";

/**
 * enterprise: any registered company; workshop: a certified 就业帮扶车间; cooperative: a
 * 农民劳务专业合作社; individual: a household or odd-job employer (个体/零散雇主), often without a
 * credit code; public_welfare: a provider of 乡村公益性岗位 (village committee and the like).
 */
export const employerType = pgEnum("employer_type", [
  "enterprise",
  "workshop",
  "cooperative",
  "individual",
  "public_welfare",
]);

export const employerVerification = pgEnum("employer_verification", [
  "unverified",
  "verified",
  "suspended",
]);

/**
 * Organisations and people who post jobs. Only verified employers' jobs are searchable and
 * recommended; the status, who last changed it, when and why, stay on the row.
 */
export const employers = pgTable(
  "employers",
  {
    id: id(),
    name: text().notNull(),
    type: employerType().notNull(),
    /** GB 32100 unified social credit code, normalised (18 chars, upper case); null for individuals without one. */
    creditCode: varchar({ length: 18 }),
    /** Short canonical GB/T 2260 code, county level or below. */
    regionCode: varchar({ length: 12 }).notNull(),
    address: text(),
    contactName: text().notNull(),
    /** PiiCipher ciphertext of the normalised mobile number. */
    contactPhoneEnc: text(),
    /** HMAC of the normalised mobile number: lookup and the duplicate check for employers without a credit code. */
    contactPhoneHash: text(),
    /** 138****5678, what every response shows. */
    contactPhoneMasked: varchar({ length: 11 }),
    /** Workshops only: the certificate number and the county (short code) that certified it. */
    workshopCertificateNo: text(),
    workshopCertifiedBy: varchar({ length: 12 }),
    verificationStatus: employerVerification().notNull().default("unverified"),
    statusReason: text(),
    statusChangedAt: tstz(),
    statusChangedBy: uuid(),
    verifiedAt: tstz(),
    verifiedBy: uuid(),
    createdBy: uuid(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("employers_credit_code_uq")
      .on(t.creditCode)
      .where(sql`${t.creditCode} is not null`),
    // An employer without a credit code is identified by its phone: one registration per phone.
    uniqueIndex("employers_phone_no_code_uq")
      .on(t.contactPhoneHash)
      .where(sql`${t.creditCode} is null`),
    index("employers_region_prefix_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("employers_status_idx").on(t.verificationStatus),
  ],
);

export type Employer = typeof employers.$inferSelect;
