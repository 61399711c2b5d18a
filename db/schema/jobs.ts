import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { JOB_CHANNELS, PHYSICAL_DEMANDS } from "../../src/lib/enums";
import { id, timestamps, tstz } from "./columns";
import { employers } from "./employers";
import { wageUnit } from "./labourers";

/**
 * odd_job: 零工 (short, dated, daily or piece wage, a meeting point); workshop: 帮扶车间 (only
 * certified workshops); gd_gx: 粤桂劳务协作 (work in Guangdong, point-to-point transport);
 * public_welfare: 乡村公益性岗位 (village posts for half and weak labour); enterprise: 区内企业岗位
 * (regular, usually monthly-wage jobs with an enterprise inside Guangxi, including the industrial
 * parks co-built with Guangdong, flagged `coBuiltPark` [seed 001; 002 §12 区内市内劳务协作]).
 */
export const jobChannel = pgEnum("job_channel", JOB_CHANNELS);

/** How hard the work is on the body: light 轻体力, normal 一般, heavy 重体力 (weak labour never gets heavy work). */
export const physicalDemand = pgEnum("physical_demand", PHYSICAL_DEMANDS);

/** draft → open → filled | closed | expired; the last three are final. */
export const jobStatus = pgEnum("job_status", ["draft", "open", "filled", "closed", "expired"]);

/**
 * Job postings. `version` counts every change that matters to the search index and
 * `indexedVersion` is the version the sync worker last confirmed in Meilisearch: a row where they
 * differ for more than a few seconds means the index lags (the search falls back to Postgres).
 * `searchTokens` serves that fallback: CJK bigrams and unigrams of the searchable text plus facet
 * keys (r:<region>, c:<channel>, cert:<code>, o:<occupation>), under one GIN index on open postings.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    employerId: uuid()
      .notNull()
      .references(() => employers.id),
    channel: jobChannel().notNull(),
    status: jobStatus().notNull().default("draft"),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** Free text as people say it (普工, 采茶工, 家政服务员): filterable as an exact value. */
    occupation: text().notNull(),
    skills: text().array().notNull().default(sql`'{}'::text[]`),
    /** Labour-brand certificate codes the posting requires (bagui_jiazheng …), opaque here. */
    certificates: text().array().notNull().default(sql`'{}'::text[]`),
    headcount: integer().notNull(),
    /** Integer fen per `wageUnit`. */
    wageMinFen: integer().notNull(),
    wageMaxFen: integer().notNull(),
    wageUnit: wageUnit().notNull(),
    /** Where the work is: short canonical GB/T 2260 code, and the region's full name for display and search. */
    regionCode: varchar({ length: 12 }).notNull(),
    placeName: text().notNull(),
    /** The employer's region when the posting was made: staff scope covers it too. */
    employerRegionCode: varchar({ length: 12 }).notNull(),
    address: text(),
    /** The employer's pin when `pinned`, else the region's point (a township or village carries its county's). */
    lat: doublePrecision(),
    lng: doublePrecision(),
    /** true: lat/lng are a real place the employer pinned; distances to it are measured (docs/PAGES.md, "Distance"). */
    pinned: boolean().notNull().default(false),
    ageMin: smallint().notNull(),
    ageMax: smallint().notNull(),
    physicalDemand: physicalDemand().notNull().default("normal"),
    benefits: text().array().notNull().default(sql`'{}'::text[]`),
    contactName: text().notNull(),
    /** PiiCipher ciphertext of the normalised mobile number; responses show only the masked form. */
    contactPhoneEnc: text().notNull(),
    contactPhoneMasked: varchar({ length: 11 }).notNull(),
    // odd_job
    meetingPoint: text(),
    workStartOn: date({ mode: "string" }),
    workEndOn: date({ mode: "string" }),
    // gd_gx
    /** The Guangxi county the organised point-to-point transport leaves from. */
    departureRegionCode: varchar({ length: 12 }),
    pointToPoint: boolean().notNull().default(false),
    boardAndLodging: boolean().notNull().default(false),
    // enterprise
    /** A job in one of the industrial parks co-built with Guangdong (共建园区) inside Guangxi. */
    coBuiltPark: boolean().notNull().default(false),
    /** Work outside Guangxi makes a poverty-alleviated labourer eligible for the round-trip transport subsidy. */
    transportSubsidyEligible: boolean().notNull().default(false),

    postedAt: tstz(),
    expiresAt: tstz().notNull(),
    closedAt: tstz(),
    closedReason: text(),
    closedBy: uuid(),
    filledAt: tstz(),
    createdBy: uuid(),
    /** Posted by bureau staff for the employer (the odd-job desk collects scattered jobs). */
    postedOnBehalf: boolean().notNull().default(false),

    version: integer().notNull().default(1),
    indexedVersion: integer().notNull().default(0),
    changedAt: tstz().notNull().defaultNow(),
    searchText: text().notNull().default(""),
    searchTokens: text().array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [
    index("jobs_employer_idx").on(t.employerId, t.createdAt),
    index("jobs_region_prefix_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("jobs_employer_region_prefix_idx").using(
      "btree",
      t.employerRegionCode.op("text_pattern_ops"),
    ),
    index("jobs_open_posted_idx").on(t.postedAt.desc()).where(sql`${t.status} = 'open'`),
    index("jobs_open_wage_idx").on(t.wageMaxFen.desc()).where(sql`${t.status} = 'open'`),
    // Near-me boxes in the Postgres fallback; the trailing columns let the posting-density map
    // (src/search/posting-density.ts) be read by an index-only scan.
    index("jobs_open_latlng_idx")
      .on(t.lat, t.lng, t.channel, t.employerId, t.expiresAt)
      .where(sql`${t.status} = 'open'`),
    index("jobs_open_expires_idx").on(t.expiresAt).where(sql`${t.status} = 'open'`),
    index("jobs_open_tokens_idx").using("gin", t.searchTokens).where(sql`${t.status} = 'open'`),
    index("jobs_unindexed_idx").on(t.changedAt).where(sql`${t.indexedVersion} <> ${t.version}`),
  ],
);

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
