import { describe, expect, it } from "vitest";
import {
  EMPLOYMENT_STATUSES,
  LABOUR_CAPACITIES,
  PERSON_TYPES,
  parseLabel,
  parseMonthlyWageFen,
  parseYesNo,
  WORK_INTENTIONS,
} from "../../../src/modules/imports/labels";

const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }) =>
  r.ok ? r.value : `ERR ${r.message}`;

describe("ledger vocabulary", () => {
  it.each([
    ["脱贫户", "tuopin"],
    ["脱贫人口", "tuopin"],
    ["一般脱贫户", "tuopin"],
    ["脱贫不稳定户", "monitored"],
    ["边缘易致贫户", "monitored"],
    ["突发严重困难户", "monitored"],
    ["监测对象", "monitored"],
    ["一般农户", "other"],
  ])("人口类型 %s → %s", (raw, code) =>
    expect(ok(parseLabel(PERSON_TYPES, raw, "人口类型"))).toBe(code));

  it.each([
    ["全劳动力", "full"],
    ["普通劳动力", "full"],
    ["技能劳动力", "full"],
    ["半劳动力", "half"],
    ["弱劳动力", "weak"],
    ["弱劳动力或半劳动力", "weak"],
    ["丧失劳动力", "none"],
    ["无劳动力", "none"],
  ])("劳动能力 %s → %s", (raw, code) =>
    expect(ok(parseLabel(LABOUR_CAPACITIES, raw, "劳动能力"))).toBe(code));

  it.each([
    ["无", "none"],
    ["就近", "local"],
    ["县内务工", "local"],
    ["区内", "in_province"],
    ["区外", "out_province"],
    ["赴粤务工", "out_province"],
    ["广东", "out_province"],
  ])("务工意愿 %s → %s", (raw, code) =>
    expect(ok(parseLabel(WORK_INTENTIONS, raw, "务工意愿"))).toBe(code));

  it.each([
    ["未就业", "unemployed"],
    ["区外务工", "out_province"],
    ["区内务工", "in_province"],
    ["县内就业", "local"],
    ["就业帮扶车间", "local"],
    ["灵活就业", "flexible"],
    ["公益性岗位", "public_welfare"],
    ["乡村公益岗", "public_welfare"],
  ])("就业状态 %s → %s", (raw, code) =>
    expect(ok(parseLabel(EMPLOYMENT_STATUSES, raw, "就业状态"))).toBe(code));

  it("rejects a word it does not know, listing the accepted ones", () => {
    const r = parseLabel(LABOUR_CAPACITIES, "还行", "劳动能力");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/劳动能力“还行”无法识别.*全劳动力/);
    expect(parseLabel(EMPLOYMENT_STATUSES, "已就业", "就业状态").ok).toBe(false);
  });

  it.each([
    ["3000", 300_000],
    ["3000元", 300_000],
    ["￥3,500", 350_000],
    ["3千", 300_000],
    ["4000-5000", 400_000],
    ["0.5万", 500_000],
    ["3000元/月", 300_000],
    ["面议", undefined],
    ["3", "invalid"],
    ["很多", "invalid"],
  ] as const)("期望月薪 %s → %s", (raw, fen) => expect(parseMonthlyWageFen(raw)).toBe(fen));

  it("reads 是/否 and their usual spellings", () => {
    expect(parseYesNo("是")).toBe(true);
    expect(parseYesNo("√")).toBe(true);
    expect(parseYesNo("否")).toBe(false);
    expect(parseYesNo("某安置区")).toBeUndefined();
  });
});
