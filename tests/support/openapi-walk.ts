import { randomUUID } from "node:crypto";

/**
 * Walking the app's own OpenAPI document (GET /openapi.json), so a test over "every route" covers a
 * route added later without anyone listing it. Used by tests/integration/foundation/*.test.ts.
 */

export type Schema = Record<string, any>;
export interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }>; required?: boolean };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}
export interface Op {
  method: string;
  path: string;
  key: string;
  op: Operation;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

/** Every operation in the document, `GET /api/v1/jobs` style keys. */
export function operations(doc: Doc): Op[] {
  const out: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (METHODS.includes(method))
        out.push({
          method: method.toUpperCase(),
          path,
          key: `${method.toUpperCase()} ${path}`,
          op,
        });
    }
  }
  return out;
}

/** Follows `$ref`s into components. */
export function resolve(doc: Doc, s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 20; i++)
    cur = doc.components.schemas[String(cur.$ref).split("/").pop()!];
  return cur;
}

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const nonNull = (list: Schema[] | undefined) => (list ?? []).filter((a) => !(a.type === "null"));

/** A plausible string for a schema: its example, first enum value, or a value fitting its format/pattern. */
export function plausibleString(s: Schema, name = ""): string {
  if (typeof s.example === "string") return s.example;
  if (Array.isArray(s.enum) && typeof s.enum[0] === "string") return s.enum[0];
  if (s.format === "uuid" || /id$/i.test(name)) return randomUUID();
  if (s.format === "date") return "2026-03-02";
  if (s.format === "date-time") return "2026-03-02T08:00:00.000Z";
  if (typeof s.pattern === "string" && s.pattern.includes("\\d")) return "450332";
  return "测试";
}

/** A minimal valid-looking value: every required property with a plausible value. */
export function minimalValue(doc: Doc, schema: Schema | undefined, name = "", depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 8) return null;
  if (s.allOf)
    return Object.assign({}, ...s.allOf.map((a: Schema) => minimalValue(doc, a, name, depth + 1)));
  const alt = nonNull(s.anyOf ?? s.oneOf)[0];
  if (alt) return minimalValue(doc, alt, name, depth + 1);
  if (s.example !== undefined && typesOf(s).some((t) => t !== "object" && t !== "array"))
    return s.example;
  if (Array.isArray(s.enum)) return s.enum[0];
  const types = typesOf(s).filter((t) => t !== "null");
  const t = types[0] ?? (s.properties ? "object" : "string");
  if (t === "object") {
    const out: Record<string, unknown> = {};
    for (const key of s.required ?? [])
      out[key] = minimalValue(doc, s.properties?.[key], key, depth + 1);
    return out;
  }
  if (t === "array")
    return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () =>
      minimalValue(doc, s.items, name, depth + 1),
    );
  if (t === "integer" || t === "number") return typeof s.minimum === "number" ? s.minimum : 1;
  if (t === "boolean") return true;
  return plausibleString(s, name);
}

/** Paths (property names, 0 for array items) of every string slot in a schema, optional ones too. */
export function stringSlots(doc: Doc, schema: Schema | undefined): (string | number)[][] {
  const found = new Map<string, (string | number)[]>();
  const walk = (sch: Schema | undefined, path: (string | number)[], depth: number) => {
    const s = resolve(doc, sch);
    if (!s || depth > 8) return;
    for (const sub of [...(s.allOf ?? []), ...nonNull(s.anyOf), ...nonNull(s.oneOf)])
      walk(sub, path, depth + 1);
    const types = typesOf(s);
    if (types.includes("string") && s.format !== "binary") found.set(JSON.stringify(path), path);
    for (const [k, v] of Object.entries(s.properties ?? {}))
      walk(v as Schema, [...path, k], depth + 1);
    if (types.includes("array")) walk(s.items, [...path, 0], depth + 1);
  };
  walk(schema, [], 0);
  return [...found.values()];
}

/** A deep copy of `base` with `value` set at `path`, creating objects and arrays on the way. */
export function withValueAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === "number") {
    const arr = Array.isArray(base) ? structuredClone(base) : [];
    arr[head] = withValueAt(arr[head], rest, value);
    return arr;
  }
  const obj =
    base !== null && typeof base === "object" && !Array.isArray(base)
      ? (structuredClone(base) as Record<string, unknown>)
      : {};
  obj[head!] = withValueAt(obj[head!], rest, value);
  return obj;
}

/** The path with each `{param}` replaced: uuids for ids, a plausible value for anything else. */
export function fillPath(op: Op, values: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (values[name] !== undefined) return encodeURIComponent(values[name]!);
    const p = op.op.parameters?.find((x) => x.in === "path" && x.name === name);
    return encodeURIComponent(plausibleString(p?.schema ?? {}, name));
  });
}

/** The 200 (or first 2xx) JSON schema of an operation, resolved. */
export function okSchema(doc: Doc, op: Operation): Schema | undefined {
  const status = Object.keys(op.responses)
    .filter((s) => s.startsWith("2"))
    .sort()[0];
  return status
    ? resolve(doc, op.responses[status]!.content?.["application/json"]?.schema)
    : undefined;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
