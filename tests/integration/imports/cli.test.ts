import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { desc, eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { imports } from "../../../db/schema/imports";
import { labourers } from "../../../db/schema/labourers";
import { checkPiiKeys, piiKeyFingerprint } from "../../../src/lib/pii-key-check";
import { CHUNK_ROWS } from "../../../src/modules/imports/run";
import { createHarness, eventually, type Harness } from "../../support/harness";
import {
  fixturePath,
  GONGCHENG,
  HEADER,
  idNumber,
  writeCsv,
  writeXlsx,
  ZHOUTANG,
} from "./fixtures";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The CLI against this file's database, as `npm run import` runs it. */
function cli(
  args: string[],
  extraEnv: Record<string, string> = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const s = inject("services");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: s.redisUrl,
      MEILI_URL: s.meiliUrl,
      MEILI_MASTER_KEY: s.meiliKey,
      PII_ENC_KEY: s.secrets.piiEncKey,
      PII_HMAC_KEY: s.secrets.piiHmacKey,
      JWT_SECRET: s.secrets.jwtSecret,
      QUEUE_PREFIX: h.config.QUEUE_PREFIX,
      SEARCH_INDEX_PREFIX: h.config.SEARCH_INDEX_PREFIX,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => {
    stdout += d;
  });
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

const stored = (ids: string[]) =>
  h.deps.db.$count(
    labourers,
    inArray(
      labourers.idNumberHash,
      ids.map((i) => h.deps.pii.hash("id", i)),
    ),
  );
const row = (i: number, id: string, name = "罗") => [
  i,
  null,
  `${name}${"甲乙丙丁戊己庚辛壬癸"[i % 10]}`,
  id,
  null,
  null,
  "脱贫户",
  "全劳动力",
  "无",
  ZHOUTANG.name,
];

describe("npm run import", () => {
  it("exits 0 with the counts when the file was processed, rejected rows included, and writes --out", async () => {
    const ids = [idNumber(), idNumber()];
    const file = await writeXlsx([
      {
        title: ["台账"],
        header: HEADER,
        rows: [row(1, ids[0]!), row(2, "4.50332E+17"), row(3, ids[1]!)],
      },
    ]);
    const out = fixturePath("csv");
    const r = await cli([file, "--county", GONGCHENG, "--out", out]).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /新增 created: 2 {2}更新 updated: 0 {2}无变化 unchanged: 0 {2}未导入 rejected: 1/,
    );
    const csv = readFileSync(out, "utf8");
    expect(csv.startsWith("\uFEFF行号,结果,原因")).toBe(true);
    expect(csv).toMatch(/\r\n4,未导入,身份证号被 Excel 转为科学计数法/);
    expect(csv).not.toContain(ids[0]);
    expect(await stored(ids)).toBe(2);
  });

  it("exits 1 with a Chinese and English reason when the file cannot be read", async () => {
    const file = writeCsv(
      [
        ["姓名", "电话"],
        ["甲", "13812345678"],
      ],
      "utf8",
    );
    const r = await cli([file, "--county", GONGCHENG]).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /文件无法导入：未找到表头.* \/ file could not be imported: no header row/,
    );
    const missing = await cli([fixturePath("xlsx"), "--county", GONGCHENG]).done;
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/无法读取文件.* \/ cannot read file/);
  });

  it("exits 4 with what to set, importing nothing, when the PII keys are not the ones the database was written with", async () => {
    const ids = [idNumber()];
    const file = writeCsv([HEADER, row(1, ids[0]!)], "utf8");
    // The right keys first (records them if no earlier run of this file did), then another HMAC key.
    const sql = postgres(h.databaseUrl, { max: 1, onnotice: () => {} });
    await checkPiiKeys(
      sql,
      piiKeyFingerprint(h.config.secrets.piiEncKey, h.config.secrets.piiHmacKey),
      "test",
    ).finally(() => sql.end({ timeout: 5 }));
    const r = await cli([file, "--county", GONGCHENG], {
      PII_HMAC_KEY: randomBytes(32).toString("base64"),
    }).done;
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/无法启动导入.* \/ The database ".+" was written with other PII keys/);
    expect(await stored(ids)).toBe(0);
  });

  it("exits 2 on bad arguments", async () => {
    const r = await cli([fixturePath("csv")]).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/用法 usage/);
  });

  it("leaves nothing when killed mid-file, and a re-run imports the file completely", async () => {
    const ids = Array.from({ length: CHUNK_ROWS * 2 + 500 }, () => idNumber());
    const file = fixturePath("csv");
    writeFileSync(
      file,
      `${[HEADER.join(","), ...ids.map((id, i) => row(i + 1, id, "卢").join(","))].join("\n")}\n`,
    );
    const run = cli([file, "--county", GONGCHENG]);
    // Killed after its first chunk was written inside the import's transaction.
    const job = await eventually(
      async () => {
        const [j] = await h.deps.db
          .select()
          .from(imports)
          .where(eq(imports.fileName, file.split("/").pop()!))
          .orderBy(desc(imports.createdAt))
          .limit(1);
        return j && j.rowsProcessed > 0 ? j : undefined;
      },
      60_000,
      20,
    );
    run.child.kill("SIGKILL");
    await run.done;
    expect(job.status).toBe("running");
    expect(await stored(ids)).toBe(0);

    const again = await cli([file, "--county", GONGCHENG]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`新增 created: ${CHUNK_ROWS * 2 + 500} `);
    expect(await stored(ids)).toBe(CHUNK_ROWS * 2 + 500);
  }, 120_000);
});
