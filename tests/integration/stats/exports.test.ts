import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportWarnings } from "../../../src/modules/stats/exports";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { buildCounty } from "./scenario";

let h: Harness;
let county: AuthAs;
beforeAll(async () => {
  h = await createHarness();
  await buildCounty(h);
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

async function sheet(url: string) {
  const res = await h.api.get(url, county);
  expect(res.status, url).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  expect(res.headers.get("content-disposition")).toContain("attachment");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { name: ws.name, header: rows[0] as string[], rows: rows.slice(1) };
}

describe("XLSX exports", () => {
  it("the summary export has Chinese headers and the API's numbers, row by row", async () => {
    const api = (await json(await h.api.get("/api/v1/stats/summary", county))).body;
    const x = await sheet("/api/v1/stats/exports/summary");
    expect(x.name).toBe("主要指标");
    expect(x.header.slice(0, 2)).toEqual(["区划代码", "区划名称"]);
    expect(x.header).toContain("零就业家庭户数");
    expect(x.header).toContain("已就业人数（按就业形式，仅计已确认）：区外就业");
    expect(x.header).toContain("培训合格人员首次就业率（目标 30%）");
    const col = (h: string) => x.header.indexOf(h);
    const byCode = new Map(x.rows.map((r) => [String(r[0]), r]));
    for (const row of [...api.children, api.total]) {
      const r = byCode.get(row.code);
      expect(r, row.code).toBeDefined();
      expect(r![col("零就业家庭户数")]).toBe(row.values["households.zero_employment"]?.[""] ?? 0);
      expect(r![col("已就业人数（按就业形式，仅计已确认）：区外就业")]).toBe(
        row.values["employed.kind"]?.out_province ?? 0,
      );
      expect(r![col("劳动力人数（按人员类别）：合计")]).toBe(
        Object.values(row.values["labourers.person_type"] ?? {}).reduce(
          (a: number, b) => a + (b as number),
          0,
        ),
      );
    }
    const total = x.rows.find((r) => r[0] === "450332")!;
    expect(total[col("培训合格人员首次就业率（目标 30%）")]).toBe(0.5);
    expect(total[col("有务工意愿未就业人数")]).toBe(2);
  });

  it("a warning list export holds every row the API pages through, masked, with the next step", async () => {
    const api = (
      await json(
        await h.api.get("/api/v1/stats/warnings/zero_employment_households?limit=100", county),
      )
    ).body;
    const x = await sheet("/api/v1/stats/exports/warnings/zero_employment_households");
    expect(x.name).toBe("零就业家庭");
    expect(x.header).toEqual([
      "户主姓名",
      "乡镇",
      "村",
      "户编号",
      "有劳动能力人数",
      "是否易地搬迁户",
      "下一步工作",
    ]);
    expect(x.rows).toHaveLength(api.items.length);
    expect(x.rows.map((r) => r[3]).sort()).toEqual(
      api.items.map((i: any) => i.details.household_no).sort(),
    );
    expect(x.rows.every((r) => r[0] === "莫*华")).toBe(true);

    const people = await sheet("/api/v1/stats/exports/warnings/unemployed_with_intention");
    expect(people.header).toContain("身份证号（脱敏）");
    expect(people.header).toContain("距上次推送天数");
    expect(people.rows).toHaveLength(2);
    for (const r of people.rows) {
      expect(String(r[1])).toMatch(/^\d{6}\*{8}\d{4}$/);
      expect(String(r[0])).toContain("*");
    }
  });

  it("reads a long list in keyset batches: every row exactly once", async () => {
    const api = (
      await json(
        await h.api.get("/api/v1/stats/warnings/unemployed_with_intention?limit=100", county),
      )
    ).body;
    const ctx = {
      ...h.deps,
      actor: {
        kind: "user" as const,
        userId: county.userId,
        role: "bureau" as const,
        regionCode: "450332",
        employerId: null,
        labourerId: null,
      },
      requestId: "t",
    };
    const x = await exportWarnings(
      ctx,
      { list: "unemployed_with_intention", days: 30, region: "450332" },
      1,
    );
    const wb = new ExcelJS.Workbook();
    const chunks: Buffer[] = [];
    for await (const c of x.stream) chunks.push(c as Buffer);
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.length - 1).toBe(api.items.length);
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(api.items.map((i: any) => i.idNumberMasked).sort());
  });

  it("refuses another county before writing anything", async () => {
    const res = await json(
      await h.api.get("/api/v1/stats/exports/warnings/returned?region=450225", county),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });
});
