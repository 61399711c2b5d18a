import { createRoute, z } from "@hono/zod-openapi";
import { jsonResponse, newRouter } from "../../lib/http";
import { checkHealth } from "./service";

const Dependency = z.object({
  status: z.enum(["ok", "down"]),
  latencyMs: z.number().openapi({ example: 0.8 }),
  error: z.string().optional(),
});

const HealthView = z
  .object({
    status: z.enum(["ok", "degraded"]),
    checks: z.object({ postgres: Dependency, redis: Dependency, meilisearch: Dependency }),
  })
  .openapi("Health");

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["ops"],
  summary: "依赖服务健康检查（任一不可用时返回 503）",
  responses: {
    200: jsonResponse(HealthView, "全部正常"),
    503: jsonResponse(HealthView, "有依赖不可用"),
  },
});

export const healthRouter = newRouter().openapi(healthRoute, async (c) => {
  const health = await checkHealth(c.var.ctx);
  return health.status === "ok" ? c.json(health, 200) : c.json(health, 503);
});
