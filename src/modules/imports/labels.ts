import type { labourers } from "../../../db/schema/labourers";

/**
 * The words ledgers use for the registry's enumerations (the API takes the codes; a county
 * spreadsheet says 全劳动力, 弱劳动力或半劳动力, 赴粤务工 …). Each table is checked in order and
 * the first pattern that matches wins, so the specific phrases come before the general ones.
 * A value matching nothing is rejected with the accepted words, never guessed.
 */
type Labourer = typeof labourers.$inferSelect;
type Vocabulary<T> = { values: [RegExp, T][]; accepted: string };

const compact = (s: string) => s.normalize("NFKC").replace(/[\s()（）【】\[\]]/g, "");

export const PERSON_TYPES: Vocabulary<Labourer["personType"]> = {
  values: [
    [/监测|不稳定|边缘|易致贫|突发|严重困难/, "monitored"],
    [/脱贫|建档立卡|贫困户/, "tuopin"],
    [/^(一般农?户|一般|非贫困户|其他|普通农户|农户)$/, "other"],
  ],
  accepted: "脱贫户（脱贫人口）、监测对象（脱贫不稳定户、边缘易致贫户、突发严重困难户）、一般农户",
};

export const LABOUR_CAPACITIES: Vocabulary<Labourer["labourCapacity"]> = {
  values: [
    [/^(无劳动力|丧失劳动力|无劳动能力|丧失劳动能力|无)$/, "none"],
    [/^(弱劳动力或半劳动力|弱劳动力|弱劳力|弱)$/, "weak"],
    [/^(半劳动力|半劳力|半)$/, "half"],
    [/^(全劳动力|普通劳动力|技能劳动力|全劳力|全|有劳动能力|劳动力)$/, "full"],
  ],
  accepted: "全劳动力（普通劳动力、技能劳动力）、半劳动力、弱劳动力、无劳动力（丧失劳动力）",
};

export const WORK_INTENTIONS: Vocabulary<Labourer["workIntention"]> = {
  values: [
    [/^(无|否|没有|不愿意?|暂无|无意愿|无务工意愿|不外出)$/, "none"],
    [/区外|省外|外省|赴粤|广东|出省|跨省/, "out_province"],
    [/区内|省内|广西|县外/, "in_province"],
    [/就近|就地|本地|县内|本县|乡镇|家门口|村内|本乡/, "local"],
  ],
  accepted: "无、就近（县内）、区内、区外（赴粤）",
};

export const EMPLOYMENT_STATUSES: Vocabulary<Labourer["employmentStatus"]> = {
  values: [
    [/^(未就业|待业|失业|无|未务工|否|无业)$/, "unemployed"],
    [/公益/, "public_welfare"],
    [/灵活|零工|自主创业|个体/, "flexible"],
    [/区外|省外|外省|赴粤|广东|出省|跨省/, "out_province"],
    [/区内|省内|广西|县外/, "in_province"],
    [/就近|就地|本地|县内|本县|乡镇|车间|村内|本乡/, "local"],
  ],
  accepted: "未就业、县内就业、区内务工、区外务工（赴粤）、灵活就业、公益性岗位",
};

export type LabelResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseLabel<T>(vocab: Vocabulary<T>, raw: string, what: string): LabelResult<T> {
  const s = compact(raw);
  for (const [re, value] of vocab.values) if (re.test(s)) return { ok: true, value };
  return { ok: false, message: `${what}“${raw.slice(0, 20)}”无法识别，可填写：${vocab.accepted}` };
}

const YES = /^(是|有|Y|YES|TRUE|1|√|✓)$/i;
const NO = /^(否|无|不是|N|NO|FALSE|0|×)$/i;

/** 是/否 cells; undefined for anything else. */
export function parseYesNo(raw: string): boolean | undefined {
  const s = compact(raw);
  if (YES.test(s)) return true;
  if (NO.test(s)) return false;
  return undefined;
}

/**
 * 期望月薪 as typed: 3000, 3000元, ￥3,000, 3千, 3000-4000 (the lower bound: a floor for
 * matching), 0.3万. Returns fen, or undefined for text without an amount (面议, 不限).
 */
export function parseMonthlyWageFen(raw: string): number | undefined | "invalid" {
  const s = raw.normalize("NFKC").replace(/[\s,，¥￥元/月以上左右起]/g, "");
  if (s === "" || /^(面议|不限|无|待定)$/.test(s)) return undefined;
  const m = /^(\d+(?:\.\d+)?)(万|千|k|K)?(?:[-~至到](\d+(?:\.\d+)?)(万|千|k|K)?)?$/.exec(s);
  if (!m) return "invalid";
  const unit = m[2] ?? m[4];
  const scale = unit === "万" ? 10_000 : unit ? 1_000 : 1;
  const yuan = Number(m[1]) * scale;
  if (!Number.isFinite(yuan) || yuan < 100 || yuan > 100_000) return "invalid";
  return Math.round(yuan * 100);
}
