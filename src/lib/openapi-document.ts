/**
 * Finishing touches that make the document one clients can generate from, applied to every
 * operation so a new route cannot forget them (tests/integration/foundation/openapi-lint.test.ts):
 *
 * - an `operationId`, derived from method and path when the route sets none
 *   (`GET /api/v1/labourers/{id}/identity` → `getLabourersByIdIdentity`);
 * - `security`: routes that sign nobody in say `security: []` explicitly;
 * - at least one 4xx answer (every route can refuse a malformed request);
 * - `servers`, from the public URL.
 */
type Json = Record<string, any>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const pascal = (s: string) =>
  s.replace(/(^|[-_.])([a-z0-9])/gi, (_m, _sep, c: string) => c.toUpperCase());

export function operationIdOf(method: string, path: string): string {
  const parts = path
    .replace(/^\/api\/v\d+/, "")
    .split("/")
    .filter(Boolean);
  const words = parts.map((p) => (p.startsWith("{") ? `By${pascal(p.slice(1, -1))}` : pascal(p)));
  return `${method.toLowerCase()}${words.join("") || "Root"}`;
}

export function finishDocument<T extends Json>(doc: T, serverUrl: string): T {
  const paths: Json = doc.paths ?? {};
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op: Json | undefined = (item as Json)[method];
      if (!op) continue;
      if (!op.operationId) op.operationId = operationIdOf(method, path);
      while (seen.has(op.operationId)) op.operationId = `${op.operationId}_`;
      seen.add(op.operationId);
      if (!op.security) op.security = [];
      const responses: Json = (op.responses ??= {});
      if (!Object.keys(responses).some((s) => /^4\d\d$/.test(s))) {
        responses["400"] = {
          description: "错误码: VALIDATION_FAILED",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        };
      }
    }
  }
  (doc as Json).servers = [{ url: serverUrl, description: "本服务" }];
  return doc;
}
