import { type Cell, cellText } from "./cells";

/**
 * The one table of ledger columns: what each field is called in the spreadsheets counties
 * actually keep (national monitoring-system exports, township templates, WPS forms).
 * Matching is exact after normalising the header text (see `normalizeHeader`); a header with a
 * bracketed note (期望月薪（元）, 联系电话(手机)) also matches without the note. docs/IMPORT.md
 * lists the same table for people.
 */
export const LEDGER_COLUMNS = {
  idNumber: [
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "证件号码",
    "身份证",
    "证件号",
    "身份证件号码",
    "公民身份证号码",
  ],
  name: ["姓名", "劳动力姓名", "成员姓名", "人员姓名"],
  sex: ["性别"],
  phone: ["联系电话", "手机号", "电话", "手机号码", "手机", "联系方式", "电话号码", "本人电话"],
  householdNo: ["户编号", "户号", "家庭编号"],
  headName: ["户主姓名", "户主"],
  relationToHead: ["与户主关系", "家庭关系"],
  personType: [
    "人口类型",
    "脱贫户属性",
    "监测对象类别",
    "人员类型",
    "人员类别",
    "户类型",
    "人口属性",
  ],
  labourCapacity: ["劳动能力", "劳动技能"],
  workIntention: ["务工意愿", "就业意愿", "外出务工意愿"],
  skills: ["技能", "技能特长", "专业技能", "掌握技能", "特长"],
  expectedWage: ["期望月薪", "期望工资", "期望薪资", "期望收入", "期望薪酬"],
  employmentStatus: ["就业状态", "务工状态"],
  employmentSince: ["务工时间", "就业时间", "开始务工时间", "外出务工时间", "就业日期"],
  township: ["乡镇", "所在乡镇", "乡（镇）", "乡镇（街道）", "镇"],
  village: [
    "所在村",
    "村",
    "村代码",
    "行政村",
    "村名",
    "村（社区）",
    "所在村（社区）",
    "行政村（社区）",
  ],
  resettled: ["是否易地搬迁", "是否易地扶贫搬迁", "易地搬迁", "是否搬迁户"],
  resettlementSite: ["安置点", "安置点名称", "安置区", "易地扶贫搬迁安置点", "搬迁安置点"],
} as const;

export type LedgerField = keyof typeof LEDGER_COLUMNS;
export const LEDGER_FIELDS = Object.keys(LEDGER_COLUMNS) as LedgerField[];

/** How a field is named in messages and in the result file. */
export const FIELD_LABEL: Record<LedgerField, string> = Object.fromEntries(
  LEDGER_FIELDS.map((f) => [f, LEDGER_COLUMNS[f][0]]),
) as Record<LedgerField, string>;

/** Rows searched for the header; ledgers put one to three title lines above it. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * NFKC (full-width brackets and letters to their plain forms), then drops whitespace, line
 * breaks, required-field markers (*, ※) and a trailing colon: "*公民身份\n号码：" → 公民身份号码.
 */
export function normalizeHeader(text: string): string {
  return text.normalize("NFKC").replace(/[\s*※:：]/g, "");
}

const withoutNotes = (h: string) => h.replace(/\([^)]*\)/g, "");

const EXACT = new Map<string, LedgerField>();
for (const field of LEDGER_FIELDS) {
  for (const synonym of LEDGER_COLUMNS[field]) EXACT.set(normalizeHeader(synonym), field);
}

export function fieldOfHeader(text: string): LedgerField | undefined {
  const h = normalizeHeader(text);
  if (!h) return undefined;
  return EXACT.get(h) ?? EXACT.get(withoutNotes(h));
}

export interface HeaderMapping {
  rowNumber: number;
  /** field → 1-based column number. */
  columns: Partial<Record<LedgerField, number>>;
  /** Header texts that matched no field, or a field already taken by a column to their left. */
  ignored: string[];
}

/** Maps one row's cells as a header; the first column wins when two name the same field. */
export function mapHeaderRow(rowNumber: number, values: Cell[]): HeaderMapping {
  const columns: Partial<Record<LedgerField, number>> = {};
  const ignored: string[] = [];
  let lastText = "";
  for (let c = 1; c < values.length; c++) {
    const text = cellText(values[c] ?? null);
    // A header merged across columns repeats its text in every covered cell: count it once.
    if (!text || text === lastText) {
      lastText = text;
      continue;
    }
    lastText = text;
    const field = fieldOfHeader(text);
    if (field && columns[field] === undefined) columns[field] = c;
    else ignored.push(text);
  }
  return { rowNumber, columns, ignored };
}

/**
 * The header is the row, among the first few, naming the most ledger fields; it must name the ID
 * number (the registry's key) and at least one other field. Returns undefined when none does.
 */
export function detectHeader(
  rows: { rowNumber: number; values: Cell[] }[],
): HeaderMapping | undefined {
  let best: HeaderMapping | undefined;
  let bestCount = 0;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const mapping = mapHeaderRow(row.rowNumber, row.values);
    const count = Object.keys(mapping.columns).length;
    if (mapping.columns.idNumber !== undefined && count >= 2 && count > bestCount) {
      best = mapping;
      bestCount = count;
    }
  }
  return best;
}
