import { and, asc, eq, like } from "drizzle-orm";
import { chinaDate } from "../../src/lib/china-time";
import type { Ctx, Deps } from "../../src/lib/ctx";
import { AppError } from "../../src/lib/errors";
import { enrol, failEnrolment, passEnrolment } from "../../src/modules/training/enrolments";
import { createCourse } from "../../src/modules/training/service";
import { labourers } from "../schema/labourers";
import { trainingCourses, trainingEnrolments } from "../schema/training";
import { users } from "../schema/users";

/**
 * Demo training for `npm start`: brand courses in the four demo counties and enrolments of the
 * demo labourers (looked up from the database, so this runs after seedDemoLabourers). Results go
 * through the training service as the 自治区人社厅 demo user, so passes write `training.passed`
 * outbox rows just as a real pass does, and the matching pipeline picks them up.
 * Keyed by course title and (course, labourer): a restart changes nothing.
 */
interface DemoCourse {
  title: string;
  county: string;
  brandCode: string;
  occupation: string;
  provider: string;
  /** Days from today: finished courses lie in the past and carry results. */
  startIn: number;
  lengthDays: number;
  /** How many of the county's demo labourers enrol, and how many of them pass and fail. */
  enrol: number;
  pass: number;
  fail: number;
}

const DEMO_COURSES: DemoCourse[] = [
  {
    title: "恭城县八桂家政（育婴员）订单培训班",
    county: "450332",
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    provider: "恭城瑶族自治县职业技术学校",
    startIn: -60,
    lengthDays: 18,
    enrol: 5,
    pass: 4,
    fail: 1,
  },
  {
    title: "恭城油茶师傅技能培训班",
    county: "450332",
    brandCode: "guilin-youcha",
    occupation: "油茶师傅",
    provider: "恭城瑶族自治县油茶协会",
    startIn: 14,
    lengthDays: 10,
    enrol: 3,
    pass: 0,
    fail: 0,
  },
  {
    title: "融水县八桂建工（砌筑工）培训班",
    county: "450225",
    brandCode: "bagui-jiangong",
    occupation: "砌筑工",
    provider: "融水苗族自治县职业教育中心",
    startIn: -45,
    lengthDays: 15,
    enrol: 5,
    pass: 4,
    fail: 0,
  },
  {
    title: "三江县“粤菜师傅”粤桂协作订单班",
    county: "450226",
    brandCode: "yuecai-shifu",
    occupation: "粤菜厨师",
    provider: "广州市旅游商务职业学校（粤桂协作）",
    startIn: -40,
    lengthDays: 20,
    enrol: 4,
    pass: 3,
    fail: 1,
  },
  {
    title: "都安县“南粤家政”养老护理员培训班",
    county: "451228",
    brandCode: "nanyue-jiazheng",
    occupation: "养老护理员",
    provider: "都安瑶族自治县职业技术学校",
    startIn: -50,
    lengthDays: 15,
    enrol: 5,
    pass: 4,
    fail: 0,
  },
  {
    title: "都安县“广东技工”低压电工培训班",
    county: "451228",
    brandCode: "guangdong-jigong",
    occupation: "电工",
    provider: "都安瑶族自治县职业技术学校",
    startIn: -30,
    lengthDays: 12,
    enrol: 3,
    pass: 2,
    fail: 0,
  },
];

const dayFrom = (now: Date, days: number) => chinaDate(new Date(now.getTime() + days * 86_400_000));

async function ensureCourse(ctx: Ctx, c: DemoCourse): Promise<string> {
  const [existing] = await ctx.db
    .select({ id: trainingCourses.id })
    .from(trainingCourses)
    .where(and(eq(trainingCourses.title, c.title), eq(trainingCourses.countyCode, c.county)))
    .limit(1);
  if (existing) return existing.id;
  const created = await createCourse(ctx, {
    title: c.title,
    countyCode: c.county,
    brandCode: c.brandCode,
    occupation: c.occupation,
    provider: c.provider,
    startDate: dayFrom(ctx.now(), c.startIn),
    endDate: dayFrom(ctx.now(), c.startIn + c.lengthDays),
    capacity: 40,
  });
  return created.course.id;
}

async function ensureEnrolment(ctx: Ctx, courseId: string, labourerId: string) {
  try {
    return (await enrol(ctx, { courseId, labourerId })).enrolment;
  } catch (err) {
    if (!(err instanceof AppError && err.code === "ENROLMENT_DUPLICATE")) throw err;
    const [row] = await ctx.db
      .select()
      .from(trainingEnrolments)
      .where(
        and(
          eq(trainingEnrolments.courseId, courseId),
          eq(trainingEnrolments.labourerId, labourerId),
        ),
      );
    return row!;
  }
}

export async function seedDemoTraining(
  deps: Deps,
): Promise<{ courses: number; enrolments: number; passed: number }> {
  const [bureau] = await deps.db
    .select()
    .from(users)
    .where(eq(users.username, "gx_bureau"))
    .limit(1);
  if (!bureau) return { courses: 0, enrolments: 0, passed: 0 };
  const ctx: Ctx = {
    ...deps,
    requestId: "seed-demo-training",
    log: deps.log.child({ seed: "training" }),
    actor: {
      kind: "user",
      userId: bureau.id,
      role: "bureau",
      regionCode: bureau.regionCode,
      employerId: null,
      labourerId: null,
    },
  };
  let enrolments = 0;
  let passed = 0;
  for (const [ci, c] of DEMO_COURSES.entries()) {
    const courseId = await ensureCourse(ctx, c);
    const people = await deps.db
      .select({ id: labourers.id })
      .from(labourers)
      .where(like(labourers.villageCode, `${c.county}%`))
      .orderBy(asc(labourers.createdAt), asc(labourers.id))
      .limit(c.enrol);
    for (const [i, p] of people.entries()) {
      const e = await ensureEnrolment(ctx, courseId, p.id);
      enrolments++;
      if (e.status !== "enrolled") {
        passed += e.status === "passed" ? 1 : 0;
        continue;
      }
      const resultDate = dayFrom(deps.now(), c.startIn + c.lengthDays);
      if (i < c.pass) {
        await passEnrolment(ctx, e.id, {
          certificateNo: `DEMO-${c.county}-${ci + 1}-${String(i + 1).padStart(3, "0")}`,
          resultDate,
        });
        passed++;
      } else if (i < c.pass + c.fail) {
        await failEnrolment(ctx, e.id, { resultDate, note: "实操考核未通过，可报名下一期" });
      }
    }
  }
  return { courses: DEMO_COURSES.length, enrolments, passed };
}
