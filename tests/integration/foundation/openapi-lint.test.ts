import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../../src/lib/errors";
import { createHarness, type Harness, json } from "../../support/harness";

/**
 * The document is one a client generator accepts: the rules of Redocly's "recommended" set that
 * our document could break, checked over every operation so a new route stays clean.
 */
let h: Harness;
let doc: any;
const METHODS = ["get", "put", "post", "delete", "patch"];
const ops: { method: string; path: string; op: any }[] = [];

beforeAll(async () => {
  h = await createHarness();
  doc = (await json(await h.api.get("/openapi.json"))).body;
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of METHODS) if (item[method]) ops.push({ method, path, op: item[method] });
  }
});
afterAll(async () => {
  await h.close();
});

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<any>((o, k) => (o == null ? undefined : o[k]), doc);
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe("the OpenAPI document", () => {
  it("describes the API and where it is served", () => {
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.servers?.length, "servers").toBeGreaterThan(0);
    expect(ops.length).toBeGreaterThan(50);
  });

  it("gives every operation a unique, generator-safe operationId", () => {
    const ids = ops.map((o) => o.op.operationId);
    for (const o of ops)
      expect(o.op.operationId, `${o.method} ${o.path}`).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares security on every operation: the bearer scheme, or [] for public ones", () => {
    for (const o of ops) {
      expect(Array.isArray(o.op.security), `${o.method} ${o.path}`).toBe(true);
      for (const req of o.op.security)
        for (const name of Object.keys(req))
          expect(doc.components.securitySchemes[name], name).toBeDefined();
    }
  });

  it("documents at least one 4xx answer for every operation, each with the error shape and catalogued codes", () => {
    for (const o of ops) {
      const statuses = Object.keys(o.op.responses);
      expect(
        statuses.some((s) => /^4\d\d$/.test(s)),
        `${o.method} ${o.path} has no 4xx`,
      ).toBe(true);
      for (const s of statuses.filter((x) => /^[45]\d\d$/.test(x))) {
        const r = o.op.responses[s];
        expect(r.content?.["application/json"]?.schema, `${o.method} ${o.path} ${s}`).toBeDefined();
        const codes = /错误码: (.*)$/.exec(r.description)?.[1]?.split(" | ") ?? [];
        for (const c of codes)
          expect(ERROR_STATUS[c as keyof typeof ERROR_STATUS], `${o.path} ${s} ${c}`).toBe(
            Number(s),
          );
      }
    }
  });

  it("declares every path parameter and describes every response", () => {
    for (const o of ops) {
      const inPath = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (o.op.parameters ?? [])
        .filter((p: any) => p.in === "path")
        .map((p: any) => p.name);
      expect(declared.sort(), `${o.method} ${o.path}`).toEqual(inPath.sort());
      for (const [s, r] of Object.entries<any>(o.op.responses))
        expect(r.description, `${o.path} ${s}`).toBeTruthy();
    }
  });

  it("resolves every $ref", () => {
    for (const ref of new Set(refsIn(doc))) expect(resolve(ref), ref).toBeDefined();
  });
});
