import { existsSync, readFileSync, utimesSync } from "node:fs";
import { resolve } from "node:path";
import type { Worker } from "bullmq";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports } from "../../../db/schema/imports";
import { labourers } from "../../../db/schema/labourers";
import { systemCtx } from "../../../src/lib/ctx";
import { sweepImportFiles } from "../../../src/modules/imports/files";
import { IMPORT_MAX_BYTES } from "../../../src/modules/imports/schemas";
import { startImportWorker } from "../../../workers/import";
import { OutboxRelay } from "../../../workers/outbox-relay";
import { type AuthAs, createHarness, eventually, type Harness, json } from "../../support/harness";
import {
  GONGCHENG,
  HEADER,
  householdNo,
  idNumber,
  mobile,
  QUANZHOU,
  readResult,
  writeXlsx,
  ZHOUTANG,
} from "./fixtures";

let h: Harness;
let relay: OutboxRelay;
let worker: Worker;
let bureau: AuthAs;
beforeAll(async () => {
  h = await createHarness();
  relay = new OutboxRelay(h.deps, { pollMs: 100 });
  await relay.start();
  worker = startImportWorker(h.deps);
  bureau = await h.as.bureau(GONGCHENG);
});
afterAll(async () => {
  await worker?.close();
  await relay?.stop();
  await h?.close();
});

function upload(
  as: AuthAs | undefined,
  fields: { file?: Blob; name?: string; county?: string },
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  if (fields.file) form.set("file", fields.file, fields.name ?? "台账.xlsx");
  if (fields.county !== undefined) form.set("county", fields.county);
  return h.api.raw("/api/v1/imports", {
    method: "POST",
    body: form,
    headers: { ...as?.headers, ...headers },
  });
}

const xlsxBlob = (path: string) => new Blob([readFileSync(path)]);

describe("POST /api/v1/imports → worker → result.xlsx", () => {
  it("accepts an upload, imports it in the background and serves the per-row result", async () => {
    const ids = [idNumber(), idNumber()];
    const path = await writeXlsx([
      {
        title: ["恭城县台账"],
        header: HEADER,
        merges: ["B3:B4"],
        rows: [
          [
            1,
            householdNo(),
            "廖大",
            ids[0]!,
            "户主",
            mobile(),
            "脱贫户",
            "全劳动力",
            "区外",
            ZHOUTANG.name,
          ],
          [
            2,
            null,
            "廖二",
            ids[1]!,
            "之子",
            "电话不详",
            "脱贫户",
            "全劳动力",
            "区外",
            ZHOUTANG.name,
          ],
        ],
      },
    ]);
    const res = await json(await upload(bureau, { file: xlsxBlob(path), county: GONGCHENG }));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({
      status: "queued",
      statusUrl: `/api/v1/imports/${res.body.id}`,
    });

    const done = await eventually(async () => {
      const r = await json(await h.api.get(res.body.statusUrl, bureau));
      return r.body.status === "succeeded" || r.body.status === "failed" ? r.body : undefined;
    }, 20_000);
    expect(done, JSON.stringify(done)).toMatchObject({
      status: "succeeded",
      county: GONGCHENG,
      fileName: "台账.xlsx",
      totalRows: 2,
      progress: { percent: 100 },
      counts: { created: 1, updated: 0, unchanged: 0, rejected: 1 },
      error: null,
      resultUrl: `/api/v1/imports/${res.body.id}/result.xlsx`,
    });
    expect(
      await h.deps.db.$count(
        labourers,
        inArray(
          labourers.idNumberHash,
          ids.map((i) => h.deps.pii.hash("id", i)),
        ),
      ),
    ).toBe(1);

    const file = await h.api.get(done.resultUrl, bureau);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("spreadsheetml");
    const rows = await readResult(Buffer.from(await file.arrayBuffer()));
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ["3", "新增"],
      ["4", "未导入"],
    ]);
    expect(rows[2]![2]).toMatch(/手机号码/);
  });

  it("reports a file it cannot read as a failed import with the reason", async () => {
    const res = await json(
      await upload(bureau, { file: new Blob(["这不是台账"]), name: "说明.txt", county: GONGCHENG }),
    );
    expect(res.status).toBe(202);
    const done = await eventually(async () => {
      const r = await json(await h.api.get(res.body.statusUrl, bureau));
      return r.body.status === "failed" ? r.body : undefined;
    }, 20_000);
    expect(done.error).toMatchObject({
      code: "IMPORT_FILE_UNREADABLE",
      message: expect.stringMatching(/未找到表头/),
    });
    const result = await json(
      await h.api.get(`/api/v1/imports/${res.body.id}/result.xlsx`, bureau),
    );
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe("IMPORT_RESULT_NOT_READY");
  });
});

/** Where the import keeps its upload and its result, on disk. */
async function filesOf(id: string) {
  const [row] = await h.deps.db.select().from(imports).where(eq(imports.id, id));
  return {
    upload: resolve(h.config.DATA_DIR, row!.filePath),
    result: row!.resultPath && resolve(h.config.DATA_DIR, row!.resultPath),
  };
}

async function finished(statusUrl: string) {
  return eventually(async () => {
    const r = await json(await h.api.get(statusUrl, bureau));
    return r.body.status === "succeeded" || r.body.status === "failed" ? r.body : undefined;
  }, 20_000);
}

describe("the upload does not outlive its import", () => {
  it("is deleted once the import succeeded; the result follows after its retention (410)", async () => {
    const path = await writeXlsx([
      {
        header: HEADER,
        rows: [
          [
            1,
            householdNo(),
            "覃删",
            idNumber(),
            "户主",
            null,
            "脱贫户",
            "全劳动力",
            "无",
            ZHOUTANG.name,
          ],
        ],
      },
    ]);
    const res = await json(await upload(bureau, { file: xlsxBlob(path), county: GONGCHENG }));
    expect(res.status).toBe(202);
    expect(existsSync((await filesOf(res.body.id)).upload)).toBe(true);
    expect(await finished(res.body.statusUrl)).toMatchObject({ status: "succeeded" });
    const files = await filesOf(res.body.id);
    // The worker deletes the upload right after the commit that made the import `succeeded`.
    await eventually(async () => !existsSync(files.upload));
    expect((await h.api.get(`${res.body.statusUrl}/result.xlsx`, bureau)).status).toBe(200);

    const past = new Date(Date.now() - (h.config.IMPORT_RESULT_RETENTION_HOURS + 1) * 3_600_000);
    utimesSync(files.result!, past, past);
    await sweepImportFiles(systemCtx(h.deps, "test"));
    const gone = await json(await h.api.get(`${res.body.statusUrl}/result.xlsx`, bureau));
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({
      code: "IMPORT_RESULT_EXPIRED",
      message: expect.stringMatching(/只保留 72 小时/),
    });
  });

  it("is deleted when the import fails", async () => {
    const res = await json(
      await upload(bureau, { file: new Blob(["这不是台账"]), name: "说明.txt", county: GONGCHENG }),
    );
    expect(res.status).toBe(202);
    expect(await finished(res.body.statusUrl)).toMatchObject({ status: "failed" });
    expect(existsSync((await filesOf(res.body.id)).upload)).toBe(false);
  });
});

describe("upload errors", () => {
  it("answers 413 PAYLOAD_TOO_LARGE before reading a file above the limit", async () => {
    const res = await json(
      await upload(
        bureau,
        { file: new Blob(["x"]), county: GONGCHENG },
        { "content-length": String(IMPORT_MAX_BYTES + 1) },
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", field: "file" });
  });

  it("answers 400 naming the missing file or a malformed county", async () => {
    const noFile = await json(await upload(bureau, { county: GONGCHENG }));
    expect(noFile.status).toBe(400);
    expect(noFile.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "file" });
    const badCounty = await json(await upload(bureau, { file: new Blob(["x"]), county: "4503" }));
    expect(badCounty.status).toBe(400);
    expect(badCounty.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "county" });
    const unknown = await json(await upload(bureau, { file: new Blob(["x"]), county: "459999" }));
    expect(unknown.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "county" });
  });
});

describe("who may import", () => {
  it("requires a session and a staff role", async () => {
    expect(
      (await json(await upload(undefined, { file: new Blob(["x"]), county: GONGCHENG }))).status,
    ).toBe(401);
    const employer = await h.as.user("employer");
    const res = await json(await upload(employer, { file: new Blob(["x"]), county: GONGCHENG }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("refuses a county outside the user's region and hides other counties' imports", async () => {
    const other = await h.as.bureau(QUANZHOU);
    const res = await json(await upload(other, { file: new Blob(["x"]), county: GONGCHENG }));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "FORBIDDEN", field: "county" });

    const mine = await json(await upload(bureau, { file: new Blob(["x"]), county: GONGCHENG }));
    const peek = await json(await h.api.get(mine.body.statusUrl, other));
    expect(peek.status).toBe(404);
    expect(peek.body.error.code).toBe("IMPORT_NOT_FOUND");
    expect((await json(await h.api.get(`${mine.body.statusUrl}/result.xlsx`, other))).status).toBe(
      404,
    );
    const city = await h.as.bureau("4503");
    expect((await json(await h.api.get(mine.body.statusUrl, city))).status).toBe(200);
  });
});

describe("API document", () => {
  it("lists the import routes with their errors", async () => {
    const { body } = await json(await h.api.get("/openapi.json"));
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/imports",
        "/api/v1/imports/{id}",
        "/api/v1/imports/{id}/result.xlsx",
      ]),
    );
    expect(body.paths["/api/v1/imports"].post.requestBody.content).toHaveProperty(
      "multipart/form-data",
    );
    expect(body.paths["/api/v1/imports"].post.responses["413"].description).toContain(
      "PAYLOAD_TOO_LARGE",
    );
    expect(
      body.paths["/api/v1/imports/{id}/result.xlsx"].get.responses["409"].description,
    ).toContain("IMPORT_RESULT_NOT_READY");
    expect(
      body.paths["/api/v1/imports/{id}/result.xlsx"].get.responses["410"].description,
    ).toContain("IMPORT_RESULT_EXPIRED");
  });
});
