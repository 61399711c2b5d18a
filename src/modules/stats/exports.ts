import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Ctx } from "../../lib/ctx";
import type { SortedKeyset } from "../../lib/keyset-sorted";
import { statsSummary } from "./service";
import type { Summary, SummaryRow } from "./summary";
import { keyOf, type WarningView, warningBatch, warningContext } from "./warnings";

/**
 * XLSX exports (docs/MONITORING.md, "Exports"): Chinese headers, written with exceljs's streaming
 * WorkbookWriter straight into the response, one committed row at a time, so memory stays flat
 * for a whole province. Scope is checked before the first byte: a refusal is an ordinary error.
 */
export interface Export {
  filename: string;
  stream: Readable;
}

const BATCH = 1000;

function writer() {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  return { stream, wb };
}

/** Runs the writer after the response has started; an error ends the download broken, never half-silent. */
function pump(stream: PassThrough, ctx: Ctx, work: () => Promise<void>) {
  work().catch((err: unknown) => {
    ctx.log.error({ err }, "xlsx export failed");
    stream.destroy(err instanceof Error ? err : new Error(String(err)));
  });
}

/** The columns of the summary sheet: one per figure key, a total for figures with several keys, the ratios. */
export function summaryColumns(s: Summary) {
  const cols: { header: string; value: (r: SummaryRow) => number | string | null }[] = [
    { header: "区划代码", value: (r) => r.code },
    { header: "区划名称", value: (r) => r.name },
  ];
  for (const f of s.figures) {
    const keyed = f.keys.length > 1 || (f.keys[0] && f.keys[0].key !== "");
    for (const k of f.keys)
      cols.push({
        header: keyed ? `${f.label}：${k.label}` : f.label,
        value: (r) => r.values[f.id]?.[k.key] ?? 0,
      });
    if (keyed)
      cols.push({
        header: `${f.label}：合计`,
        value: (r) => Object.values(r.values[f.id] ?? {}).reduce((a, b) => a + b, 0),
      });
  }
  for (const d of s.derived)
    cols.push({
      header:
        d.target !== undefined
          ? `${d.label}（目标 ${d.kind === "rate" ? `${d.target * 100}%` : d.target}）`
          : d.label,
      value: (r) => r.ratios[d.id] ?? null,
    });
  return cols;
}

export async function exportSummary(ctx: Ctx, input: { region?: string }): Promise<Export> {
  const s = await statsSummary(ctx, input);
  const { stream, wb } = writer();
  pump(stream, ctx, async () => {
    const ws = wb.addWorksheet("主要指标");
    const cols = summaryColumns(s);
    ws.addRow(cols.map((c) => c.header)).commit();
    for (const row of [...s.children, s.total]) ws.addRow(cols.map((c) => c.value(row))).commit();
    ws.addRow([]).commit();
    ws.addRow([`统计截至：${s.asOf}（${s.day}），就业人数仅计已确认的就业记录`]).commit();
    ws.commit();
    await wb.commit();
  });
  return { filename: `就业监测-${s.region.name}-${s.day}.xlsx`, stream };
}

/** The headers of a warning list sheet, in order; `value` reads a row view. */
export function warningColumns(details: { key: string; label: string }[], subject: string) {
  const who = subject === "household" ? "户主姓名" : "姓名";
  const cols: { header: string; value: (v: WarningView) => string | number | null }[] = [
    { header: who, value: (v) => v.name },
    { header: "身份证号（脱敏）", value: (v) => v.idNumberMasked },
    { header: "联系电话（脱敏）", value: (v) => v.phoneMasked },
    { header: "乡镇", value: (v) => v.townshipName },
    { header: "村", value: (v) => v.villageName },
    { header: "人员类别", value: (v) => v.personType },
    { header: "劳动能力", value: (v) => v.labourCapacity },
    { header: "务工意愿", value: (v) => v.workIntention },
  ];
  const shown =
    subject === "household"
      ? cols.filter((c) => ["户主姓名", "乡镇", "村"].includes(c.header))
      : cols;
  return [
    ...shown,
    ...details.map((d) => ({
      header: d.label,
      value: (v: WarningView) => v.details[d.key] ?? null,
    })),
    { header: "下一步工作", value: (v: WarningView) => v.nextStep },
  ];
}

export async function exportWarnings(
  ctx: Ctx,
  input: { list: string; region?: string; days: number; sort?: string },
  batch = BATCH,
): Promise<Export> {
  const w = await warningContext(ctx, input);
  const { stream, wb } = writer();
  pump(stream, ctx, async () => {
    const ws = wb.addWorksheet(w.list.label.slice(0, 31));
    const cols = warningColumns(w.list.details, w.list.subject);
    ws.addRow(cols.map((c) => c.header)).commit();
    let after: SortedKeyset | undefined;
    for (;;) {
      const rows = await warningBatch(ctx, w, after, batch);
      for (const v of rows) ws.addRow(cols.map((c) => c.value(v))).commit();
      if (stream.writableNeedDrain) await once(stream, "drain");
      if (rows.length < batch) break;
      after = keyOf(w, rows[rows.length - 1]!);
    }
    ws.commit();
    await wb.commit();
  });
  return { filename: `${w.list.label}-${w.region.name}-${w.p.day}.xlsx`, stream };
}
