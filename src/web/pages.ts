import { type Context, Hono } from "hono";
import type { AppEnv } from "../lib/http";
import { ASSETS } from "./assets";
import { h5Page } from "./h5";
import { bureauPage, employerPage } from "./portals";
import { PAGE_HEADERS } from "./shell";

const page = (body: string) => (c: Context<AppEnv>) => c.body(body, 200, PAGE_HEADERS);

/**
 * The three pages: /h5/ for job seekers, /portal/employer/ and /portal/bureau/ for staff. Each is
 * a static HTML shell plus one small script that calls the JSON API with the session token (the
 * H5 page in localStorage with its expiry, the portals in sessionStorage); nothing is loaded from
 * outside this process.
 */
export const pagesRouter = new Hono<AppEnv>()
  .get("/h5", (c) => c.redirect("/h5/", 301))
  .get("/h5/", page(h5Page))
  .get("/portal/employer", (c) => c.redirect("/portal/employer/", 301))
  .get("/portal/employer/", page(employerPage))
  .get("/portal/bureau", (c) => c.redirect("/portal/bureau/", 301))
  .get("/portal/bureau/", page(bureauPage))
  .get("/web/:file", (c) => {
    const asset = ASSETS.get(c.req.param("file"));
    if (!asset) return c.notFound();
    // Links carry ?v=<content hash>: a matching version never changes, so it may be cached for good.
    const cache =
      c.req.query("v") === asset.version ? "public, max-age=31536000, immutable" : "no-cache";
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    return c.body(new Uint8Array(gzip ? asset.gzip : asset.body), 200, {
      "content-type": asset.type,
      "cache-control": cache,
      "x-content-type-options": "nosniff",
      vary: "Accept-Encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
  });
