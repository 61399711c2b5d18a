import { z } from "@hono/zod-openapi";
import { FIGURES } from "./figures";
import { WARNING_LIST_IDS, WARNING_LISTS } from "./warning-lists";
import { WARNING_SORT_IDS, WARNING_SORTS } from "./warning-sorts";

export const RegionQuery = z.object({
  region: z.string().max(12).optional().openapi({
    description: "行政区划代码（如 450332 或 450300）；不填为本人负责区域",
    example: "450332",
  }),
});

const Values = z
  .record(z.string(), z.record(z.string(), z.number()))
  .openapi({ description: "指标 → 分类 → 数值（无分类的指标用空字符串作分类）" });
const Ratios = z.record(z.string(), z.number().nullable());

const SummaryRow = z.object({
  code: z.string(),
  name: z.string(),
  values: Values,
  ratios: Ratios,
});

export const SummaryView = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    source: z.enum(["live", "precomputed"]).openapi({
      description:
        "live 实时统计；precomputed 读取每10分钟更新的预计算数（省、市两级），统计时点见 asOf",
    }),
    asOf: z.string(),
    day: z.string(),
    figures: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        keys: z.array(z.object({ key: z.string(), label: z.string() })),
      }),
    ),
    derived: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        numerator: z.string(),
        denominator: z.string(),
        target: z.number().optional(),
        kind: z.enum(["rate", "average"]),
      }),
    ),
    total: SummaryRow,
    children: z.array(SummaryRow),
  })
  .openapi("StatsSummary");

export const WarningParams = z.object({
  list: z.enum(WARNING_LIST_IDS).openapi({
    param: { name: "list", in: "path" },
    description: "预警名单：" + WARNING_LISTS.map((l) => `${l.id} ${l.label}`).join("；"),
    example: "zero_employment_households",
  }),
});

export const WarningQuery = RegionQuery.extend({
  cursor: z.string().max(200).optional().openapi({ description: "上一页返回的 nextCursor" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .openapi({ description: "培训合格后未就业名单：合格超过多少天（默认 30）" }),
  sort: z
    .enum(WARNING_SORT_IDS, { error: "排序方式无效" })
    .optional()
    .openapi({
      description:
        "排序方式（默认 newest；各名单可用的排序见返回的 list.sorts）：" +
        WARNING_SORTS.map((s) => `${s.id} ${s.label}`).join("；"),
    }),
});

export const WarningRow = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    subject: z.enum(["labourer", "household", "alert", "help_request", "follow_up"]),
    labourerId: z.string().nullable(),
    householdId: z.string().nullable(),
    name: z.string().openapi({ description: "姓名（脱敏）", example: "莫*英" }),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipName: z.string().nullable(),
    personType: z.string().nullable(),
    labourCapacity: z.string().nullable(),
    workIntention: z.string().nullable(),
    details: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
    nextStep: z.string().openapi({ description: "下一步工作建议" }),
  })
  .openapi("WarningRow");

export const WarningPage = z
  .object({
    list: z.object({
      id: z.string(),
      label: z.string(),
      details: z.array(z.object({ key: z.string(), label: z.string() })),
      sorts: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    sort: z.string(),
    items: z.array(WarningRow),
    nextCursor: z.string().nullable(),
  })
  .openapi("WarningPage");

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .optional();

export const PushOutcomeQuery = RegionQuery.extend({
  from: Day.openapi({ description: "推荐日期自（含，中国日期）", example: "2026-10-01" }),
  to: Day.openapi({
    description: "推荐日期至（不含，中国日期）；不填为现在",
    example: "2026-12-01",
  }),
});

export const PushOutcomeView = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        round: z.number(),
        channel: z.string(),
        channelLabel: z.string(),
        matcherVersion: z.string(),
        sent: z.number(),
        delivered: z.number(),
        viewed: z.number(),
        applied: z.number(),
        hired30d: z.number(),
        declined: z.number(),
        declinedByReason: z.record(z.string(), z.number()),
      }),
    ),
  })
  .openapi("PushOutcomes");

export const TrendQuery = RegionQuery.extend({
  figure: z.enum(FIGURES.map((f) => f.id) as [string, ...string[]]).openapi({
    description: "指标编号（见 /api/v1/stats/summary 的 figures）",
    example: "households.zero_employment",
  }),
  period: z.enum(["week", "month", "quarter"]).default("week").openapi({
    description: "week 按周；month 按月、quarter 按季度（取期内最后一周的快照）",
  }),
  from: Day.openapi({ description: "起始周一（含）", example: "2026-09-07" }),
  to: Day.openapi({ description: "截止周一（含）", example: "2026-11-30" }),
});

export const TrendView = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    figure: z.object({
      id: z.string(),
      label: z.string(),
      keys: z.record(z.string(), z.string()).nullable(),
    }),
    period: z.enum(["week", "month", "quarter"]),
    points: z.array(
      z.object({
        period: z.string(),
        weekStart: z.string(),
        asOf: z.string(),
        values: z.record(z.string(), z.number()),
        total: z.number(),
      }),
    ),
  })
  .openapi("StatsTrend");
