import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { labelsScript } from "../lib/enums";

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

function assetOf(name: string, body: Buffer): readonly [string, Asset] {
  const type = TYPES[path.extname(name)];
  if (!type) throw new Error(`no content type for ${name}`);
  const version = createHash("sha256").update(body).digest("hex").slice(0, 10);
  return [name, { body, gzip: gzipSync(body, { level: 9 }), type, version }] as const;
}

/**
 * The pages' scripts and styles (every .js and .css file in static/, so a new page script needs
 * no list here), read once at start-up and gzipped once: they are small, and the H5 page's users
 * are on slow mobile networks where a few kilobytes matter more than a read.
 */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ...readdirSync(STATIC_DIR)
    .filter((name) => TYPES[path.extname(name)] !== undefined)
    .sort()
    .map((name) => assetOf(name, readFileSync(path.join(STATIC_DIR, name)))),
  // Generated, not a file: the enum labels of src/lib/enums.ts (`window.GT_LABELS`).
  assetOf("labels.js", Buffer.from(labelsScript())),
  // WeChat's JS-SDK (npm weixin-js-sdk, MIT), served by us (CSP script-src 'self'). The npm build
  // only exports the SDK (module.exports, never window.wx), so the wrapper gives it a local
  // `module` and puts its export on window.wx / window.jWeixin as WeChat's own file does.
  assetOf(
    "jweixin.js",
    Buffer.from(
      `(function(module){${jweixinSource()}\nif(module.exports&&!window.wx)window.wx=window.jWeixin=module.exports;})({exports:{}});`,
    ),
  ),
]);

function jweixinSource(): string {
  const file = createRequire(import.meta.url).resolve("weixin-js-sdk/index.js");
  return readFileSync(file, "utf8");
}

/** The URL of an asset, versioned by content. */
export function assetUrl(name: string): string {
  const asset = ASSETS.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/web/${name}?v=${asset.version}`;
}
