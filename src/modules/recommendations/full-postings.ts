import { jobFitsStep, type LadderStep, placeCodesOf } from "../matching/ladder";
import { isFull } from "../matching/rank";
import type { CandidateJob } from "../matching/types";

/** How long a worker process trusts that a posting is full before it lets Meilisearch return it again. */
export const FULL_TTL_MS = 5 * 60_000;
/** At most this many postings remembered (the oldest forgotten first). */
const MAX_ENTRIES = 100_000;
/** At most this many ids excluded in one rung query (the filter string grows with each). */
export const MAX_EXCLUDED = 1_000;

interface Entry {
  job: CandidateJob;
  until: number;
}

/**
 * Postings this worker process has seen full under the spread rule (pushed to ≥ multiple ×
 * headcount people this round window), so that rung queries leave them out (`NOT id IN […]`)
 * instead of returning them page after page. Without it, once the freshest postings near a
 * county's homes fill up, every later person's plan pages through them again (docs/MATCHING.md §8).
 *
 * Only an optimisation: the spread count read from Postgres for every candidate stays the rule.
 * A posting wrongly remembered as full (its headcount raised, its window moved on) is left out of
 * rung queries for at most `FULL_TTL_MS`; the ids are indexed by every place code of the posting
 * so a rung finds its own without scanning the rest.
 */
export class FullPostings {
  private readonly byId = new Map<string, Entry>();
  private readonly byPlace = new Map<string, Set<string>>();

  constructor(private readonly ttlMs = FULL_TTL_MS) {}

  get size(): number {
    return this.byId.size;
  }

  /** Remembers the candidates that are full; forgets any that no longer are. */
  note(jobs: CandidateJob[], spreadMultiple: number, nowMs: number): void {
    for (const job of jobs) {
      this.forget(job.id);
      if (!isFull(job, spreadMultiple)) continue;
      this.byId.set(job.id, { job, until: nowMs + this.ttlMs });
      for (const code of placeCodesOf(job)) {
        let ids = this.byPlace.get(code);
        if (!ids) this.byPlace.set(code, (ids = new Set()));
        ids.add(job.id);
      }
    }
    while (this.byId.size > MAX_ENTRIES) this.forget(this.byId.keys().next().value!);
  }

  /** Full postings that would otherwise be suitable at this rung, sorted, at most MAX_EXCLUDED. */
  suitableFull(step: LadderStep, nowMs: number): string[] {
    const out = new Set<string>();
    for (const scope of step.scopes) {
      for (const code of scope.regionCodes) {
        for (const id of this.byPlace.get(code) ?? []) {
          const e = this.byId.get(id)!;
          if (e.until <= nowMs) this.forget(id);
          else if (jobFitsStep(step, e.job)) out.add(id);
        }
      }
    }
    return [...out].sort().slice(0, MAX_EXCLUDED);
  }

  private forget(id: string): void {
    const e = this.byId.get(id);
    if (!e) return;
    this.byId.delete(id);
    for (const code of placeCodesOf(e.job)) {
      const ids = this.byPlace.get(code);
      ids?.delete(id);
      if (ids?.size === 0) this.byPlace.delete(code);
    }
  }
}
