import { z } from "@hono/zod-openapi";

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
