import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "static");

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  /** First 10 hex digits of the content's SHA-256: the `?v=` of every link, so caches never serve a stale file. */
  version: string;
}

/**
 * The pages' scripts and styles, read once at start-up and gzipped once: they are small, and the
 * H5 page's users are on slow mobile networks where a few kilobytes matter more than a read.
 */
export const ASSETS: ReadonlyMap<string, Asset> = new Map(
  [
    "api.js",
    "h5.js",
    "h5.css",
    "portal.js",
    "portal.css",
    "employer.js",
    "bureau.js",
    "bureau-monitoring.js",
  ].map((name) => {
    const body = readFileSync(path.join(STATIC_DIR, name));
    const type = TYPES[path.extname(name)];
    if (!type) throw new Error(`no content type for ${name}`);
    const version = createHash("sha256").update(body).digest("hex").slice(0, 10);
    return [name, { body, gzip: gzipSync(body, { level: 9 }), type, version }] as const;
  }),
);

/** The URL of an asset, versioned by content. */
export function assetUrl(name: string): string {
  const asset = ASSETS.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/web/${name}?v=${asset.version}`;
}
