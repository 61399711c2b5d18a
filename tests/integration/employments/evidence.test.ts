import { readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { employmentEvidence } from "../../../db/schema/placement";
import { EVIDENCE_DIR } from "../../../src/lib/file-store";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { person, today } from "../applications/factory";

let h: Harness;
let cadre: AuthAs;
beforeAll(async () => {
  h = await createHarness();
  cadre = await h.as.cadre("450332");
});
afterAll(async () => {
  // DATA_DIR is shared between test files and runs: take away the files this file's rows point at.
  for (const row of (await h?.deps.db.select().from(employmentEvidence)) ?? [])
    await h.deps.files.remove(row.storageKey);
  await h?.close();
});

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from("JFIF\0 contract photo bytes"),
]);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const evidenceDir = () => resolve(h.config.DATA_DIR, EVIDENCE_DIR);
const filesOnDisk = () => {
  try {
    return readdirSync(evidenceDir()).sort();
  } catch {
    return [];
  }
};

async function record(as: AuthAs = cadre) {
  const p = await person(h);
  const res = await json(
    await h.api.post(
      "/api/v1/employments",
      {
        labourerId: p.labourer.id,
        source: "self_found",
        employerName: "恭城县某果园",
        regionCode: "450332",
        startDate: today(),
      },
      as,
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

function upload(
  as: AuthAs,
  employmentId: string,
  bytes: Buffer,
  name: string,
  type: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("file", new Blob([bytes], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return h.api.raw(`/api/v1/employments/${employmentId}/evidence`, {
    method: "POST",
    body: form,
    headers: as.headers,
  });
}

const rowsOf = (employmentId: string) =>
  h.deps.db.$count(employmentEvidence, eq(employmentEvidence.employmentId, employmentId));

describe("evidence for an employment record", () => {
  it("stores a JPEG and a PDF (0600 files, 0700 dir), lists them and serves the same bytes, each read audited", async () => {
    const id = await record();
    const jpeg = await json(
      await upload(cadre, id, JPEG, "合同.jpg", "image/jpeg", {
        kind: "contract_photo",
        note: "合同第一页",
      }),
    );
    expect(jpeg.status, JSON.stringify(jpeg.body)).toBe(201);
    expect(jpeg.body).toMatchObject({
      kind: "contract_photo",
      note: "合同第一页",
      mediaType: "image/jpeg",
      sizeBytes: JPEG.length,
      uploadedRole: "cadre",
    });
    // The client's content type is not what decides: a PDF sent as application/octet-stream is a PDF.
    const pdf = await json(await upload(cadre, id, PDF, "证明", "application/octet-stream"));
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    expect(pdf.body).toMatchObject({ kind: "other", mediaType: "application/pdf" });

    const [row] = await h.deps.db
      .select()
      .from(employmentEvidence)
      .where(eq(employmentEvidence.id, jpeg.body.id));
    const path = resolve(evidenceDir(), row!.storageKey);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(evidenceDir()).mode & 0o777).toBe(0o700);

    const list = await json(await h.api.get(`/api/v1/employments/${id}/evidence`, cadre));
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id).sort()).toEqual(
      [jpeg.body.id, pdf.body.id].sort(),
    );

    for (const [ev, bytes, type] of [
      [jpeg.body, JPEG, "image/jpeg"],
      [pdf.body, PDF, "application/pdf"],
    ] as const) {
      const res = await h.api.raw(`/api/v1/employments/${id}/evidence/${ev.id}/file`, {
        headers: cadre.headers,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      const audits = await h.deps.db.$count(
        auditLog,
        and(eq(auditLog.action, "employment.evidence.read"), eq(auditLog.entityId, ev.id)),
      );
      expect(audits).toBe(1);
    }
  });

  it("refuses a text file named .jpg and sent as image/jpeg: 415, no row, no file", async () => {
    const id = await record();
    const before = filesOnDisk();
    const res = await json(
      await upload(cadre, id, Buffer.from("这不是照片，只是一段文字"), "合同.jpg", "image/jpeg"),
    );
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({
      code: "EVIDENCE_TYPE_NOT_ALLOWED",
      field: "file",
      message: "只能上传照片（JPG、PNG）或 PDF 文件",
    });
    expect(await rowsOf(id)).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("refuses a 6 MB PNG: 413, no row, no file", async () => {
    const id = await record();
    const before = filesOnDisk();
    const big = Buffer.concat([PNG_HEAD, Buffer.alloc(6 * 1024 * 1024)]);
    const res = await json(await upload(cadre, id, big, "合同.png", "image/png"));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("EVIDENCE_TOO_LARGE");
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await rowsOf(id)).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("refuses a file just over the limit that fits in the form's framing allowance: 413, nothing stored", async () => {
    const id = await record();
    const before = filesOnDisk();
    const over = Buffer.concat([
      PNG_HEAD,
      Buffer.alloc(h.config.EVIDENCE_MAX_BYTES - PNG_HEAD.length + 1),
    ]);
    const res = await json(await upload(cadre, id, over, "合同.png", "image/png"));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("EVIDENCE_TOO_LARGE");
    expect(await rowsOf(id)).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("removes the file when the row cannot be written", async () => {
    const id = await record();
    const before = filesOnDisk();
    // A real database failure at the insert, in this test's own cloned database.
    await h.deps.db.execute(
      sql.raw(`create function refuse_evidence() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$;
      create trigger refuse_evidence before insert on employment_evidence for each row execute function refuse_evidence()`),
    );
    try {
      const res = await upload(cadre, id, JPEG, "合同.jpg", "image/jpeg");
      expect(res.status).toBe(500);
    } finally {
      await h.deps.db.execute(
        sql.raw(
          "drop trigger refuse_evidence on employment_evidence; drop function refuse_evidence()",
        ),
      );
    }
    expect(await rowsOf(id)).toBe(0);
    expect(filesOnDisk()).toEqual(before);
  });

  it("another county's officer sees no record: 404 on upload, list and download", async () => {
    const id = await record();
    const ok = await json(await upload(cadre, id, JPEG, "合同.jpg", "image/jpeg"));
    const other = await h.as.bureau("450324");
    const up = await json(await upload(other, id, JPEG, "合同.jpg", "image/jpeg"));
    expect(up.status).toBe(404);
    expect(up.body.error.code).toBe("EMPLOYMENT_NOT_FOUND");
    expect((await json(await h.api.get(`/api/v1/employments/${id}/evidence`, other))).status).toBe(
      404,
    );
    const file = await h.api.raw(`/api/v1/employments/${id}/evidence/${ok.body.id}/file`, {
      headers: other.headers,
    });
    expect(file.status).toBe(404);
    expect(await rowsOf(id)).toBe(1);
    expect(await h.deps.db.$count(auditLog, eq(auditLog.entityId, ok.body.id))).toBe(0);
  });

  it("confirming: evidence stands in for the note; without evidence the note is still required", async () => {
    const id = await record();
    const bare = await json(await h.api.post(`/api/v1/employments/${id}/confirm`, {}, cadre));
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "note" });
    await upload(cadre, id, JPEG, "合同.jpg", "image/jpeg", { kind: "contract_photo" });
    const confirmed = await json(await h.api.post(`/api/v1/employments/${id}/confirm`, {}, cadre));
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ confirmed: true, confirmationNote: null });
  });

  it("the bureau portal's download: the county officer gets the bytes; the audit row names the reader, the record and the person", async () => {
    const id = await record();
    const up = await json(await upload(cadre, id, PDF, "证明.pdf", "application/pdf"));
    expect(up.status).toBe(201);
    const bureau = await h.as.bureau("450332");
    const res = await h.api.raw(`/api/v1/employments/${id}/evidence/${up.body.id}/file`, {
      headers: bureau.headers,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const [row] = await h.deps.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "employment.evidence.read"), eq(auditLog.entityId, up.body.id)),
      );
    const rec = await json(await h.api.get(`/api/v1/employments/${id}`, bureau));
    expect(row).toMatchObject({
      actorUserId: bureau.userId,
      actorRole: "bureau",
      entityType: "employment_evidence",
      details: { employmentId: id, labourerId: rec.body.labourerId, kind: "other" },
    });
    // Without the token there is nothing to download.
    const anon = await h.api.raw(`/api/v1/employments/${id}/evidence/${up.body.id}/file`, {});
    expect(anon.status).toBe(401);
  });
});
