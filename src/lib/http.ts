import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { Actor, Ctx } from "./ctx";
import { AppError } from "./errors";

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Request-scoped context handed to services: deps, acting user, clock, logger. */
    ctx: Ctx;
    actor: Actor;
  };
}

/** Turns a zod error into our VALIDATION_FAILED error: `field` from the first issue, all in details. */
export function validationError(error: ZodError, prefix?: string): AppError {
  // An unknown key is named as the field itself (`skils`), one issue per key: the message stays
  // plain Chinese for the person, the field tells the client what to remove.
  const issues = error.issues.flatMap((i) => {
    const keys = i.code === "unrecognized_keys" ? ((i as { keys?: string[] }).keys ?? []) : [];
    const paths = keys.length ? keys.map((k) => [...i.path.map(String), k]) : [i.path.map(String)];
    return paths.map((path) => ({
      field: [prefix, ...path].filter(Boolean).join("."),
      message: i.message,
      code: i.code,
    }));
  });
  const first = issues[0];
  return new AppError(
    "VALIDATION_FAILED",
    first ? `${first.field ? `${first.field}: ` : ""}${first.message}` : "请求参数不正确",
    {
      ...(first?.field ? { field: first.field } : {}),
      details: { issues },
    },
  );
}

/** Every router comes from here, so every route turns zod issues into the same 400 body. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where =
          result.target === "json" || result.target === "form" ? undefined : result.target;
        throw validationError(
          result.error,
          where === "param" || where === "query" || where === "header" ? undefined : where,
        );
      }
    },
  });
}

export function jsonBody<T extends z.ZodType>(schema: T, description = "请求内容") {
  return { content: { "application/json": { schema } }, description, required: true };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export const IdParams = z.object({
  id: z.uuid().openapi({
    param: { name: "id", in: "path" },
    example: "0b9f5a3e-4c1d-4f7a-9a52-2b1f3c4d5e6f",
  }),
});

export const PageQuery = z.object({
  cursor: z.string().max(200).optional().openapi({ description: "上一页返回的 nextCursor" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

export const BEARER = [{ bearerAuth: [] as string[] }];
