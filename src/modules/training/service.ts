import type { Executor } from "../../../db/client";
import { trainingCourses } from "../../../db/schema/training";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { assertWritableRegion, inRegionScope, regionScopeSql } from "../../lib/scope";
import { canonicalRegionCode, levelOf } from "../regions/codes";
import { findRegion } from "../regions/repo";
import * as repo from "./repo";
import { canSeeCourse } from "./rules";
import type { CourseListInput, CreateCourseInput } from "./schemas";

export const listBrands = (ctx: Pick<Ctx, "db">) => repo.listBrands(ctx.db);

/** Bureau staff open a course in a county of their region; a brand course trains one of the brand's occupations. */
export async function createCourse(ctx: Ctx, input: CreateCourseInput): Promise<repo.CourseRow> {
  assertRole(ctx.actor, ["admin", "bureau"]);
  const countyCode = canonicalRegionCode(input.countyCode);
  if (!countyCode || levelOf(countyCode) !== "county" || !(await findRegion(ctx.db, countyCode))) {
    throw new AppError("VALIDATION_FAILED", "请填写存在的县级行政区划代码", {
      field: "countyCode",
    });
  }
  assertWritableRegion(ctx.actor, countyCode, "countyCode");
  let brandName: string | null = null;
  if (input.brandCode) {
    const brand = await repo.findBrand(ctx.db, input.brandCode);
    if (!brand) throw new AppError("BRAND_NOT_FOUND", "劳务品牌不存在", { field: "brandCode" });
    if (!brand.occupations.includes(input.occupation)) {
      throw new AppError(
        "VALIDATION_FAILED",
        `“${brand.name}”培训的职业为：${brand.occupations.join("、")}`,
        {
          field: "occupation",
        },
      );
    }
    brandName = brand.name;
  }
  if (input.endDate < input.startDate)
    throw new AppError("VALIDATION_FAILED", "结束日期不能早于开始日期", { field: "endDate" });
  const now = ctx.now();
  const course = await repo.insertCourse(ctx.db, {
    brandCode: input.brandCode ?? null,
    occupation: input.occupation,
    title: input.title,
    provider: input.provider,
    startDate: input.startDate,
    endDate: input.endDate,
    countyCode,
    capacity: input.capacity,
    createdBy: ctx.actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  return { course, brandName, enrolled: 0, passed: 0 };
}

export async function getCourse(ctx: Ctx, id: string): Promise<repo.CourseRow> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  const row = await repo.findCourse(ctx.db, id);
  if (!row || !canSeeCourse(ctx.actor, row.course.countyCode))
    throw new AppError("COURSE_NOT_FOUND", "培训班不存在");
  return row;
}

export async function listCourses(ctx: Ctx, input: CourseListInput) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  let countyPrefix: string | undefined;
  if (input.countyCode) {
    countyPrefix = canonicalRegionCode(input.countyCode);
    if (!countyPrefix)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "countyCode" });
  }
  const rows = await repo.listCourses(ctx.db, {
    scope: regionScopeSql(ctx.actor, trainingCourses.countyCode),
    brandCode: input.brandCode,
    occupation: input.occupation,
    countyPrefix,
    after: decodeCursor(input.cursor),
    limit: input.limit + 1,
  });
  return pageOf(
    rows.map((r) => ({ ...r, createdAt: r.course.createdAt, id: r.course.id })),
    input.limit,
  );
}

export interface Certificates {
  labourerId: string;
  certificates: {
    enrolmentId: string;
    courseId: string;
    courseTitle: string;
    occupation: string;
    brand: { code: string; name: string } | null;
    certificateNo: string | null;
    resultDate: string | null;
  }[];
  /** Brands held, each with the occupations the brand trains for. */
  brands: { code: string; name: string; occupations: string[] }[];
  /** Occupations certified (the courses' occupations), most recent first, without repeats. */
  occupations: string[];
}

/**
 * Read model for matching: the brands and occupations a labourer holds, from passed
 * enrolments. No access rules here: callers (the API service below, workers) decide who asks.
 */
export async function listCertificates(db: Executor, labourerId: string): Promise<Certificates> {
  const rows = await repo.passedEnrolments(db, labourerId);
  const brands = new Map<string, { code: string; name: string; occupations: string[] }>();
  const occupations: string[] = [];
  for (const r of rows) {
    if (r.brandCode && r.brandName && !brands.has(r.brandCode)) {
      brands.set(r.brandCode, {
        code: r.brandCode,
        name: r.brandName,
        occupations: r.brandOccupations ?? [],
      });
    }
    if (!occupations.includes(r.occupation)) occupations.push(r.occupation);
  }
  return {
    labourerId,
    certificates: rows.map((r) => ({
      enrolmentId: r.enrolmentId,
      courseId: r.courseId,
      courseTitle: r.courseTitle,
      occupation: r.occupation,
      brand: r.brandCode && r.brandName ? { code: r.brandCode, name: r.brandName } : null,
      certificateNo: r.certificateNo,
      resultDate: r.resultDate,
    })),
    brands: [...brands.values()],
    occupations,
  };
}

/** A labourer reads their own certificates; staff those of labourers living in their region. */
export async function getCertificates(
  ctx: Ctx,
  input: { labourerId?: string },
): Promise<Certificates> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "labourer"]);
  const actor = ctx.actor;
  const labourerId = input.labourerId ?? (actor.role === "labourer" ? actor.labourerId : null);
  if (!labourerId) throw new AppError("VALIDATION_FAILED", "请指定求职者", { field: "labourerId" });
  const lab = await repo.findLabourerRef(ctx.db, labourerId);
  const allowed =
    actor.role === "labourer"
      ? actor.labourerId === labourerId
      : inRegionScope(actor, lab?.villageCode);
  if (!lab || !allowed) throw new AppError("LABOURER_NOT_FOUND", "求职者不存在");
  return listCertificates(ctx.db, labourerId);
}
