import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { fenToYuan, yuanToFen } from "../../lib/money";
import * as batchRepo from "./batch-repo";
import { batchInScope } from "./batches";
import { notifyClaims } from "./notify";
import * as repo from "./repo";
import { type ReturnRow, readReturnFile } from "./return-file";
import { actorOf } from "./service";

/**
 * The bank's return file (回盘): each row paid or failed, matched to the batch by 业务编号. A row
 * that is unknown, repeated, disagrees with the batch (amount, ID number, name, account), or was
 * answered already is refused on its own with a code and a Chinese reason, and changes nothing;
 * the other rows are applied. Imports of one batch run one at a time (the batch row is locked),
 * and an item takes an answer only while pending, so a file imported twice pays once.
 */

export type RowOutcome = "paid" | "failed" | "refused";
export interface RowResult {
  rowNumber: number;
  itemId: string | null;
  outcome: RowOutcome;
  code: string | null;
  reason: string;
}

const PAID_WORDS = ["成功", "已发放", "已支付", "发放成功", "支付成功", "paid", "success"];
const FAILED_WORDS = ["失败", "发放失败", "支付失败", "退回", "failed", "fail"];

const refuse = (r: ReturnRow, code: string, reason: string): RowResult => ({
  rowNumber: r.rowNumber,
  itemId: r.itemId || null,
  outcome: "refused",
  code,
  reason,
});

export async function importReturnFile(ctx: Ctx, batchId: string, file: File) {
  const batch = await batchInScope(ctx, batchId);
  const rows = await readReturnFile(ctx.config.DATA_DIR, file);
  if (rows.length === 0)
    throw new AppError("VALIDATION_FAILED", "回盘文件里没有数据行", { field: "file" });
  const programme = await repo.findProgrammeById(ctx.db, batch.programmeId);
  const by = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await batchRepo.findBatch(tx, batch.id, { lock: true });
    const items = new Map((await batchRepo.allItems(tx, batch.id)).map((i) => [i.id, i]));
    const seen = new Map<string, number>();
    const results: RowResult[] = [];
    const paid: batchRepo.BankAnswer[] = [];
    const failed: batchRepo.BankAnswer[] = [];
    for (const r of rows) {
      const item = items.get(r.itemId.toLowerCase());
      if (!item) {
        results.push(refuse(r, "UNKNOWN_ROW", `业务编号「${r.itemId}」不在本批次中`));
        continue;
      }
      const first = seen.get(item.id);
      if (first !== undefined) {
        results.push(refuse(r, "DUPLICATE_ROW", `与第 ${first} 行是同一笔，重复的行不处理`));
        continue;
      }
      seen.set(item.id, r.rowNumber);
      const fen = r.amount === "" ? item.amountFen : yuanToFen(r.amount);
      if (fen !== item.amountFen) {
        results.push(
          refuse(
            r,
            "MISMATCH_AMOUNT",
            `金额不符：文件为 ${r.amount} 元，本批次为 ${fenToYuan(item.amountFen)} 元`,
          ),
        );
        continue;
      }
      if (r.name && r.name !== item.name) {
        results.push(
          refuse(r, "MISMATCH_NAME", `姓名不符：文件为「${r.name}」，本批次为「${item.name}」`),
        );
        continue;
      }
      if (r.idNumber && r.idNumber.toUpperCase() !== ctx.pii.decrypt(item.idNumberEnc)) {
        results.push(refuse(r, "MISMATCH_ID_NUMBER", "身份证号与本批次记录不符"));
        continue;
      }
      if (
        r.account &&
        r.account.replace(/\s/g, "") !== (item.accountEnc ? ctx.pii.decrypt(item.accountEnc) : "")
      ) {
        results.push(refuse(r, "MISMATCH_ACCOUNT", "账号与本批次记录不符"));
        continue;
      }
      const word = r.result.toLowerCase();
      const isPaid = PAID_WORDS.includes(word);
      if (!isPaid && !FAILED_WORDS.includes(word)) {
        results.push(
          refuse(r, "RESULT_UNKNOWN", `结果「${r.result}」无法识别，应为「成功」或「失败」`),
        );
        continue;
      }
      if (item.result !== "pending") {
        results.push(
          refuse(
            r,
            "ALREADY_RECORDED",
            `该笔已登记为${item.result === "paid" ? "已发放" : "发放失败"}，不重复处理`,
          ),
        );
        continue;
      }
      if (!isPaid && !r.reason) {
        results.push(refuse(r, "FAILURE_REASON_MISSING", "发放失败的行须写明失败原因"));
        continue;
      }
      const answer = {
        itemId: item.id,
        claimId: item.claimId,
        reference: r.reference || null,
        reason: isPaid ? null : r.reason,
      };
      (isPaid ? paid : failed).push(answer);
      results.push({
        rowNumber: r.rowNumber,
        itemId: item.id,
        outcome: isPaid ? "paid" : "failed",
        code: null,
        reason: isPaid ? "" : r.reason,
      });
    }
    const now = ctx.now();
    const set = { at: now, actorUserId: by.id, actorRole: by.role };
    const donePaid = await batchRepo.recordAnswers(tx, paid, "paid", now);
    const doneFailed = await batchRepo.recordAnswers(tx, failed, "payment_failed", now);
    const applied = new Set([...donePaid, ...doneFailed].map((a) => a.itemId));
    for (const res of results)
      if (res.outcome !== "refused" && !applied.has(res.itemId!))
        Object.assign(res, {
          outcome: "refused",
          code: "ALREADY_RECORDED",
          reason: "该笔已处理，不重复处理",
        });
    await batchRepo.insertEventsBulk(
      tx,
      donePaid.map((a) => ({
        claimId: a.claimId,
        reason: a.reference ? `银行流水号 ${a.reference}` : null,
      })),
      "approved",
      "paid",
      set,
    );
    await batchRepo.insertEventsBulk(
      tx,
      doneFailed.map((a) => ({ claimId: a.claimId, reason: a.reason })),
      "approved",
      "payment_failed",
      set,
    );
    await notifyClaims(
      tx,
      [...donePaid, ...doneFailed].map((a) => {
        const item = items.get(a.itemId)!;
        const ok = a.reason === null;
        return {
          claimId: a.claimId,
          key: `${ok ? "paid" : "payment_failed"}-${a.itemId}`,
          programmeName: programme?.name ?? "补贴",
          labourerId: item.labourerId,
          labourerName: item.name,
          cadreUserId: item.cadreUserId,
          status: ok ? ("paid" as const) : ("payment_failed" as const),
          detail: ok ? `金额 ${fenToYuan(item.amountFen)} 元` : `原因：${a.reason}`,
          at: now,
          cadre: !ok,
        };
      }),
    );
    const status = await batchRepo.refreshBatch(tx, batch.id, now);
    const count = (o: RowOutcome) => results.filter((x) => x.outcome === o).length;
    return {
      batchId: batch.id,
      batchStatus: status ?? batch.status,
      counts: { paid: count("paid"), failed: count("failed"), refused: count("refused") },
      rows: results,
    };
  });
}
