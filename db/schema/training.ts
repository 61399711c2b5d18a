import { sql } from "drizzle-orm";
import {
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
import { id, timestamps, tstz } from "./columns";
import { labourers } from "./labourers";

/** gx: a Guangxi brand (八桂家政 …); gd: a Guangdong brand trained for the cooperation channel (粤菜师傅 …). */
export const brandOrigin = pgEnum("brand_origin", ["gx", "gd"]);

export const enrolmentStatus = pgEnum("enrolment_status", ["enrolled", "passed", "failed"]);

/**
 * 劳务品牌: reference data loaded by db/seed/labour-brands.ts at every start. A certificate of a
 * brand says what the holder can do; `occupations` are the occupations the brand trains for.
 */
export const labourBrands = pgTable("labour_brands", {
  code: varchar({ length: 40 }).primaryKey(),
  name: text().notNull().unique(),
  origin: brandOrigin().notNull(),
  occupations: text().array().notNull().default(sql`'{}'::text[]`),
  description: text(),
  ...timestamps,
});

/** A training course (培训班) run in one county; brand is optional (general skills courses have none). */
export const trainingCourses = pgTable(
  "training_courses",
  {
    id: id(),
    brandCode: varchar({ length: 40 }).references(() => labourBrands.code),
    occupation: text().notNull(),
    title: text().notNull(),
    provider: text().notNull(),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    /** Short county code (6 digits); region scope is a prefix test on it. */
    countyCode: varchar({ length: 12 }).notNull(),
    capacity: integer().notNull(),
    createdBy: uuid(),
    ...timestamps,
  },
  (t) => [
    index("training_courses_county_idx").using("btree", t.countyCode.op("text_pattern_ops")),
    index("training_courses_start_idx").on(t.startDate, t.id),
  ],
);

/** One labourer in one course; the result (passed/failed) is final once recorded. */
export const trainingEnrolments = pgTable(
  "training_enrolments",
  {
    id: id(),
    courseId: uuid()
      .notNull()
      .references(() => trainingCourses.id),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    status: enrolmentStatus().notNull().default("enrolled"),
    certificateNo: text(),
    resultDate: date({ mode: "string" }),
    resultNote: text(),
    resultRecordedBy: uuid(),
    resultRecordedAt: tstz(),
    createdBy: uuid(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("training_enrolments_course_labourer_uq").on(t.courseId, t.labourerId),
    index("training_enrolments_labourer_idx").on(t.labourerId, t.status),
  ],
);

export type LabourBrand = typeof labourBrands.$inferSelect;
export type TrainingCourse = typeof trainingCourses.$inferSelect;
export type TrainingEnrolment = typeof trainingEnrolments.$inferSelect;
