import type { Ctx } from "../../lib/ctx";
import { indexLagging, searchBreaker } from "../../search/jobs-health";
import { ensureJobsIndex } from "../../search/jobs-index";
import { postingDensity } from "../../search/posting-density";
import { distanceTeller, homeVillageOf } from "./distance-origin";
import { localTiersOf, wantsLocalFirst } from "./search-local";
import { searchMeili } from "./search-meili";
import { searchPostgres } from "./search-postgres";
import type { SearchInput, SearchPage } from "./search-query";

/** Longer than any healthy Meilisearch answer by far; past it Postgres answers instead. */
const MEILI_TIMEOUT_MS = 1500;

/**
 * Public job search. Meilisearch answers unless it is down (or failed in the last few seconds)
 * or the index lags Postgres; then Postgres answers the same query, slower, with `degraded`.
 * A signed-in labourer's default search starts local (search-local.ts); every hit carries its
 * distance in words at the precision known (distance-text.ts).
 */
export async function searchJobs(
  ctx: Ctx,
  raw: SearchInput,
): Promise<SearchPage & { degraded: boolean }> {
  const home = await homeVillageOf(ctx);
  const input = home && wantsLocalFirst(raw) ? { ...raw, localTiers: localTiersOf(home) } : raw;
  const page = await searchEither(ctx, input);
  const tell = await distanceTeller(ctx, home, input.near);
  if (tell) for (const h of page.hits) h.distanceText = tell(h);
  return page;
}

async function searchEither(
  ctx: Ctx,
  input: SearchInput,
): Promise<SearchPage & { degraded: boolean }> {
  const now = ctx.now();
  if (!searchBreaker.isOpen(ctx.search) && !(await indexLagging(ctx.db))) {
    try {
      await ensureJobsIndex(ctx.search);
      const density = input.near ? postingDensity(ctx.db) : null;
      const page = await searchMeili(ctx.search, input, now, {
        deadline: Date.now() + MEILI_TIMEOUT_MS,
        density,
      });
      return { ...page, degraded: false };
    } catch (err) {
      if (searchBreaker.trip(ctx.search))
        ctx.log.warn(
          { err },
          "job search: meilisearch failed, answering from postgres for a few seconds",
        );
    }
  }
  return { ...(await searchPostgres(ctx.db, input, now)), degraded: true };
}
