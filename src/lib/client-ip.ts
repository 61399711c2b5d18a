import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { AppEnv } from "./http";

/**
 * The peer address of the connection — never a forwarded-for header, which any client can write
 * (the per-address sign-in and code limits key on it, docs/SECURITY.md). app.request() in tests
 * has no socket, so it falls back to a constant.
 */
export function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local";
  }
}
