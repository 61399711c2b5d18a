import type { Figure } from "./figures";

/**
 * EXTENSION POINT for figures owned by other modules. The transport subsidy (一次性往返交通补贴)
 * is built on its own branch: when its claims table lands, add here
 *   - `subsidy.claims`     交通补贴申领笔数（按状态）: one row per claim, k = claim state, v = 1;
 *   - `subsidy.amount_fen` 交通补贴金额（分，按状态）: k = claim state, v = amount in fen;
 * each counting only claims recorded before `asOf`, placed at the claimant's home village
 * (see figure-sql.ts). The live summary, the exports and the weekly snapshots pick them up with
 * no other change. Nothing is shown for the subsidy until then: no figure is better than a made-up one.
 */
export const EXTENSION_FIGURES: Figure[] = [];
