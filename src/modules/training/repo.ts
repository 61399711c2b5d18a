import { and, asc, desc, eq, like, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import {
  type LabourBrand,
  labourBrands,
  type TrainingCourse,
  type TrainingEnrolment,
  trainingCourses,
  trainingEnrolments,
} from "../../../db/schema/training";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";

export type { LabourBrand, TrainingCourse, TrainingEnrolment };

export async function listBrands(db: Executor): Promise<LabourBrand[]> {
  return db.select().from(labourBrands).orderBy(asc(labourBrands.origin), asc(labourBrands.code));
}

export async function findBrand(db: Executor, code: string): Promise<LabourBrand | undefined> {
  const [row] = await db.select().from(labourBrands).where(eq(labourBrands.code, code)).limit(1);
  return row;
}

/** The labourer fields training needs: who, and where they live (region scope). */
export async function findLabourerRef(db: Executor, id: string) {
  const [row] = await db
    .select({ id: labourers.id, name: labourers.name, villageCode: labourers.villageCode })
    .from(labourers)
    .where(eq(labourers.id, id))
    .limit(1);
  return row;
}

const enrolledCount = sql<number>`(select count(*)::int from ${trainingEnrolments} e where e.course_id = ${trainingCourses.id})`;
const passedCount = sql<number>`(select count(*)::int from ${trainingEnrolments} e where e.course_id = ${trainingCourses.id} and e.status = 'passed')`;

const courseColumns = {
  course: trainingCourses,
  brandName: labourBrands.name,
  enrolled: enrolledCount,
  passed: passedCount,
};

export type CourseRow = {
  course: TrainingCourse;
  brandName: string | null;
  enrolled: number;
  passed: number;
};

export async function findCourse(db: Executor, id: string): Promise<CourseRow | undefined> {
  const [row] = await db
    .select(courseColumns)
    .from(trainingCourses)
    .leftJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode))
    .where(eq(trainingCourses.id, id))
    .limit(1);
  return row;
}

/** Locks the course row: enrolments against its capacity serialise here. */
export async function lockCourse(db: Executor, id: string): Promise<TrainingCourse | undefined> {
  const [row] = await db
    .select()
    .from(trainingCourses)
    .where(eq(trainingCourses.id, id))
    .for("update")
    .limit(1);
  return row;
}

export async function countEnrolments(db: Executor, courseId: string): Promise<number> {
  return db.$count(trainingEnrolments, eq(trainingEnrolments.courseId, courseId));
}

export async function insertCourse(
  db: Executor,
  values: typeof trainingCourses.$inferInsert,
): Promise<TrainingCourse> {
  const [row] = await db.insert(trainingCourses).values(values).returning();
  return row!;
}

export async function listCourses(
  db: Executor,
  f: {
    scope: SQL;
    brandCode?: string;
    occupation?: string;
    countyPrefix?: string;
    after?: Keyset;
    limit: number;
  },
) {
  const conds = [
    f.scope,
    f.brandCode ? eq(trainingCourses.brandCode, f.brandCode) : undefined,
    f.occupation ? eq(trainingCourses.occupation, f.occupation) : undefined,
    f.countyPrefix ? like(trainingCourses.countyCode, `${f.countyPrefix}%`) : undefined,
    afterKeyset(trainingCourses.createdAt, trainingCourses.id, f.after),
  ];
  return db
    .select(courseColumns)
    .from(trainingCourses)
    .leftJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode))
    .where(and(...conds))
    .orderBy(...keysetOrder(trainingCourses.createdAt, trainingCourses.id))
    .limit(f.limit);
}

const enrolmentColumns = {
  enrolment: trainingEnrolments,
  course: {
    id: trainingCourses.id,
    title: trainingCourses.title,
    occupation: trainingCourses.occupation,
    countyCode: trainingCourses.countyCode,
    brandCode: trainingCourses.brandCode,
    startDate: trainingCourses.startDate,
  },
  brandName: labourBrands.name,
  labourer: { id: labourers.id, name: labourers.name, villageCode: labourers.villageCode },
};

export type EnrolmentRow = {
  enrolment: TrainingEnrolment;
  course: {
    id: string;
    title: string;
    occupation: string;
    countyCode: string;
    brandCode: string | null;
    startDate: string;
  };
  brandName: string | null;
  labourer: { id: string; name: string; villageCode: string };
};

const enrolmentQuery = (db: Executor) =>
  db
    .select(enrolmentColumns)
    .from(trainingEnrolments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrolments.courseId))
    .innerJoin(labourers, eq(labourers.id, trainingEnrolments.labourerId))
    .leftJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode));

export async function findEnrolment(
  db: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<EnrolmentRow | undefined> {
  const q = enrolmentQuery(db).where(eq(trainingEnrolments.id, id)).limit(1);
  // Lock only the enrolment: concurrent results for the same person serialise; the course stays free.
  const [row] = opts.lock ? await q.for("update", { of: trainingEnrolments }) : await q;
  return row;
}

export async function listEnrolments(
  db: Executor,
  f: {
    scope: SQL;
    courseId?: string;
    labourerId?: string;
    status?: TrainingEnrolment["status"];
    after?: Keyset;
    limit: number;
  },
) {
  const conds = [
    f.scope,
    f.courseId ? eq(trainingEnrolments.courseId, f.courseId) : undefined,
    f.labourerId ? eq(trainingEnrolments.labourerId, f.labourerId) : undefined,
    f.status ? eq(trainingEnrolments.status, f.status) : undefined,
    afterKeyset(trainingEnrolments.createdAt, trainingEnrolments.id, f.after),
  ];
  return enrolmentQuery(db)
    .where(and(...conds))
    .orderBy(...keysetOrder(trainingEnrolments.createdAt, trainingEnrolments.id))
    .limit(f.limit);
}

/** Inserts unless (course, labourer) exists; undefined then. */
export async function insertEnrolment(
  db: Executor,
  values: typeof trainingEnrolments.$inferInsert,
): Promise<TrainingEnrolment | undefined> {
  const [row] = await db
    .insert(trainingEnrolments)
    .values(values)
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function recordResult(
  db: Executor,
  id: string,
  values: Partial<typeof trainingEnrolments.$inferInsert>,
) {
  const [row] = await db
    .update(trainingEnrolments)
    .set(values)
    .where(and(eq(trainingEnrolments.id, id), eq(trainingEnrolments.status, "enrolled")))
    .returning();
  return row;
}

/** Passed enrolments of one labourer with course and brand: the certificates read model. */
export async function passedEnrolments(db: Executor, labourerId: string) {
  return db
    .select({
      enrolmentId: trainingEnrolments.id,
      certificateNo: trainingEnrolments.certificateNo,
      resultDate: trainingEnrolments.resultDate,
      courseId: trainingCourses.id,
      courseTitle: trainingCourses.title,
      occupation: trainingCourses.occupation,
      brandCode: labourBrands.code,
      brandName: labourBrands.name,
      brandOccupations: labourBrands.occupations,
    })
    .from(trainingEnrolments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrolments.courseId))
    .leftJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode))
    .where(
      and(eq(trainingEnrolments.labourerId, labourerId), eq(trainingEnrolments.status, "passed")),
    )
    .orderBy(
      sql`${trainingEnrolments.resultDate} desc nulls last`,
      desc(trainingEnrolments.createdAt),
    );
}
