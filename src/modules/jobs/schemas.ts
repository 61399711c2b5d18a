import { z } from "@hono/zod-openapi";
import { PHYSICAL_DEMANDS } from "../../lib/enums";

export const JOB_CHANNELS = [
  "odd_job",
  "workshop",
  "gd_gx",
  "public_welfare",
  "enterprise",
] as const;
export const JOB_STATUSES = ["draft", "open", "filled", "closed", "expired"] as const;
export const WAGE_UNITS = ["day", "month", "piece"] as const;
export { PHYSICAL_DEMANDS } from "../../lib/enums";

export const JobChannel = z.enum(JOB_CHANNELS).openapi({
  description:
    "odd_job 零工；workshop 帮扶车间（仅限认定的就业帮扶车间）；gd_gx 粤桂劳务协作（广东务工，点对点输送）；public_welfare 乡村公益性岗位；enterprise 区内企业岗位（广西区内企业的长期岗位，可按月薪；含粤桂共建产业园区岗位）",
  example: "gd_gx",
});
export const JobStatus = z.enum(JOB_STATUSES).openapi({
  description: "draft 草稿 → open 招聘中 → filled 已招满 | closed 已关闭 | expired 已过期",
});
export const PhysicalDemand = z.enum(PHYSICAL_DEMANDS).openapi({
  description:
    "体力要求：light 轻体力（坐着或站着的轻活）；normal 一般；heavy 重体力（搬运、采收扛运等）。弱劳动力不推荐重体力岗位",
  example: "normal",
});
export const WageUnit = z
  .enum(WAGE_UNITS)
  .openapi({ description: "day 日薪；month 月薪；piece 计件（每件）", example: "month" });

const text = (max: number, example: string) => z.string().trim().max(max).openapi({ example });
const shortList = (maxItems: number, example: string[]) =>
  z.array(z.string().trim().min(1).max(30)).max(maxItems).openapi({ example });
const day = z.iso.date("请填写 YYYY-MM-DD 格式的日期");
// A pin is in China (the province is checked against the posting's region in pin.ts).
const lat = z
  .number("纬度须为数字")
  .min(18, "纬度须在中国境内（18 至 54 之间）")
  .max(54, "纬度须在中国境内（18 至 54 之间）");
const lng = z
  .number("经度须为数字")
  .min(73, "经度须在中国境内（73 至 136 之间）")
  .max(136, "经度须在中国境内（73 至 136 之间）");

const JobFields = {
  title: z
    .string()
    .trim()
    .min(2, "岗位名称至少 2 个字")
    .max(60)
    .openapi({ example: "深圳宝安电子厂普工（包吃住、点对点接送）" }),
  description: text(2000, "主要从事手机配件组装、检测，坐班，两班倒。男女不限，能吃苦耐劳。"),
  occupation: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .openapi({ example: "普工", description: "工种，如 普工、采茶工、家政服务员" }),
  skills: shortList(20, ["装配", "质检"]),
  certificates: z
    .array(z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, "请填写劳务品牌证书代码"))
    .max(10)
    .openapi({ example: ["bagui-jiazheng"], description: "要求的劳务品牌证书代码" }),
  headcount: z.int().min(1).max(10_000).openapi({ example: 30 }),
  wageMinFen: z
    .int()
    .min(1)
    .max(100_000_000)
    .openapi({ example: 450_000, description: "最低工资，单位：分" }),
  wageMaxFen: z
    .int()
    .min(1)
    .max(100_000_000)
    .openapi({ example: 650_000, description: "最高工资，单位：分" }),
  wageUnit: WageUnit,
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .openapi({ example: "440306", description: "工作地点所在区划" }),
  lat: lat.optional().openapi({
    example: 22.5553,
    description:
      "用工单位标注的工作地点（如发布时手机定位），须在岗位所在省区内；不填则取所在区划的坐标，距离按区划精度显示",
  }),
  lng: lng.optional().openapi({ example: 113.8836 }),
  address: text(200, "深圳市宝安区福永街道凤凰第一工业区").optional(),
  ageMin: z
    .int()
    .min(0)
    .max(100)
    .optional()
    .openapi({ example: 18, description: "默认 16；依法不得低于 16" }),
  ageMax: z.int().min(0).max(100).optional().openapi({ example: 45, description: "默认 65" }),
  physicalDemand: PhysicalDemand.optional().openapi({
    description: "体力要求，默认 normal（一般）",
  }),
  benefits: shortList(20, ["包吃", "包住", "购买五险"]),
  contactName: z.string().trim().min(1).max(30).openapi({ example: "王经理" }),
  contactPhone: z
    .string()
    .trim()
    .min(7, "请填写正确的手机号码")
    .max(20, "请填写正确的手机号码")
    .openapi({ example: "13800138000", description: "手机号码；任何返回中都只显示掩码" }),
  meetingPoint: text(200, "恭城县城汽车站门口")
    .optional()
    .openapi({ description: "零工：集合地点" }),
  workStartOn: day.optional().openapi({ example: "2026-04-01", description: "零工：开工日期" }),
  workEndOn: day.optional().openapi({ example: "2026-04-10", description: "零工：完工日期" }),
  departureRegionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/)
    .optional()
    .openapi({ example: "450332", description: "粤桂协作：点对点发车的县" }),
  pointToPoint: z
    .boolean()
    .optional()
    .openapi({ description: "粤桂协作：是否组织点对点输送（默认是）" }),
  boardAndLodging: z
    .boolean()
    .optional()
    .openapi({ description: "粤桂协作：是否包吃住（默认是）" }),
  coBuiltPark: z
    .boolean()
    .optional()
    .openapi({ description: "区内企业岗位：是否为粤桂共建产业园区岗位（共建园区岗位，默认否）" }),
  expiresAt: z.iso.datetime({ offset: true }).optional().openapi({
    example: "2026-05-01T00:00:00+08:00",
    description: "截止时间；默认零工为完工日当天结束，其余为发布后 30 天",
  }),
};

export const CreateJobBody = z
  .object({
    employerId: z
      .uuid()
      .optional()
      .openapi({ description: "人社部门代用工单位发布时必填；用工单位账号不填" }),
    channel: JobChannel,
    ...JobFields,
    skills: JobFields.skills.default([]),
    certificates: JobFields.certificates.default([]),
    benefits: JobFields.benefits.default([]),
    description: JobFields.description.default(""),
  })
  .openapi("CreateJob");
export type CreateJobInput = z.infer<typeof CreateJobBody>;

export const UpdateJobBody = z
  .object(
    Object.fromEntries(Object.entries(JobFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof JobFields]: z.ZodOptional<(typeof JobFields)[K]>;
    },
  )
  .extend({
    // null clears it: a 粤桂 posting may stop naming a departure county.
    departureRegionCode: JobFields.departureRegionCode
      .unwrap()
      .nullable()
      .optional()
      .openapi({ example: "450332", description: "粤桂协作：点对点发车的县；null 表示不再指定" }),
  })
  .openapi("UpdateJob");
export type UpdateJobInput = z.infer<typeof UpdateJobBody>;

export const CloseJobBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(2)
      .max(200)
      .optional()
      .openapi({ example: "岗位信息不实，已下架", description: "人社部门下架他人岗位时必填" }),
  })
  .openapi("CloseJob");

export const WageView = z
  .object({ minFen: z.int(), maxFen: z.int(), unit: WageUnit })
  .openapi("Wage");

export const JobView = z
  .object({
    id: z.uuid(),
    employer: z.object({
      id: z.uuid(),
      name: z.string().openapi({ example: "深圳市华宝电子有限公司" }),
    }),
    channel: JobChannel,
    status: JobStatus,
    title: z.string(),
    description: z.string(),
    occupation: z.string(),
    skills: z.array(z.string()),
    certificates: z.array(z.string()),
    headcount: z.int(),
    wage: WageView,
    regionCode: z.string(),
    placeName: z.string().openapi({ example: "广东省 深圳市 宝安区" }),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    pinned: z.boolean().openapi({
      description: "true：经纬度为用工单位标注的实际地点；false：取所在区划（县）的坐标",
    }),
    ageMin: z.int(),
    ageMax: z.int(),
    physicalDemand: PhysicalDemand,
    benefits: z.array(z.string()),
    contactName: z.string(),
    contactPhone: z.string().openapi({ example: "138****8000", description: "掩码" }),
    meetingPoint: z.string().nullable(),
    workStartOn: z.string().nullable(),
    workEndOn: z.string().nullable(),
    departureRegionCode: z.string().nullable(),
    pointToPoint: z.boolean(),
    boardAndLodging: z.boolean(),
    coBuiltPark: z
      .boolean()
      .openapi({ description: "区内企业岗位：粤桂共建产业园区岗位（共建园区岗位）" }),
    transportSubsidyEligible: z
      .boolean()
      .openapi({ description: "区外务工，脱贫劳动力可申请一次性往返交通补贴" }),
    postedOnBehalf: z.boolean().openapi({ description: "由人社部门代为发布" }),
    postedAt: z.string().nullable(),
    expiresAt: z.string(),
    closedAt: z.string().nullable(),
    closedReason: z.string().nullable(),
    filledAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    distanceText: z.string().nullable().optional().openapi({
      example: "本县",
      description:
        "岗位详情：按已知精度说的距离（同村、同乡镇、本县、不同县时约 N 公里；手机定位 near 与用工单位标注的地点之间约 N.N 公里）；不知道求职者在哪时为 null",
    }),
  })
  .openapi("Job");

export const JobDetailQuery = z.object({
  near: z
    .string()
    .trim()
    .max(40)
    .optional()
    .openapi({ example: "24.83,110.83", description: "手机定位：纬度,经度（可不填，用家所在村）" }),
});

export const JobListQuery = z.object({
  status: JobStatus.optional(),
  channel: JobChannel.optional(),
  employerId: z.uuid().optional(),
  cursor: z.string().max(200).optional().openapi({ description: "上一页返回的 nextCursor" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const JobPage = z
  .object({ items: z.array(JobView), nextCursor: z.string().nullable() })
  .openapi("JobPage");

export const JobContactView = z
  .object({
    contactName: z.string().openapi({ example: "王经理" }),
    phone: z.string().openapi({
      example: "13800138000",
      description: "完整手机号（11 位，已规范化）；每次查看都记入审计日志",
    }),
    phoneMasked: z
      .string()
      .openapi({ example: "138****8000", description: "掩码，与岗位详情中的 contactPhone 相同" }),
  })
  .openapi("JobContact");
export type JobContactBody = z.infer<typeof JobContactView>;
