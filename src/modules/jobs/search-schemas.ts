import { z } from "@hono/zod-openapi";
import { JOB_CHANNELS, JobChannel, PHYSICAL_DEMANDS, PhysicalDemand, WageUnit } from "./schemas";

const list = (v: unknown) =>
  v === undefined
    ? []
    : (Array.isArray(v) ? v : [v])
        .flatMap((s) => String(s).split(","))
        .map((s) => s.trim())
        .filter(Boolean);

export const JobSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .default("")
    .openapi({ example: "普工 深圳", description: "关键词，空格分隔的词须全部命中" }),
  channel: z.preprocess(list, z.array(z.enum(JOB_CHANNELS)).max(JOB_CHANNELS.length)).openapi({
    type: "string",
    example: "gd_gx,odd_job",
    description: "渠道，可多选（逗号分隔或重复参数）",
  }),
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional()
    .openapi({ example: "4503", description: "行政区划代码，任意一级（省、市、县、乡镇）" }),
  near: z
    .string()
    .trim()
    .max(40)
    .optional()
    .openapi({ example: "24.83,110.83", description: "附近搜索的中心点：纬度,经度" }),
  radiusKm: z.coerce
    .number()
    .positive()
    .max(500)
    .default(30)
    .openapi({ example: 20, description: "附近搜索半径（公里），默认 30" }),
  minWageFen: z.coerce.number().int().min(0).max(100_000_000).optional().openapi({
    example: 450_000,
    description: "工资下限（分），须同时给出 wageUnit；岗位最高工资不低于此值即命中",
  }),
  wageUnit: WageUnit.optional(),
  minMonthlyWageFen: z.coerce.number().int().min(0).max(100_000_000).optional().openapi({
    example: 400_000,
    description:
      "月薪不低于（分），任何计薪方式都比：日薪按每月 22 个工作日折算成月薪，与岗位最高工资比；计件岗位无法折算，不排除",
  }),
  certificate: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, "请填写劳务品牌证书代码")
    .optional()
    .openapi({ example: "bagui-jiazheng" }),
  occupation: z.string().trim().min(1).max(30).optional().openapi({ example: "家政服务员" }),
  physicalDemand: z.preprocess(list, z.array(z.enum(PHYSICAL_DEMANDS)).max(3)).openapi({
    type: "string",
    example: "light,normal",
    description: "体力要求，可多选：light 轻体力；normal 一般；heavy 重体力",
  }),
  sort: z.enum(["relevance", "wage", "distance", "newest"]).default("relevance").openapi({
    description:
      "relevance 相关度（无关键词时：有位置按距离，否则按最新）；wage 工资从高到低；distance 由近到远（须给出 near）；newest 最新发布",
  }),
  cursor: z.string().max(40).optional().openapi({ description: "上一页返回的 nextCursor" }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const JobSearchHit = z
  .object({
    id: z.uuid(),
    title: z.string().openapi({ example: "深圳宝安电子厂普工（包吃住、点对点接送）" }),
    channel: JobChannel,
    occupation: z.string(),
    employer: z.object({ id: z.uuid(), name: z.string() }),
    wage: z.object({ minFen: z.int(), maxFen: z.int(), unit: WageUnit }),
    headcount: z.int(),
    regionCode: z.string(),
    placeName: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    benefits: z.array(z.string()),
    certificates: z.array(z.string()),
    workStartOn: z.string().nullable(),
    workEndOn: z.string().nullable(),
    pointToPoint: z.boolean(),
    boardAndLodging: z.boolean(),
    coBuiltPark: z.boolean().openapi({ description: "粤桂共建产业园区岗位" }),
    transportSubsidyEligible: z.boolean(),
    physicalDemand: PhysicalDemand,
    postedAt: z.string(),
    expiresAt: z.string(),
    distanceKm: z.number().optional().openapi({
      example: 3.42,
      description:
        "给出 near 时：与中心点的距离（公里）。未标注位置的岗位按所在县的坐标计算，只作排序用；给人看请用 distanceText",
    }),
    distanceText: z.string().nullable().openapi({
      example: "本县",
      description:
        "按已知精度说的距离：双方都是实际位置（手机定位与用工单位标注的岗位）时“约 2.4 公里”；否则“同村”“同乡镇”“本县”，不同县时按县城坐标“约 N 公里”；不知道求职者在哪时为 null",
    }),
  })
  .openapi("JobSearchHit");

export const JobSearchResult = z
  .object({
    items: z.array(JobSearchHit),
    nextCursor: z.string().nullable(),
    estimatedTotal: z
      .int()
      .nullable()
      .openapi({ description: "估计命中数；降级或附近搜索时为 null" }),
    degraded: z.boolean().openapi({
      description: "true：搜索引擎不可用或滞后，本次由数据库直接查询（较慢，排序按最新）",
    }),
  })
  .openapi("JobSearchResult");
