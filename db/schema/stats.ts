import {
  bigint,
  date,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  varchar,
} from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/**
 * Monitoring snapshots (docs/MONITORING.md): one row per region × week × figure × key, written by
 * the weekly snapshot job from the same query definitions the live figures use
 * (src/modules/stats/figures.ts). `weekStart` is the Monday (China calendar) of the week; the
 * figures are counted as of the end of that week. Every level of the region hierarchy is stored
 * (province, city, county, township, village), so a trend is one index range read at any level.
 */
export const statsSnapshots = pgTable(
  "stats_snapshots",
  {
    regionCode: varchar({ length: 12 }).notNull(),
    weekStart: date({ mode: "string" }).notNull(),
    figure: varchar({ length: 64 }).notNull(),
    /** The breakdown value (a person type, an employment kind, an occupation); "" for none. */
    key: text().notNull().default(""),
    value: bigint({ mode: "number" }).notNull(),
    computedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.figure, t.weekStart, t.key] }),
    index("stats_snapshots_week_idx").on(t.weekStart),
  ],
);

/** One row per snapshot week: when it was (last) taken and the instant it counts as of. */
export const statsSnapshotRuns = pgTable("stats_snapshot_runs", {
  weekStart: date({ mode: "string" }).primaryKey(),
  asOf: tstz().notNull(),
  rows: bigint({ mode: "number" }).notNull(),
  startedAt: tstz().notNull(),
  finishedAt: tstz().notNull(),
});

export type StatsSnapshot = typeof statsSnapshots.$inferSelect;

/**
 * The current figures of every region at every level (docs/MONITORING.md, "Precomputed current
 * figures"): the same rows a snapshot writes, counted as of the last refresh (job
 * `refresh-current`, every 10 minutes), replaced as a whole. Province and city summaries read
 * them while they are fresh; a scan of a whole province per request would not meet 300 ms.
 */
export const statsCurrent = pgTable(
  "stats_current",
  {
    regionCode: varchar({ length: 12 }).notNull(),
    figure: varchar({ length: 64 }).notNull(),
    key: text().notNull().default(""),
    value: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.figure, t.key] })],
);

/** The one row saying as of when stats_current counts (id is always 1). */
export const statsCurrentRuns = pgTable("stats_current_runs", {
  id: smallint().primaryKey().default(1),
  asOf: tstz().notNull(),
  rows: bigint({ mode: "number" }).notNull(),
  startedAt: tstz().notNull(),
  finishedAt: tstz().notNull(),
});
