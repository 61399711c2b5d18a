import { inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { households, labourers } from "../../../db/schema/labourers";
import { systemCtx } from "../../../src/lib/ctx";
import { runImport } from "../../../src/modules/imports/run";
import { createImport } from "../../../src/modules/imports/service";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import {
  GONGCHENG,
  HEADER,
  householdNo,
  idNumber,
  MENLOU,
  mobile,
  readResult,
  writeCsv,
  writeXlsx,
  ZHOUTANG,
} from "./fixtures";

let h: Harness;
let bureau: AuthAs;
beforeAll(async () => {
  h = await createHarness();
  bureau = await h.as.bureau(GONGCHENG);
});
afterAll(async () => {
  await h?.close();
});

async function importFile(path: string) {
  const ctx = systemCtx(h.deps, "test");
  const job = await createImport(ctx, {
    county: GONGCHENG,
    fileName: "劳动力台账.xlsx",
    content: { path },
    queue: false,
  });
  const summary = await runImport(ctx, job.id);
  const file = `${h.config.DATA_DIR}/${summary.resultPath}`;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const summarySheet: string[] = [];
  wb.getWorksheet("汇总")!.eachRow((row) => {
    summarySheet.push((row.values as unknown[]).slice(1).join(" "));
  });
  return { ...summary, rows: await readResult(file), summarySheet };
}

const householdsByNo = (nos: string[]) =>
  h.deps.db.select().from(households).where(inArray(households.householdNo, nos));

async function viewOf(id: string) {
  const res = await json(await h.api.get(`/api/v1/households/${id}`, bureau));
  expect(res.status).toBe(200);
  return res.body;
}

/** 劳动力台账 as a county keeps it: labourers only, no 与户主关系 column, two or three to a household. */
const LABOUR_HEADER = [
  "序号",
  "户编号",
  "姓名",
  "公民身份号码",
  "联系电话",
  "人口类型",
  "劳动能力",
  "务工意愿",
  "所在村",
];

describe("a household whose head the ledger does not name", () => {
  it("registers every labourer of a ledger without 与户主关系, flags the households, warns in the result; a later ledger naming the head completes it", async () => {
    const nos = Array.from({ length: 28 }, () => householdNo());
    const rows: (string | number)[][] = Array.from({ length: 70 }, (_, i) => {
      const no = nos[i % nos.length]!;
      return [
        i + 1,
        no,
        `劳${"甲乙丙丁戊己庚辛壬癸"[i % 10]}${"一二三四五六七"[i % 7]}`,
        idNumber(),
        mobile(),
        "脱贫户",
        "全劳动力",
        "区外",
        i % 2 ? ZHOUTANG.name : MENLOU.name,
      ];
    }).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    // Members of one household live in one village: the village follows the household.
    const village = new Map(rows.map((r) => [r[1], r[8]]));
    for (const r of rows) r[8] = village.get(r[1])!;
    const first = await importFile(await writeXlsx([{ header: LABOUR_HEADER, rows }]));

    expect(first.counts).toEqual({ created: 70, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.rows.slice(1).every((r) => r[1] === "新增" && /^户主待补充/.test(r[2]!))).toBe(
      true,
    );
    expect(first.summarySheet).toContain(
      "户主待补充的户 28 户（成员已登记；请填写户主或导入标明户主的台账）",
    );
    const stored = await householdsByNo(nos);
    expect(stored).toHaveLength(28);
    expect(stored.every((hh) => hh.headName === null && hh.headLabourerId === null)).toBe(true);

    // The bureau sees the flag on the read and can list the households waiting for their head.
    const target = stored.find((hh) => hh.householdNo === nos[0])!;
    expect(await viewOf(target.id)).toMatchObject({
      headName: null,
      headMissing: true,
      memberCount: 3,
    });
    const listed = await json(
      await h.api.get(`/api/v1/households?headMissing=true&limit=100`, bureau),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { householdNo: string }) => i.householdNo)).toEqual(
      expect.arrayContaining(nos),
    );

    // A family ledger names the head of the first household (a new person, 户主) …
    const head = idNumber();
    const members = rows.filter((r) => r[1] === nos[0]);
    const second = await importFile(
      await writeXlsx([
        {
          header: HEADER,
          rows: [
            [1, nos[0]!, "莫户主", head, "户主", null, "脱贫户", "全劳动力", "无", members[0]![8]!],
            ...members.map((m, i) => [
              i + 2,
              nos[0]!,
              m[2]!,
              m[3]!,
              "之子",
              null,
              null,
              null,
              null,
              null,
            ]),
          ],
        },
      ]),
    );
    expect(second.counts).toMatchObject({ created: 1, rejected: 0 });
    expect(second.rows.slice(1).some((r) => /户主待补充/.test(r[2]!))).toBe(false);
    const [headRow] = await h.deps.db
      .select()
      .from(labourers)
      .where(inArray(labourers.idNumberHash, [h.deps.pii.hash("id", head)]));
    expect(await viewOf(target.id)).toMatchObject({
      headName: "莫户主",
      headMissing: false,
      headLabourerId: headRow!.id,
    });

    // … and a 户主姓名 column alone completes the second one (the head need not be a labourer).
    const other = rows.find((r) => r[1] === nos[1])!;
    await importFile(
      await writeCsv(
        [
          ["户编号", "户主姓名", "姓名", "公民身份号码"],
          [nos[1]!, "韦老汉", other[2]!, other[3]!],
        ],
        "utf8",
      ),
    );
    const [second1] = await householdsByNo([nos[1]!]);
    expect(await viewOf(second1!.id)).toMatchObject({ headName: "韦老汉", headMissing: false });
    const still = await json(
      await h.api.get(`/api/v1/households?headMissing=true&limit=100`, bureau),
    );
    expect(still.body.items.map((i: { householdNo: string }) => i.householdNo)).not.toContain(
      nos[0],
    );
    expect(still.body.items.map((i: { householdNo: string }) => i.householdNo)).not.toContain(
      nos[1],
    );
  });

  it("does the same when the ledger has 与户主关系 but a household's rows leave out the head", async () => {
    const no = householdNo();
    const r = await importFile(
      await writeXlsx([
        {
          header: HEADER,
          rows: [
            [
              1,
              no,
              "黄妻",
              idNumber(GONGCHENG, "female"),
              "配偶",
              mobile(),
              "脱贫户",
              "半劳动力",
              "就近",
              ZHOUTANG.name,
            ],
            [2, no, "黄子", idNumber(), "之子", null, "脱贫户", "全劳动力", "区外", ZHOUTANG.name],
          ],
        },
      ]),
    );
    expect(r.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(r.rows.slice(1).map((row) => [row[1], row[2]])).toEqual([
      ["新增", expect.stringMatching(/^户主待补充/)],
      ["新增", expect.stringMatching(/^户主待补充/)],
    ]);
    const [hh] = await householdsByNo([no]);
    expect(await viewOf(hh!.id)).toMatchObject({
      headName: null,
      headMissing: true,
      memberCount: 2,
    });

    const headId = idNumber();
    await importFile(
      await writeXlsx([
        {
          header: HEADER,
          rows: [[1, no, "黄父", headId, "户主", null, "脱贫户", "全劳动力", "无", ZHOUTANG.name]],
        },
      ]),
    );
    expect(await viewOf(hh!.id)).toMatchObject({
      headName: "黄父",
      headMissing: false,
      headLabourerId: expect.any(String),
    });
  });
});
