import { sql } from "drizzle-orm";
import { type AsOf, scoped, ts } from "./figure-sql";
import type { Figure } from "./figures";
import { KEY_LABELS } from "./labels";

/**
 * Figures owned by other modules, read with monitoring's own SQL (stats reads their tables; they
 * never import stats). The live summary, the exports and the weekly snapshots pick them up with
 * no other change (docs/MONITORING.md).
 *
 * The transport subsidy (一次性往返交通补贴, docs/SUBSIDY.md): claims of the programme
 * `transport_subsidy` of the **policy year of `day`** (the employment's start year, as the claim
 * stores it), placed at the claimant's home village (`subsidy_claims.village_code`, the county's
 * scope for review), recorded before `asOf`, each in the **state it had at `asOf`**: the last
 * `subsidy_claim_events` row before `asOf` (every move appends one), so a past week's snapshot
 * keeps the states that week had.
 */
const claimsAt = (p: AsOf) => sql`select c.village_code as rc, s.to_status::text as k, c.amount_fen
  from subsidy_claims c
  join subsidy_programmes pr on pr.id = c.programme_id and pr.code = 'transport_subsidy'
  cross join lateral (select ev.to_status from subsidy_claim_events ev
                      where ev.claim_id = c.id and ev.at < ${ts(p)}
                      order by ev.id desc limit 1) s
  where ${scoped(sql`c.village_code`, p)} and c.created_at < ${ts(p)}
    and c.policy_year = extract(year from ${p.day}::date)::int`;

export const EXTENSION_FIGURES: Figure[] = [
  {
    id: "subsidy.claims",
    label: "交通补贴申领笔数（本政策年度，按状态）",
    keys: KEY_LABELS.claimStatus,
    source: (p) => sql`select s.rc, s.k, 1::bigint as v from (${claimsAt(p)}) s`,
  },
  {
    // The amount the automatic check set (min(tickets, cap)), once set: checked and after.
    id: "subsidy.amount_fen",
    label: "交通补贴核定金额（分，本政策年度，按状态）",
    keys: KEY_LABELS.claimAmountStatus,
    source: (p) => sql`select s.rc, s.k, s.amount_fen::bigint as v from (${claimsAt(p)}) s
      where s.k in ('checked', 'approved', 'paid', 'payment_failed') and s.amount_fen is not null`,
  },
];
