import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { createSearch } from "../../../src/search/client";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob, waitIndexed } from "./factory";

/**
 * Meilisearch that answers everything but searches: a proxy in front of the real one holds every
 * search and multi-search for 5 s. The search endpoint must give up on it after its 1.5 s
 * deadline and answer from Postgres, then skip it for a while instead of waiting again.
 */
let h: Harness;
let proxy: http.Server;
let held = 0;
let slowApp: ReturnType<typeof createApp>;
const TAG = `慢速${Math.random().toString(36).slice(2, 8)}`;
let jobId = "";

beforeAll(async () => {
  h = await createHarness({ sync: true });
  const as = await asEmployer(
    h,
    (await makeEmployer(h, { type: "workshop", regionCode: "450332" })).id,
  );
  jobId = (
    await makeJob(
      h,
      as,
      jobBody("workshop", { title: `竹编车间编织工 ${TAG}`, lat: 24.85, lng: 110.83 }),
    )
  ).id;
  await waitIndexed(h, jobId);

  const upstream = new URL(h.config.services.meiliUrl);
  proxy = http.createServer((req, res) => {
    const forward = () => {
      const out = http.request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      req.pipe(out);
    };
    if (req.method === "POST" && /\/(search|multi-search)$/.test(req.url ?? "")) {
      held++;
      const timer = setTimeout(forward, 5000);
      res.on("close", () => clearTimeout(timer));
    } else {
      forward();
    }
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const { port } = proxy.address() as { port: number };
  slowApp = createApp({
    ...h.deps,
    search: createSearch(
      `http://127.0.0.1:${port}`,
      h.config.services.meiliKey,
      h.config.SEARCH_INDEX_PREFIX,
    ),
  });
}, 60_000);
afterAll(async () => {
  if (proxy) {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  }
  await h?.close();
});

describe("with Meilisearch too slow to answer searches", () => {
  it("answers from Postgres once the deadline passes, then skips Meilisearch while the breaker is open", async () => {
    for (const path of [
      `q=${encodeURIComponent(TAG)}`,
      `q=${encodeURIComponent(TAG)}&near=24.85,110.83&radiusKm=5&sort=distance`,
    ]) {
      const res = await json<{ items: { id: string }[]; degraded: boolean }>(
        await slowApp.request(`/api/v1/jobs/search?${path}`),
      );
      expect(res.status).toBe(200);
      expect(res.body.degraded).toBe(true);
      expect(res.body.items.map((i) => i.id)).toEqual([jobId]);
    }
    // The first search waited for Meilisearch and gave up; the second did not ask it at all.
    expect(held).toBe(1);
    // The same index through the real Meilisearch answers normally.
    const direct = await json<{ degraded: boolean; items: { id: string }[] }>(
      await h.api.get(`/api/v1/jobs/search?q=${encodeURIComponent(TAG)}`),
    );
    expect(direct.body).toMatchObject({ degraded: false, items: [{ id: jobId }] });
  });
});
