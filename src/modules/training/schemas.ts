import { z } from "@hono/zod-openapi";

export const ENROLMENT_STATUSES = ["enrolled", "passed", "failed"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ENROLMENT_LABELS: Record<EnrolmentStatus, string> = {
  enrolled: "在训",
  passed: "培训合格",
  failed: "未通过",
};

const isoDate = z.iso.date("日期格式应为 YYYY-MM-DD");
const cursor = z.string().max(200).optional().openapi({ description: "上一页返回的 nextCursor" });
const limit = z.coerce.number().int().min(1).max(100).default(20);

export const BrandView = z
  .object({
    code: z.string().openapi({ example: "bagui-jiazheng" }),
    name: z.string().openapi({ example: "八桂家政" }),
    origin: z.enum(["gx", "gd"]).openapi({ description: "gx 广西品牌；gd 广东品牌" }),
    occupations: z
      .array(z.string())
      .openapi({ example: ["家政服务员", "育婴员", "养老护理员", "保洁员"] }),
    description: z.string().nullable(),
  })
  .openapi("LabourBrand");

export const BrandList = z.object({ items: z.array(BrandView) }).openapi("LabourBrandList");

export const CreateCourseBody = z
  .object({
    brandCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: "劳务品牌代码；通用技能培训可不填", example: "bagui-jiazheng" }),
    occupation: z.string().trim().min(1).max(30).openapi({ example: "育婴员" }),
    title: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .openapi({ example: "2026 年恭城县八桂家政（育婴员）订单培训班第 3 期" }),
    provider: z.string().trim().min(2).max(100).openapi({ example: "恭城瑶族自治县职业技术学校" }),
    startDate: isoDate.openapi({ example: "2026-03-02" }),
    endDate: isoDate.openapi({ example: "2026-03-20" }),
    countyCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "请填写 6 位县级行政区划代码")
      .openapi({ example: "450332" }),
    capacity: z.int().min(1).max(1000).openapi({ example: 40 }),
  })
  .openapi("CreateCourseBody");
export type CreateCourseInput = z.infer<typeof CreateCourseBody>;

export const CourseListQuery = z.object({
  cursor,
  limit,
  brandCode: z.string().trim().max(40).optional(),
  occupation: z.string().trim().max(30).optional(),
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional(),
});
export type CourseListInput = z.infer<typeof CourseListQuery>;

export const CourseView = z
  .object({
    id: z.uuid(),
    brand: z.object({ code: z.string(), name: z.string() }).nullable(),
    occupation: z.string(),
    title: z.string(),
    provider: z.string(),
    startDate: z.string().openapi({ example: "2026-03-02" }),
    endDate: z.string().openapi({ example: "2026-03-20" }),
    countyCode: z.string().openapi({ example: "450332" }),
    capacity: z.number().int(),
    enrolled: z.number().int().openapi({ description: "已报名人数（含已结业）" }),
    passed: z.number().int().openapi({ description: "培训合格人数" }),
    createdAt: z.string(),
  })
  .openapi("TrainingCourse");

export const CoursePage = z
  .object({ items: z.array(CourseView), nextCursor: z.string().nullable() })
  .openapi("TrainingCoursePage");

export const EnrolBody = z
  .object({ courseId: z.uuid(), labourerId: z.uuid() })
  .openapi("EnrolBody");

export const PassBody = z
  .object({
    certificateNo: z
      .string()
      .trim()
      .min(1, "请填写证书编号")
      .max(60)
      .openapi({ example: "S000045033200263000123" }),
    resultDate: isoDate.openapi({ description: "结业/发证日期", example: "2026-03-20" }),
  })
  .openapi("PassEnrolmentBody");
export type PassInput = z.infer<typeof PassBody>;

export const FailBody = z
  .object({
    resultDate: isoDate.openapi({ example: "2026-03-20" }),
    note: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ example: "实操考核未通过，可报名下一期补考" }),
  })
  .openapi("FailEnrolmentBody");
export type FailInput = z.infer<typeof FailBody>;

export const EnrolmentListQuery = z.object({
  cursor,
  limit,
  courseId: z.uuid().optional(),
  labourerId: z.uuid().optional(),
  status: z.enum(ENROLMENT_STATUSES).optional(),
});
export type EnrolmentListInput = z.infer<typeof EnrolmentListQuery>;

export const EnrolmentView = z
  .object({
    id: z.uuid(),
    course: z.object({
      id: z.uuid(),
      title: z.string(),
      occupation: z.string(),
      countyCode: z.string(),
      brand: z.object({ code: z.string(), name: z.string() }).nullable(),
    }),
    labourer: z.object({ id: z.uuid(), name: z.string(), villageCode: z.string() }),
    status: z.enum(ENROLMENT_STATUSES),
    statusLabel: z.string().openapi({ example: "培训合格" }),
    certificateNo: z.string().nullable(),
    resultDate: z.string().nullable(),
    resultNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("TrainingEnrolment");

export const EnrolmentPage = z
  .object({ items: z.array(EnrolmentView), nextCursor: z.string().nullable() })
  .openapi("TrainingEnrolmentPage");

export const CertificatesQuery = z.object({
  labourerId: z.uuid().optional().openapi({ description: "工作人员必填；求职者不填即查本人" }),
});

export const CertificatesView = z
  .object({
    labourerId: z.uuid(),
    certificates: z.array(
      z.object({
        enrolmentId: z.uuid(),
        courseId: z.uuid(),
        courseTitle: z.string(),
        occupation: z.string(),
        brand: z.object({ code: z.string(), name: z.string() }).nullable(),
        certificateNo: z.string().nullable(),
        resultDate: z.string().nullable(),
      }),
    ),
    brands: z.array(
      z.object({ code: z.string(), name: z.string(), occupations: z.array(z.string()) }),
    ),
    occupations: z
      .array(z.string())
      .openapi({ description: "持证职业（由培训合格记录得出），最近的在前", example: ["育婴员"] }),
  })
  .openapi("LabourerCertificates");
