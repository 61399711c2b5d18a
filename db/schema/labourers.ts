import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import {
  EMPLOYMENT_STATUSES,
  LABOUR_CAPACITIES,
  PERSON_TYPES,
  PUSH_CHANNELS,
  WORK_INTENTIONS,
} from "../../src/lib/enums";
import { id, timestamps, tstz } from "./columns";
import { users } from "./users";

/**
 * The registry aggregate: households (户) and the labourers in them. ID and phone numbers are
 * stored three ways: AES-GCM ciphertext (`*_enc`, read back only by the audited identity
 * endpoint), keyed HMAC (`*_hash`, uniqueness and lookup) and the masked form shown everywhere.
 * `village_code` is the home village in short GB/T 2260 form and the column region scope tests.
 */

export const personType = pgEnum("person_type", PERSON_TYPES);
export const sex = pgEnum("sex", ["male", "female"]);
export const labourCapacity = pgEnum("labour_capacity", LABOUR_CAPACITIES);
export const workIntention = pgEnum("work_intention", WORK_INTENTIONS);
export const wageUnit = pgEnum("wage_unit", ["day", "month", "piece"]);
export const employmentStatus = pgEnum("employment_status", EMPLOYMENT_STATUSES);
export const pushChannel = pgEnum("push_channel", PUSH_CHANNELS);

/**
 * Why an accepted ID number deserves a second look:
 * - `region_not_current`: the six-digit prefix is not a county in `regions` (an abolished or
 *   renamed county still printed on old cards, or a place outside our reference data);
 * - `upgraded_from_15`: entered as a first-generation 15-digit number and converted.
 */
export type IdNumberFlag = "region_not_current" | "upgraded_from_15";

export const households = pgTable(
  "households",
  {
    id: id(),
    /** 户编号 as printed in the poverty-alleviation ledger; unique across the province. */
    householdNo: varchar({ length: 32 }).notNull(),
    villageCode: varchar({ length: 12 }).notNull(),
    /**
     * Null: the head is still to be named (`headMissing` in the API). A ledger may list only a
     * household's labourers (劳动力台账): they are registered and the head completed later, by a
     * ledger that names the head or by an edit (docs/IMPORT.md, "Households").
     */
    headName: text(),
    /** Set once the head is registered as a labourer; the head may be too old to be one. */
    headLabourerId: uuid(),
    /** 重点帮扶: annual per-capita income below 10,000 CNY (DOMAIN.md, [002 §26]). */
    keyAssistance: boolean().notNull().default(false),
    /** Annual net income per head, in fen; null when the ledger does not give it. */
    incomePerCapitaFen: integer(),
    /** 易地扶贫搬迁: the resettlement site the household was moved to, if any. */
    resettlementSiteName: text(),
    resettlementSiteCode: varchar({ length: 32 }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("households_household_no_uq").on(t.householdNo),
    index("households_village_idx").using("btree", t.villageCode.op("text_pattern_ops")),
  ],
);

export const labourers = pgTable(
  "labourers",
  {
    id: id(),
    name: text().notNull(),
    idNumberEnc: text().notNull(),
    idNumberHash: text().notNull(),
    /** 450332********1234 */
    idNumberMasked: varchar({ length: 18 }).notNull(),
    idNumberFlags: text().array().$type<IdNumberFlag[]>().notNull().default(sql`'{}'::text[]`),
    /** Derived from the ID number (17th digit odd = male), never entered separately. */
    sex: sex().notNull(),
    /** Derived from the ID number. */
    birthDate: date({ mode: "string" }).notNull(),
    phoneEnc: text(),
    phoneHash: text(),
    /** 138****5678 */
    phoneMasked: varchar({ length: 11 }),
    householdId: uuid().references(() => households.id),
    /** 与户主关系 as written in the ledger: 户主, 配偶, 之子, 之女, 之孙 … */
    relationToHead: text(),
    personType: personType().notNull(),
    keyAssistance: boolean().notNull().default(false),
    resettlementSiteName: text(),
    resettlementSiteCode: varchar({ length: 32 }),
    labourCapacity: labourCapacity().notNull(),
    workIntention: workIntention().notNull().default("none"),
    /** Guangdong city codes (4-digit short form, e.g. 4403 深圳) for out-of-province work. */
    preferredCityCodes: text().array().notNull().default(sql`'{}'::text[]`),
    skills: text().array().notNull().default(sql`'{}'::text[]`),
    occupations: text().array().notNull().default(sql`'{}'::text[]`),
    /** Expected pay in fen per `expectedWageUnit`; both null or both set. */
    expectedWageFen: integer(),
    expectedWageUnit: wageUnit(),
    employmentStatus: employmentStatus().notNull().default("unemployed"),
    employmentSince: date({ mode: "string" }),
    /** Home village, 12-digit short GB/T 2260 code; region scope is a prefix test on it. */
    villageCode: varchar({ length: 12 }).notNull(),
    assignedCadreUserId: uuid().references(() => users.id),
    wechatOpenid: text(),
    /** Agreed to be contacted with job offers (by phone, SMS or WeChat). */
    contactConsent: boolean().notNull().default(false),
    consentAt: tstz(),
    /** 核实: a bureau or cadre user checked the registration against the person or the ledger. */
    verifiedAt: tstz(),
    verifiedBy: uuid().references(() => users.id),
    /** wechat: WeChat first, SMS when WeChat cannot reach them; sms: SMS only (set by the person on the H5 page). */
    pushChannel: pushChannel().notNull().default("wechat"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("labourers_id_number_hash_uq").on(t.idNumberHash),
    index("labourers_phone_hash_idx").on(t.phoneHash),
    index("labourers_village_idx").using("btree", t.villageCode.op("text_pattern_ops")),
    index("labourers_household_idx").on(t.householdId),
    index("labourers_cadre_idx").on(t.assignedCadreUserId),
    index("labourers_created_idx").on(t.createdAt, t.id),
    // Monitoring warning lists of a county, newest or oldest first (stats figure-sql.ts listScoped):
    // a page walks this in order and stops after its rows (docs/BENCHMARKS.md).
    index("labourers_county_created_idx").on(sql`left(${t.villageCode}, 6)`, t.createdAt, t.id),
    // …and sorted by township and village (sort `region`).
    index("labourers_county_village_idx").on(sql`left(${t.villageCode}, 6)`, t.villageCode, t.id),
  ],
);
