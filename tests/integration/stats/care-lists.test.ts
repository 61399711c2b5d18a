import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employmentCheckIns, followUpTasks, helpRequests } from "../../../db/schema/retention";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import {
  dateAgo,
  daysAgo,
  GONGCHENG,
  insertEmployment,
  insertLabourer,
  LIANHUA,
  RONGSHUI,
} from "./fixture";

/**
 * The retention module's open work as warning lists (docs/MONITORING.md): help requests not
 * answered, unanswered check-ins that became follow-up tasks. Known fixture:
 * - p1 莲花: find_job asked 5 days ago, open → listed (5 days waiting).
 * - p2 恭城镇: wage_arrears asked 2 days ago, open → listed; other asked 9 days ago, answered → not.
 * - p3 融水 (another county): open request → never listed for 恭城.
 * - f1 莲花: 7-day check-in unanswered, task open since 4 days → listed.
 * - f2 恭城镇: 30-day check-in, task resolved → not listed; f3 融水: open task → not for 恭城.
 */
let h: Harness;
let county: AuthAs;
const p: Record<string, { id: string }> = {};
const task: Record<string, { id: string }> = {};
const help: Record<string, { id: string }> = {};

async function helpRequest(
  labourerId: string,
  kind: "find_job" | "wage_arrears" | "other",
  ago: number,
  answered = false,
) {
  const [row] = await h.deps.db
    .insert(helpRequests)
    .values({
      labourerId,
      kind,
      createdAt: daysAgo(ago),
      ...(answered
        ? {
            status: "answered" as const,
            answer: "已处理",
            answeredAt: daysAgo(ago - 1),
            responseSeconds: 86400,
          }
        : {}),
    })
    .returning();
  return row!;
}

async function followUp(labourerId: string, dayOffset: number, ago: number, resolved = false) {
  const e = await insertEmployment(h, {
    labourerId,
    employerName: "恭城油茶加工厂",
    startDate: dateAgo(ago + 10),
  });
  const [c] = await h.deps.db
    .insert(employmentCheckIns)
    .values({
      employmentId: e.id,
      labourerId,
      dayOffset,
      dueDate: dateAgo(ago + 3),
      recipient: "labourer",
      askedAt: daysAgo(ago + 3),
      followUpAt: daysAgo(ago),
    })
    .returning();
  const [t] = await h.deps.db
    .insert(followUpTasks)
    .values({
      kind: "check_in_unanswered",
      labourerId,
      checkInId: c!.id,
      createdAt: daysAgo(ago),
      ...(resolved
        ? { status: "resolved" as const, resolution: "staff" as const, resolvedAt: daysAgo(1) }
        : {}),
    })
    .returning();
  return t!;
}

beforeAll(async () => {
  h = await createHarness();
  p.p1 = await insertLabourer(h, { name: "黄秀英", villageCode: LIANHUA, workIntention: "local" });
  p.p2 = await insertLabourer(h, {
    name: "莫志强",
    villageCode: GONGCHENG,
    workIntention: "local",
  });
  p.p3 = await insertLabourer(h, { name: "韦春兰", villageCode: RONGSHUI, workIntention: "local" });
  p.f1 = await insertLabourer(h, { name: "蒋小燕", villageCode: LIANHUA });
  p.f2 = await insertLabourer(h, { name: "周建平", villageCode: GONGCHENG });
  p.f3 = await insertLabourer(h, { name: "梁文", villageCode: RONGSHUI });
  help.p1 = await helpRequest(p.p1.id, "find_job", 5);
  help.p2 = await helpRequest(p.p2.id, "wage_arrears", 2);
  help.p2old = await helpRequest(p.p2.id, "other", 9, true);
  help.p3 = await helpRequest(p.p3.id, "find_job", 3);
  task.f1 = await followUp(p.f1.id, 7, 4);
  task.f2 = await followUp(p.f2.id, 30, 6, true);
  task.f3 = await followUp(p.f3.id, 7, 2);
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

async function list(name: string, as: AuthAs = county, query = "") {
  const res = await json(await h.api.get(`/api/v1/stats/warnings/${name}?limit=100${query}`, as));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe("care warning lists", () => {
  it("lists help requests nobody has answered, masked, oldest wait first when asked", async () => {
    const body = await list("help_requests_unanswered", county, "&sort=days_waiting");
    expect(body.items.map((i: any) => i.id)).toEqual([help.p1!.id, help.p2!.id]);
    const [a, b] = body.items;
    expect(a).toMatchObject({
      subject: "help_request",
      labourerId: p.p1!.id,
      name: "黄*英",
      villageName: "竹山村委会",
      townshipName: "莲花镇",
    });
    expect(a.details).toEqual({ help_kind_label: "找工作", asked_on: dateAgo(5), days_waiting: 5 });
    expect(a.nextStep).toContain("推荐合适岗位");
    expect(b.details.help_kind_label).toBe("工资被拖欠");
    expect(b.nextStep).toContain("工资拖欠");
    expect(JSON.stringify(body)).not.toContain("黄秀英");
    expect(body.list.sorts.map((s: any) => s.id)).toContain("days_waiting");
  });

  it("lists open retention follow-ups with the check-in day and the employer", async () => {
    const body = await list("retention_follow_ups");
    expect(body.items.map((i: any) => i.id)).toEqual([task.f1!.id]);
    expect(body.items[0]).toMatchObject({
      subject: "follow_up",
      labourerId: p.f1!.id,
      name: "蒋*燕",
    });
    expect(body.items[0].details).toEqual({
      day_offset: 7,
      employer_name: "恭城油茶加工厂",
      asked_on: dateAgo(7),
      days_waiting: 4,
    });
    expect(body.items[0].nextStep).toBe(
      "上岗后第7天的回访没有回答：电话或上门确认是否仍在恭城油茶加工厂工作，在回访待办中登记结果",
    );
  });

  it("stays inside the caller's region", async () => {
    const rongshui = await h.as.bureau("450225");
    expect((await list("help_requests_unanswered", rongshui)).items.map((i: any) => i.id)).toEqual([
      help.p3!.id,
    ]);
    expect((await list("retention_follow_ups", rongshui)).items.map((i: any) => i.id)).toEqual([
      task.f3!.id,
    ]);
    const town = await list("help_requests_unanswered", county, "&region=450332100");
    expect(town.items.map((i: any) => i.id)).toEqual([help.p2!.id]);
    const denied = await json(
      await h.api.get("/api/v1/stats/warnings/retention_follow_ups?region=450225", county),
    );
    expect(denied.status).toBe(403);
  });

  it("exports both lists as XLSX with the API's rows", async () => {
    for (const [name, n, wait] of [
      ["help_requests_unanswered", 2, "已等待天数"],
      ["retention_follow_ups", 1, "待跟进天数"],
    ] as const) {
      const res = await h.api.get(
        `/api/v1/stats/exports/warnings/${name}?sort=days_waiting`,
        county,
      );
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(n + 1);
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header[0]).toBe("姓名");
      expect(header).toContain(wait);
      expect(header.at(-1)).toBe("下一步工作");
      const api = await list(name, county, "&sort=days_waiting");
      expect(ws.getRow(2).getCell(1).value).toBe(api.items[0].name);
      expect(ws.getRow(2).getCell(header.length).value).toBe(api.items[0].nextStep);
    }
  });
});
