import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { type Doc, operations, resolve, type Schema } from "../../support/openapi-walk";
import { apply, moves, openPosting, person } from "../applications/factory";
import { makeEmployer } from "../employers/factory";
import { asEmployer, makeEmployer as insertEmployer, jobBody, makeJob } from "../jobs/factory";
import { asLabourer, idNumber, makeLabourer } from "../labourers/factory";

/**
 * No answer of the API carries a full ID or phone number, a birth date, a ciphertext or a keyed
 * hash, except the audited full-number reads. Checked over every 2xx schema of the OpenAPI
 * document (so a new route is covered), and by reading a labourer back through the API.
 */
let h: Harness;
let doc: Doc;
beforeAll(async () => {
  h = await createHarness();
  doc = (await (await h.api.get("/openapi.json")).json()) as Doc;
});
afterAll(async () => {
  await h?.close();
});

/** The audited full-number reads: each writes audit_log and answers no-store. */
const AUDITED = [
  "GET /api/v1/applications/{id}/contact",
  "GET /api/v1/employers/{id}/contact",
  "GET /api/v1/jobs/{id}/contact",
  "GET /api/v1/labourers/{id}/identity",
];

const FORBIDDEN = new Set([
  "birthDate",
  "idNumber",
  "phone",
  "idNumberEnc",
  "idNumberHash",
  "phoneEnc",
  "phoneHash",
]);
const forbiddenName = (name: string) => FORBIDDEN.has(name) || /(Enc|Hash)$/.test(name);
/** Other names that hold an ID or phone number must be a masked value (their example shows the stars). */
const numberish = (name: string) => /phone|idnumber|birth/i.test(name) && !/Masked$/.test(name);
const unmaskedNumber = (f: Found) =>
  numberish(leafName(f.at)) &&
  [f.schema.type].flat().includes("string") &&
  !(typeof f.schema.example === "string" && f.schema.example.includes("****"));

const leafName = (at: string) => at.split(".").pop()!.replace(/\[\]$/, "");

interface Found {
  op: string;
  at: string;
  schema: Schema;
}

/** Every property of a schema, nested objects, arrays and compositions included, with its dotted path. */
function properties(
  schema: Schema | undefined,
  at: string,
  op: string,
  out: Found[],
  stack: Schema[] = [],
): Found[] {
  const s = resolve(doc, schema);
  if (!s || stack.includes(s)) return out;
  const next = [...stack, s];
  for (const sub of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])])
    properties(sub, at, op, out, next);
  for (const [name, prop] of Object.entries<Schema>(s.properties ?? {})) {
    out.push({ op, at: `${at}.${name}`, schema: resolve(doc, prop) ?? {} });
    properties(prop, `${at}.${name}`, op, out, next);
  }
  if (s.items) properties(s.items, `${at}[]`, op, out, next);
  if (s.additionalProperties && typeof s.additionalProperties === "object")
    properties(s.additionalProperties, `${at}.*`, op, out, next);
  return out;
}

function responseProperties(): Found[] {
  const out: Found[] = [];
  for (const o of operations(doc)) {
    for (const [status, res] of Object.entries(o.op.responses)) {
      if (!status.startsWith("2")) continue;
      for (const [type, media] of Object.entries(res.content ?? {})) {
        if (type.includes("json")) properties(media.schema, `${status}`, o.key, out);
      }
    }
  }
  return out;
}

describe("response schemas of the OpenAPI document", () => {
  it("carry no full number, birth date, ciphertext or hash outside the audited reads", () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    const found = responseProperties();
    expect(found.length).toBeGreaterThan(300);
    const leaks = found
      .filter((f) => forbiddenName(leafName(f.at)) && !AUDITED.includes(f.op))
      .map((f) => `${f.op} ${f.at}`);
    expect(leaks).toEqual([]);
    // The allow-list is exactly the operations that answer full numbers: a new one must be added (and audited).
    const fullReads = [
      ...new Set(
        found.filter((f) => forbiddenName(leafName(f.at)) || unmaskedNumber(f)).map((f) => f.op),
      ),
    ].sort();
    expect(fullReads).toEqual([...AUDITED].sort());
  });

  it("show other phone and ID fields only masked", () => {
    const unmasked = responseProperties()
      .filter((f) => !AUDITED.includes(f.op) && unmaskedNumber(f))
      .map((f) => `${f.op} ${f.at} example=${JSON.stringify(f.schema.example)}`);
    expect(unmasked).toEqual([]);
  });
});

describe("the audited full-number reads", () => {
  const auditCount = async (entityId: string) =>
    (
      await h.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, entityId)))
    )[0]!.n;

  async function records(): Promise<
    Record<string, { path: string; entityId: string; as?: AuthAs }>
  > {
    const labourer = await makeLabourer(h);
    // An applicant's contact: the posting's employer, once it accepted the application.
    const posting = await openPosting(h);
    const applicant = await person(h);
    const application = await apply(h, applicant.as, posting.job.id);
    await moves(h, posting.as, application.id, { to: "accepted" });
    const employer = await makeEmployer(h);
    const poster = await insertEmployer(h);
    const job = await makeJob(h, await asEmployer(h, poster.id), jobBody("gd_gx"));
    return {
      "GET /api/v1/labourers/{id}/identity": {
        path: `/api/v1/labourers/${labourer.id}/identity`,
        entityId: labourer.id,
      },
      "GET /api/v1/applications/{id}/contact": {
        path: `/api/v1/applications/${application.id}/contact`,
        entityId: applicant.labourer.id,
        as: posting.as,
      },
      "GET /api/v1/employers/{id}/contact": {
        path: `/api/v1/employers/${employer.id}/contact`,
        entityId: employer.id,
      },
      "GET /api/v1/jobs/{id}/contact": { path: `/api/v1/jobs/${job.id}/contact`, entityId: job.id },
    };
  }

  it("each write audit_log and answer Cache-Control: no-store", async () => {
    const byOp = await records();
    expect(Object.keys(byOp).sort()).toEqual([...AUDITED].sort());
    const admin = await h.as.admin();
    for (const op of AUDITED) {
      const { path, entityId, as } = byOp[op]!;
      const before = await auditCount(entityId);
      const res = await h.api.get(path, as ?? admin);
      expect(res.status, `${op}: ${await res.clone().text()}`).toBe(200);
      expect(res.headers.get("cache-control"), op).toBe("no-store");
      expect(await auditCount(entityId), `${op} wrote no audit_log row`).toBe(before + 1);
    }
  });
});

describe("a labourer read back through the API", () => {
  it("never carries the birth date, nor the 8 birth digits, nor the full numbers", async () => {
    const id = idNumber("450332", { year: 1986, month: 7, day: 19 });
    const labourer = await makeLabourer(h, { idNumber: id });
    const admin = await h.as.admin();
    const phone = labourer.input.phone;

    const one = await json(await h.api.get(`/api/v1/labourers/${labourer.id}`, admin));
    const me = await json(
      await h.api.get("/api/v1/labourers/me", await asLabourer(h, labourer.id)),
    );
    const list = await json(
      await h.api.get("/api/v1/labourers?limit=100&q=%E8%8E%AB%E7%A7%80%E8%8B%B1", admin),
    );
    const listed = (list.body.items ?? []).find((i: { id: string }) => i.id === labourer.id);
    expect(listed, JSON.stringify(list.body).slice(0, 500)).toBeDefined();

    for (const [where, res, view] of [
      ["GET /labourers/{id}", one, one.body],
      ["GET /labourers/me", me, me.body],
      ["GET /labourers", list, listed],
    ] as const) {
      expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(200);
      const text = JSON.stringify(res.body);
      for (const secret of ["1986-07-19", "19860719", id, phone])
        expect(text, `${where} holds ${secret}`).not.toContain(secret);
      expect(view).not.toHaveProperty("birthDate");
      expect(view.age, where).toBeGreaterThanOrEqual(30);
      expect(view.idNumberMasked, where).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    }
  });
});
