import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type BoundingBox, boundingBox, type LatLng } from "../lib/geo";
import type { Channel } from "../modules/jobs/rules";
import { JOB_CHANNELS } from "../modules/jobs/schemas";

/**
 * Where the searchable postings are: counts per grid cell and channel, read from Postgres at
 * most once a minute per process, so that nearest-first search can size the box it fetches
 * from Meilisearch without asking Meilisearch to count first (docs/SEARCH.md, "Nearest first").
 * The map only steers: the search checks its own fetch and grows or shrinks the box, so a
 * stale or empty map costs a round trip, never a wrong answer.
 */

/** Grid cell edge in degrees (≈ 2.2 km north–south). */
export const CELL_DEG = 0.02;
/**
 * Above this many cells the cells are made coarser, so the tables stay under 8 MB a process
 * (4 channels × 4 bytes a cell); Guangxi and Guangdong at 0.02° are ≈ 115,000 cells (1.8 MB),
 * all China would be ≈ 16 million.
 */
const MAX_CELLS = 500_000;
/** For uniform density the circle holds the inscribed square plus this share of the rest of its box: (π − 2) / 2. */
const RIM_SHARE = (Math.PI - 2) / 2;

export type DensityCell = {
  channel: string;
  /** floor(lat / CELL_DEG), floor(lng / CELL_DEG). */
  y: number;
  x: number;
  n: number;
};

export class PostingDensity {
  readonly total: number;
  private readonly cell: number;
  private readonly y0: number;
  private readonly x0: number;
  private readonly h: number;
  private readonly w: number;
  /** Summed-area tables (exact integer counts), one per channel in JOB_CHANNELS order; (h + 1) × (w + 1). */
  private readonly layers: Uint32Array[];

  constructor(
    cells: readonly DensityCell[],
    readonly builtAt: number,
  ) {
    let y0 = Infinity,
      y1 = -Infinity,
      x0 = Infinity,
      x1 = -Infinity,
      total = 0;
    for (const c of cells) {
      y0 = Math.min(y0, c.y);
      y1 = Math.max(y1, c.y);
      x0 = Math.min(x0, c.x);
      x1 = Math.max(x1, c.x);
      total += c.n;
    }
    this.total = total;
    if (cells.length === 0) {
      y0 = y1 = x0 = x1 = 0;
    }
    const k = Math.max(1, Math.ceil(Math.sqrt(((y1 - y0 + 1) * (x1 - x0 + 1)) / MAX_CELLS)));
    this.cell = CELL_DEG * k;
    this.y0 = Math.floor(y0 / k);
    this.x0 = Math.floor(x0 / k);
    this.h = Math.floor(y1 / k) - this.y0 + 1;
    this.w = Math.floor(x1 / k) - this.x0 + 1;
    const stride = this.w + 1;
    this.layers = JOB_CHANNELS.map(() => new Uint32Array((this.h + 1) * stride));
    for (const c of cells) {
      const layer = this.layers[JOB_CHANNELS.indexOf(c.channel as Channel)];
      const at = (Math.floor(c.y / k) - this.y0 + 1) * stride + (Math.floor(c.x / k) - this.x0 + 1);
      if (layer) layer[at] = layer[at]! + c.n;
    }
    for (const s of this.layers) {
      for (let i = 1; i <= this.h; i++) {
        for (let j = 1; j <= this.w; j++) {
          const p = i * stride + j;
          s[p] = s[p]! + s[p - stride]! + s[p - 1]! - s[p - stride - 1]!;
        }
      }
    }
  }

  /** Postings of these channels (none: all) expected in the box, spread evenly within each cell. */
  boxCount(box: BoundingBox, channels: readonly Channel[] = []): number {
    const u1 = box.minLat / this.cell - this.y0,
      u2 = box.maxLat / this.cell - this.y0;
    const v1 = box.minLng / this.cell - this.x0,
      v2 = box.maxLng / this.cell - this.x0;
    let n = 0;
    for (const s of this.tables(channels))
      n += this.cum(s, u2, v2) - this.cum(s, u1, v2) - this.cum(s, u2, v1) + this.cum(s, u1, v1);
    return Math.max(0, n);
  }

  /** Postings expected within `radiusKm`: the inscribed square's, plus the circle's share of the rest of the bounding box. */
  circleCount(center: LatLng, radiusKm: number, channels: readonly Channel[] = []): number {
    const box = this.boxCount(boundingBox(center, radiusKm), channels);
    const inner = this.boxCount(boundingBox(center, radiusKm / Math.SQRT2), channels);
    return inner + RIM_SHARE * Math.max(0, box - inner);
  }

  /** The smallest radius (≤ maxKm) whose circle is expected to hold `target` postings; maxKm when even that one is not. */
  radiusFor(
    center: LatLng,
    target: number,
    maxKm: number,
    channels: readonly Channel[] = [],
  ): number {
    if (this.circleCount(center, maxKm, channels) <= target) return maxKm;
    let lo = maxKm / 1000,
      hi = maxKm;
    // Bisection on a log scale: 24 steps leave the radius within 0.03 % of the answer.
    for (let i = 0; i < 24; i++) {
      const mid = Math.sqrt(lo * hi);
      if (this.circleCount(center, mid, channels) < target) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** No channel named: all of them. */
  private tables(channels: readonly Channel[]): Uint32Array[] {
    if (channels.length === 0) return this.layers;
    return [...new Set(channels)].map((c) => this.layers[JOB_CHANNELS.indexOf(c)]!);
  }

  /** The summed-area table read as a continuous function of (row, column): bilinear, exact for even spread within a cell. */
  private cum(s: Uint32Array, u: number, v: number): number {
    if (this.total === 0) return 0;
    u = Math.min(this.h, Math.max(0, u));
    v = Math.min(this.w, Math.max(0, v));
    const i = Math.min(this.h - 1, Math.floor(u)),
      j = Math.min(this.w - 1, Math.floor(v));
    const a = u - i,
      b = v - j,
      stride = this.w + 1;
    const p = i * stride + j;
    return (
      (1 - a) * ((1 - b) * s[p]! + b * s[p + 1]!) +
      a * ((1 - b) * s[p + stride]! + b * s[p + stride + 1]!)
    );
  }
}

/**
 * Searchable postings (open, before their deadline, employer verified) with a position, counted
 * per cell and channel. Served by an index-only scan of jobs_open_latlng_idx, which carries the
 * columns it needs: ≈ 0.2 s at 410k open postings (1.1 s as a table scan).
 */
export async function readDensityCells(db: Db): Promise<DensityCell[]> {
  return db.execute<DensityCell>(sql`
    select j.channel, floor(j.lat / ${CELL_DEG})::int as y, floor(j.lng / ${CELL_DEG})::int as x, count(*)::int as n
    from jobs j join employers e on e.id = j.employer_id
    where j.status = 'open' and j.lat is not null and j.lng is not null and j.expires_at > now() and e.verification_status = 'verified'
    group by 1, 2, 3`);
}

/** How old a map may get before the next search reads a new one (in the background). */
export const DENSITY_MAX_AGE_MS = 60_000;

interface Slot {
  map: PostingDensity | null;
  /** After a failed read, the next one waits until then. */
  retryAt: number;
  pending?: Promise<void>;
}

const slots = new WeakMap<Db, Slot>();

/**
 * The current map for this database, or null before the first one is read. Never waits: a
 * missing or stale map starts one read in the background (after a failed read, the next waits
 * DENSITY_MAX_AGE_MS), and the caller sizes its box the slower way meanwhile.
 */
export function postingDensity(db: Db, nowMs = Date.now()): PostingDensity | null {
  let slot = slots.get(db);
  if (!slot) slots.set(db, (slot = { map: null, retryAt: 0 }));
  const stale = !slot.map || nowMs - slot.map.builtAt >= DENSITY_MAX_AGE_MS;
  if (stale && !slot.pending && nowMs >= slot.retryAt) {
    const s = slot;
    s.pending = readDensityCells(db)
      .then((cells) => {
        s.map = new PostingDensity(cells, Date.now());
      })
      .catch(() => {
        s.retryAt = Date.now() + DENSITY_MAX_AGE_MS;
      })
      .finally(() => {
        s.pending = undefined;
      });
  }
  return slot.map;
}

/** Reads a new map now and waits for it (tests, benchmarks, and right after a reindex). */
export async function refreshPostingDensity(db: Db): Promise<PostingDensity> {
  const map = new PostingDensity(await readDensityCells(db), Date.now());
  const slot = slots.get(db);
  if (slot) slot.map = map;
  else slots.set(db, { map, retryAt: 0 });
  return map;
}
