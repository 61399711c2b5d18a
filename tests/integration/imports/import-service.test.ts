import { writeFileSync } from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports } from "../../../db/schema/imports";
import { households, labourers } from "../../../db/schema/labourers";
import { users } from "../../../db/schema/users";
import { systemCtx } from "../../../src/lib/ctx";
import type { AppError } from "../../../src/lib/errors";
import type { ResultSink, RowResult } from "../../../src/modules/imports/results";
import { CHUNK_ROWS, type ImportProgress, runImport } from "../../../src/modules/imports/run";
import { createImport } from "../../../src/modules/imports/service";
import { createHarness, type Harness } from "../../support/harness";
import {
  DAPING,
  fixturePath,
  GONGCHENG,
  HEADER,
  householdNo,
  idNumber,
  MENLOU,
  mobile,
  QUANZHOU,
  readResult,
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

async function importFile(
  path: string,
  county = GONGCHENG,
  onProgress?: (p: ImportProgress) => void,
) {
  const ctx = systemCtx(h.deps, "test");
  const job = await createImport(ctx, {
    county,
    fileName: "台账.xlsx",
    content: { path },
    queue: false,
  });
  const summary = await runImport(ctx, job.id, { onProgress });
  return { ...summary, rows: await readResult(`${h.config.DATA_DIR}/${summary.resultPath}`) };
}

const byId = (ids: string[]) =>
  h.deps.db
    .select()
    .from(labourers)
    .where(
      inArray(
        labourers.idNumberHash,
        ids.map((i) => h.deps.pii.hash("id", i)),
      ),
    );

describe("importing a ledger", () => {
  it("registers households, members and their sign-in accounts, and writes a masked per-row result", async () => {
    const [head, wife, son] = [idNumber(), idNumber(GONGCHENG, "female"), idNumber()];
    const [no, phone] = [householdNo(), mobile()];
    const path = await writeXlsx([
      {
        title: ["恭城县脱贫人口劳动力台账"],
        header: HEADER,
        merges: ["A1:J1", "B3:B5", "J3:J5"],
        rows: [
          [1, no, "莫振华", head, "户主", phone, "脱贫户", "全劳动力", "区外", ZHOUTANG.name],
          [2, null, "李秀英", wife, "配偶", phone, "脱贫户", "半劳动力", "就近", null],
          [3, null, "莫小明", son, "之子", null, "脱贫户", "全劳动力", "区内", null],
        ],
      },
    ]);
    const r = await importFile(path);
    expect(r.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(r.rows.slice(0, 2)).toEqual([
      ["行号", "结果", "原因", "姓名", "身份证号", "工作表"],
      ["3", "新增", "", "莫振华", `${head.slice(0, 6)}********${head.slice(-4)}`, "Sheet1"],
    ]);
    expect(JSON.stringify(r.rows)).not.toContain(head);

    const stored = await byId([head, wife, son]);
    expect(stored.map((l) => l.villageCode)).toEqual([ZHOUTANG.code, ZHOUTANG.code, ZHOUTANG.code]);
    expect(new Set(stored.map((l) => l.householdId)).size).toBe(1);
    expect(stored.find((l) => l.name === "李秀英")).toMatchObject({
      sex: "female",
      labourCapacity: "half",
      workIntention: "local",
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    const [hh] = await h.deps.db.select().from(households).where(eq(households.householdNo, no));
    expect(hh).toMatchObject({
      villageCode: ZHOUTANG.code,
      headName: "莫振华",
      headLabourerId: stored.find((l) => l.name === "莫振华")!.id,
    });
    // One phone signs in one person: the shared family phone goes to the first member only.
    const accounts = await h.deps.db
      .select()
      .from(users)
      .where(
        inArray(
          users.labourerId,
          stored.map((l) => l.id),
        ),
      );
    expect(accounts.map((a) => a.displayName)).toEqual(["莫振华"]);
  });

  it("changes nothing when the same file is imported again", async () => {
    const ids = [idNumber(), idNumber()];
    const no = householdNo();
    const path = await writeXlsx([
      {
        header: HEADER,
        rows: ids.map((id, i) => [
          i + 1,
          no,
          `韦${"甲乙"[i]}`,
          id,
          i ? "之子" : "户主",
          mobile(),
          "监测对象",
          "全劳动力",
          "无",
          MENLOU.name,
        ]),
      },
    ]);
    expect((await importFile(path)).counts).toMatchObject({ created: 2 });
    const before = await byId(ids);
    const again = await importFile(path);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(again.rows.slice(1).map((r) => r[1])).toEqual(["无变化", "无变化"]);
    expect((await byId(ids)).map((l) => l.updatedAt.getTime()).sort()).toEqual(
      before.map((l) => l.updatedAt.getTime()).sort(),
    );
  });

  it("updates only what the ledger changes, and never erases a value with a blank cell", async () => {
    const id = idNumber();
    const phone = mobile();
    const first = await writeXlsx([
      {
        header: HEADER,
        rows: [[1, null, "覃明", id, null, phone, "脱贫户", "全劳动力", "区外", ZHOUTANG.name]],
      },
    ]);
    await importFile(first);
    const second = await writeCsv(
      [HEADER, [1, null, "覃明", id, null, "", "脱贫户", "弱劳动力", "区外", ZHOUTANG.name]],
      "utf8-bom",
    );
    const r = await importFile(second);
    expect(r.counts).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    const [l] = await byId([id]);
    expect(l).toMatchObject({ labourCapacity: "weak", phoneHash: h.deps.pii.hash("phone", phone) });
  });

  it("keeps the household's head and resettlement site in step with the ledger", async () => {
    const [head, son] = [idNumber(), idNumber()];
    const no = householdNo();
    const header = [...HEADER, "安置点"];
    await importFile(
      await writeCsv(
        [
          header,
          [1, no, "欧阳", head, "户主", null, "脱贫户", "全劳动力", "无", ZHOUTANG.name, ""],
        ],
        "utf8",
      ),
    );
    const r = await importFile(
      await writeCsv(
        [
          header,
          [
            1,
            no,
            "欧阳",
            head,
            "户主",
            null,
            "脱贫户",
            "全劳动力",
            "无",
            ZHOUTANG.name,
            "茶江安置区",
          ],
          [2, no, "欧小", son, "之子", null, "脱贫户", "全劳动力", "无", null, "茶江安置区"],
        ],
        "utf8",
      ),
    );
    expect(r.counts).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 0 });
    const [hh] = await h.deps.db.select().from(households).where(eq(households.householdNo, no));
    expect(hh).toMatchObject({ headName: "欧阳", resettlementSiteName: "茶江安置区" });
    expect((await byId([son]))[0]).toMatchObject({
      householdId: hh!.id,
      villageCode: ZHOUTANG.code,
      resettlementSiteName: "茶江安置区",
    });
  });

  it("flags an ID number from an abolished county of a loaded province, as the registry does", async () => {
    const [abolished, beijing] = [idNumber("452101"), idNumber("110105")];
    await importFile(
      await writeCsv(
        [
          HEADER,
          [1, null, "韦旧", abolished, null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name],
          [2, null, "韦京", beijing, null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name],
        ],
        "utf8",
      ),
    );
    const rows = await byId([abolished, beijing]);
    expect(Object.fromEntries(rows.map((l) => [l.name, l.idNumberFlags]))).toEqual({
      韦旧: ["region_not_current"],
      韦京: [],
    });
  });

  it("rejects the second copy of an ID number in the file, naming the first row, also after normalisation", async () => {
    const id = idNumber();
    const path = await writeCsv(
      [
        HEADER,
        [1, null, "蒙一", id, null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name],
        [
          2,
          null,
          "蒙二",
          ` ${id.replace(/X$/, "x")}`,
          null,
          null,
          "脱贫户",
          "全劳动力",
          "无",
          ZHOUTANG.name,
        ],
      ],
      "utf8",
    );
    const r = await importFile(path);
    expect(r.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(r.rows[2]).toEqual([
      "3",
      "未导入",
      "与第 2 行的身份证号重复",
      "蒙二",
      expect.stringMatching(/\*{8}/),
      "",
    ]);
  });

  it("rejects rows with their reason and imports the rest", async () => {
    const good = idNumber();
    const path = await writeCsv(
      [
        HEADER,
        [1, null, "陆好", good, null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name],
        [2, null, "陆坏", "4.50332E+17", null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name],
        [3, null, "陆差", idNumber(), null, "12345", "脱贫户", "全劳动力", "无", ZHOUTANG.name],
        [4, null, "陆远", idNumber(), null, null, "脱贫户", "全劳动力", "无", DAPING.code],
        [5, null, "陆外", idNumber(), null, null, "脱贫户", "全劳动力", "无", DAPING.name],
        [6, null, "陆缺", idNumber(), null, null, null, "全劳动力", "无", ZHOUTANG.name],
        [
          7,
          householdNo(),
          "陆户",
          idNumber(),
          "之女",
          null,
          "脱贫户",
          "全劳动力",
          "无",
          ZHOUTANG.name,
        ],
      ],
      "gbk",
    );
    const r = await importFile(path);
    expect(r.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 5 });
    const reasons = Object.fromEntries(r.rows.slice(1).map((row) => [row[3], row[2]]));
    expect(reasons).toMatchObject({
      陆坏: expect.stringMatching(/科学计数法/),
      陆差: expect.stringMatching(/手机号码/),
      陆远: expect.stringMatching(/不在本次导入的.*范围内/),
      陆外: expect.stringMatching(/不在恭城瑶族自治县的区划中/),
      陆缺: "新登记人员须填写人口类型",
      陆户: expect.stringMatching(/^户主待补充/),
    });
  });

  it("never touches a person registered in another county", async () => {
    const id = idNumber();
    await importFile(
      await writeCsv(
        [HEADER, [1, null, "黄全", id, null, null, "脱贫户", "全劳动力", "无", DAPING.code]],
        "utf8",
      ),
      QUANZHOU,
    );
    const r = await importFile(
      await writeCsv(
        [HEADER, [1, null, "黄恭", id, null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name]],
        "utf8",
      ),
    );
    expect(r.rows[1]![2]).toMatch(/已在其他地区登记/);
    expect((await byId([id]))[0]).toMatchObject({ name: "黄全", villageCode: DAPING.code });
  });

  it("leaves nothing behind when the file turns out unreadable after a chunk was written", async () => {
    const ids = Array.from({ length: CHUNK_ROWS + 100 }, () => idNumber());
    const name = (i: number) => `潘${"甲乙丙丁戊己庚辛壬癸"[i % 10]}`;
    const lines = [
      HEADER.join(","),
      ...ids.map((id, i) => `${i + 1},,${name(i)},${id},,,脱贫户,全劳动力,无,${ZHOUTANG.name}`),
      `${CHUNK_ROWS + 101},,"潘断,${idNumber()}`,
    ];
    const path = fixturePath("csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const ctx = systemCtx(h.deps, "test");
    const job = await createImport(ctx, {
      county: GONGCHENG,
      fileName: "断.csv",
      content: { path },
      queue: false,
    });
    const seen: RowResult[] = [];
    const collect: ResultSink = {
      add: async (rows) => {
        seen.push(...rows);
      },
      close: async () => {},
      abort: async () => {},
    };
    const err = await runImport(ctx, job.id, { sinks: [collect] }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("IMPORT_FILE_UNREADABLE");
    // The first chunk was written inside the transaction before the reader failed …
    expect(seen.filter((r) => r.outcome === "created").length).toBeGreaterThanOrEqual(CHUNK_ROWS);
    // … and rolled back with it.
    expect(await byId(ids)).toHaveLength(0);
    const [row] = await h.deps.db.select().from(imports).where(eq(imports.id, job.id));
    expect(row).toMatchObject({
      status: "failed",
      errorCode: "IMPORT_FILE_UNREADABLE",
      resultPath: null,
    });
    expect(row!.errorMessage).toMatch(/引号未闭合/);
  });

  it("runs an import once even when two workers pick it up", async () => {
    const ids = [idNumber(), idNumber(), idNumber()];
    const path = await writeCsv(
      [
        HEADER,
        ...ids.map((id, i) => [
          i,
          null,
          `唐${"甲乙丙"[i]}`,
          id,
          null,
          null,
          "脱贫户",
          "全劳动力",
          "无",
          ZHOUTANG.name,
        ]),
      ],
      "utf8",
    );
    const ctx = systemCtx(h.deps, "test");
    const job = await createImport(ctx, {
      county: GONGCHENG,
      fileName: "x.csv",
      content: { path },
      queue: false,
    });
    const [a, b] = await Promise.all([runImport(ctx, job.id), runImport(ctx, job.id)]);
    expect(a.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(b.counts).toEqual(a.counts);
  });
});
