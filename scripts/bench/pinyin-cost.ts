/**
 * `DATABASE_NAME=gt_bench_search npx tsx scripts/bench/pinyin-cost.ts [-- --rows 50000]`
 *
 * What the `pinyin` field costs (docs/SEARCH.md, "Pinyin"): the searchable postings of the search
 * benchmark's database (scripts/bench/search-seed.ts) built into documents with and without it,
 * and indexed into two fresh indexes with the jobs settings (the second without `pinyin` among
 * the searchable attributes): CPU to build, JSON bytes, Meilisearch indexing time (the tasks'
 * own durations) and the index's document store size. The indexes are deleted afterwards.
 */
import { parseArgs } from "node:util";
import { closeDeps, createDeps } from "../../src/deps";
import { loadSearchableRows, toJobDocument } from "../../src/search/jobs-documents";
import {
  applyJobsIndexSettings,
  type JobDocument,
  SEARCHABLE_ATTRIBUTES,
} from "../../src/search/jobs-index";
import { boot } from "../lib/boot";

const { values } = parseArgs({ options: { rows: { type: "string", default: "50000" } } });
const rows = Number(values.rows);
const booted = await boot({ ...process.env, SEARCH_INDEX_PREFIX: "pinyin_cost_" });
const deps = createDeps(booted.config, booted.log);
const client = deps.search.client;

const loaded = [];
let after: string | null = null;
while (loaded.length < rows) {
  const page = await loadSearchableRows(deps.db, new Date(), after, 10_000);
  if (page.length === 0) break;
  loaded.push(...page);
  after = page[page.length - 1]!.id;
}
const src = loaded.slice(0, rows);

function build(withPinyin: boolean): { docs: Partial<JobDocument>[]; ms: number } {
  const t = performance.now();
  const docs = src.map((r) => {
    const d: Partial<JobDocument> = toJobDocument(r);
    if (!withPinyin) delete d.pinyin;
    return d;
  });
  return { docs, ms: performance.now() - t };
}

async function measure(withPinyin: boolean) {
  const uid = `pinyin_cost_${withPinyin ? "on" : "off"}`;
  await client
    .deleteIndex(uid)
    .waitTask({ timeout: 600_000 })
    .catch(() => {});
  await applyJobsIndexSettings(deps.search, uid);
  if (!withPinyin)
    await client
      .index(uid)
      .updateSettings({ searchableAttributes: SEARCHABLE_ATTRIBUTES })
      .waitTask({ timeout: 600_000 });
  const { docs, ms } = build(withPinyin);
  const bytes = Buffer.byteLength(JSON.stringify(docs));
  let indexMs = 0;
  for (let i = 0; i < docs.length; i += 10_000) {
    const task = await client
      .index(uid)
      .addDocuments(docs.slice(i, i + 10_000), { primaryKey: "id" })
      .waitTask({ timeout: 3_600_000, interval: 200 });
    if (task.status !== "succeeded") throw new Error(JSON.stringify(task.error));
    // ISO 8601 duration "PT1.234S"
    indexMs += Number(/PT(?:(\d+)M)?([\d.]+)S/.exec(task.duration ?? "")?.[2] ?? 0) * 1000;
    indexMs += Number(/PT(\d+)M/.exec(task.duration ?? "")?.[1] ?? 0) * 60_000;
  }
  const stats = (await client.index(uid).getStats()) as unknown as Record<string, number>;
  await client.deleteIndex(uid).waitTask({ timeout: 600_000 });
  return {
    pinyin: withPinyin,
    docs: docs.length,
    buildMs: Math.round(ms),
    jsonMB: +(bytes / 1e6).toFixed(1),
    indexS: +(indexMs / 1000).toFixed(1),
    rawDocumentDbMB: +((stats.rawDocumentDbSize ?? 0) / 1e6).toFixed(1),
  };
}

const results = [];
for (const on of [false, true, false, true]) results.push(await measure(on));
console.table(results);
await closeDeps(deps);
await booted.services.stop();
