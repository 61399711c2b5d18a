import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "./errors";

/**
 * Guards in front of every route, before authentication and before any schema parses a body:
 * URL length, body size, and control characters in every string a client sends. Written once
 * here so a new route is covered without doing anything (tests/integration/foundation/fuzz
 * walks the OpenAPI document to prove it).
 */

/** Longest URL (path + query) we answer; Node itself refuses request heads over `maxHeaderSize`. */
export const MAX_URL_LENGTH = 8 * 1024;
/** JSON and form bodies: the largest legitimate one (a household with its members) is a few KB. */
export const MAX_JSON_BYTES = 256 * 1024;

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls. U+0000 reaches Postgres
 * as an error (text cannot hold it), the rest are never typed by a person and break exports.
 * Non-characters U+FFFE/U+FFFF likewise.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

export function hasControlChars(s: string): boolean {
  return CONTROL_RE.test(s);
}

/** For text we import rather than receive from a person at a form (ledger cells): drop what nobody typed. */
export function stripControlChars(s: string): string {
  return s.replace(new RegExp(CONTROL_RE.source, "g"), "");
}

function controlError(field: string): AppError {
  return new AppError("VALIDATION_FAILED", `${field}: 含有不可见的控制字符，请删除后重新填写`, {
    field,
    details: { issues: [{ field, message: "含有不可见的控制字符", code: "control_characters" }] },
  });
}

/** The dotted path of the first string (or key) holding a control character, or undefined. */
export function findControlChars(
  value: unknown,
  path: string[] = [],
  depth = 0,
): string | undefined {
  if (typeof value === "string")
    return hasControlChars(value) ? path.join(".") || "body" : undefined;
  if (value === null || typeof value !== "object" || depth > 32) return undefined;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  for (const [k, v] of entries) {
    if (hasControlChars(k)) return [...path, k.replace(CONTROL_RE, "?")].join(".");
    const hit = findControlChars(v, [...path, k], depth + 1);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export const urlGuard: MiddlewareHandler = async (c, next) => {
  const url = c.req.url;
  const pathAndQuery = url.slice(url.indexOf("/", url.indexOf("//") + 2));
  if (pathAndQuery.length > MAX_URL_LENGTH) {
    throw new AppError(
      "URI_TOO_LONG",
      `请求地址过长（最多 ${MAX_URL_LENGTH / 1024} KB），请减少查询条件`,
    );
  }
  const u = new URL(url);
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    throw new AppError("VALIDATION_FAILED", "请求地址编码不正确", { field: "path" });
  }
  if (hasControlChars(path)) throw controlError("path");
  for (const [k, v] of u.searchParams) {
    if (hasControlChars(k) || hasControlChars(v))
      throw controlError(k.replace(CONTROL_RE, "?") || "query");
  }
  await next();
};

/** Routes that take files (multipart uploads) and their own limit; every other body gets MAX_JSON_BYTES. */
export interface UploadRoute {
  method: string;
  path: RegExp;
  maxBytes: number;
  /** What the person is told when the file is larger. */
  tooLarge: string;
  /** The error code for a body over the limit; PAYLOAD_TOO_LARGE unless the route has its own (413 either way). */
  code?: "PAYLOAD_TOO_LARGE" | "EVIDENCE_TOO_LARGE";
}

export function bodyGuard(uploads: UploadRoute[]): MiddlewareHandler {
  const small = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: () => {
      throw new AppError("PAYLOAD_TOO_LARGE", `请求内容过大（最多 ${MAX_JSON_BYTES / 1024} KB）`);
    },
  });
  const large = new Map(
    uploads.map((u) => [
      u,
      bodyLimit({
        maxSize: u.maxBytes,
        onError: () => {
          throw new AppError(u.code ?? "PAYLOAD_TOO_LARGE", u.tooLarge, { field: "file" });
        },
      }),
    ]),
  );
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS")
      return next();
    const upload = uploads.find((u) => u.method === c.req.method && u.path.test(c.req.path));
    const limit = upload ? large.get(upload)! : small;
    return limit(c, async () => {
      await checkBodyStrings(c.req, upload !== undefined);
      await next();
    });
  };
}

type Req = Parameters<MiddlewareHandler>[0]["req"];

/**
 * Reads the body once (Hono caches it for the route's validator) and refuses control characters
 * in any string of it. A body that does not parse is left for the validator to refuse.
 */
async function checkBodyStrings(req: Req, isUpload: boolean) {
  const type = (req.header("content-type") ?? "").toLowerCase();
  if (type.includes("json")) {
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return;
    }
    const at = findControlChars(body);
    if (at !== undefined) throw controlError(at);
    // A PATCH that changes nothing is a client mistake, not a success (an update form sent empty).
    if (
      req.method === "PATCH" &&
      body !== null &&
      typeof body === "object" &&
      !Array.isArray(body) &&
      Object.keys(body).length === 0
    ) {
      throw new AppError("VALIDATION_FAILED", "请至少填写一项要修改的内容", { field: "body" });
    }
  } else if (
    type.includes("multipart/form-data") ||
    type.includes("application/x-www-form-urlencoded")
  ) {
    let form: Record<string, unknown>;
    try {
      form = await req.parseBody({ all: true });
    } catch {
      return;
    }
    // File contents are the importer's to check; names and text fields are ours.
    for (const [k, v] of Object.entries(form)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        const text =
          typeof item === "string"
            ? item
            : isUpload && item instanceof File
              ? item.name
              : undefined;
        if (hasControlChars(k) || (text !== undefined && hasControlChars(text)))
          throw controlError(k.replace(CONTROL_RE, "?"));
      }
    }
  }
}
