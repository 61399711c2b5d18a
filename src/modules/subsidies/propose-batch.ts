import type { Tx } from "../../../db/client";
import type { Ctx } from "../../lib/ctx";
import * as bulk from "./bulk-repo";
import { eligibility } from "./judge";
import { notifyClaims } from "./notify";
import * as repo from "./repo";
import {
  claimValues,
  factsOf,
  type NewClaim,
  policyOf,
  proposedEvent,
  proposedNotice,
} from "./service";

/** What one employment's proposal came to, per auto-proposed programme. */
export interface ProposeResult {
  programme: string;
  claimId?: string;
  refused?: string[];
}

/**
 * 免申即享 for many confirmed employments at once (the subsidy worker's batch): per programme, the
 * same eligibility rules and policy version as a single proposal, then one INSERT … ON CONFLICT DO
 * NOTHING for all the eligible ones, their events and their notices — one transaction. The unique
 * indexes (one claim per programme and employment; once per labourer and year) decide what is
 * new: a repeated or retried employment inserts nothing, so it is told nothing twice. Answers one
 * list per input id, in order.
 */
export async function proposeBatch(ctx: Ctx, employmentIds: string[]): Promise<ProposeResult[][]> {
  const programmes = await repo.autoProposeProgrammes(ctx.db);
  const ids = [...new Set(employmentIds)].sort();
  const out = new Map<string, ProposeResult[]>(ids.map((id) => [id, []]));
  await ctx.db.transaction(async (tx) => {
    const facts = new Map((await bulk.employmentFactsMany(tx, ids)).map((f) => [f.e.id, f]));
    const policies = new Map<string, repo.SubsidyPolicy | undefined>();
    for (const programme of programmes) {
      const wanted: { n: NewClaim; policy: repo.SubsidyPolicy }[] = [];
      for (const id of ids) {
        const answer = (r: Omit<ProposeResult, "programme">) =>
          out.get(id)!.push({ programme: programme.code, ...r });
        const f = facts.get(id);
        if (!f) {
          answer({ refused: ["EMPLOYMENT_NOT_FOUND"] });
          continue;
        }
        const year = Number(f.e.startDate.slice(0, 4));
        const key = `${programme.id}:${year}`;
        if (!policies.has(key)) policies.set(key, await repo.policyFor(tx, programme.id, year));
        const policy = policies.get(key);
        if (!policy) {
          answer({ refused: ["SUBSIDY_POLICY_MISSING"] });
          continue;
        }
        const refused = eligibility(policyOf(policy, programme.ruleType), factsOf(ctx, f)).filter(
          (x) => x.outcome === "fail",
        );
        if (refused.length > 0) answer({ claimId: undefined, refused: refused.map((x) => x.code) });
        else wanted.push({ n: { programme, facts: f, origin: "proposed" }, policy });
      }
      const inserted = new Map(
        (await insertChunks(ctx, tx, wanted)).map((c) => [c.employmentId, c]),
      );
      const made = wanted.filter((w) => inserted.has(w.n.facts.e.id));
      await repo.insertEvents(
        tx,
        made.map((w) => proposedEvent(ctx, inserted.get(w.n.facts.e.id)!.id)),
      );
      await notifyClaims(
        tx,
        made.map((w) =>
          proposedNotice(ctx, programme, w.n.facts, w.policy, inserted.get(w.n.facts.e.id)!),
        ),
      );
      for (const w of wanted)
        out.get(w.n.facts.e.id)!.push({
          programme: programme.code,
          claimId: inserted.get(w.n.facts.e.id)?.id,
          refused: undefined,
        });
    }
  });
  return employmentIds.map((id) => out.get(id)!);
}

async function insertChunks(
  ctx: Ctx,
  tx: Tx,
  wanted: { n: NewClaim; policy: repo.SubsidyPolicy }[],
) {
  const out: repo.SubsidyClaim[] = [];
  for (let i = 0; i < wanted.length; i += 1000)
    out.push(
      ...(await bulk.insertClaims(
        tx,
        wanted.slice(i, i + 1000).map((w) => claimValues(ctx, w.n, w.policy)),
      )),
    );
  return out;
}

/** One employment's proposals (tests, and a single confirmation outside the worker). */
export async function proposeForEmployment(ctx: Ctx, employmentId: string) {
  return (await proposeBatch(ctx, [employmentId]))[0]!;
}
