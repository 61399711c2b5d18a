/**
 * `npx tsx scripts/bench/h5-first-load.ts [-- --budget 150]`
 *
 * What the H5 page's first view costs a job seeker on a slow mobile network: every response the
 * browser receives for it, counted as transferred (the body as served — gzip where the server
 * compresses — plus response headers), in Debian's Chromium (/usr/bin/chromium, playwright-core)
 * at phone size with an empty cache. Two first views:
 *   signed out   /h5/ until the sign-in form shows;
 *   signed in    /h5/ with a session in localStorage (as after a WeChat/SMS link) until 我的推荐
 *                has answered (GET /api/v1/me, /api/v1/labourers/me/recommendations …).
 * The issue 16 budget is 150 KB. Database `gangtong_bench_h5` unless DATABASE_NAME says otherwise.
 */
import { randomInt, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { chromium } from "playwright-core";
import { users } from "../../db/schema/users";
import { closeDeps, createDeps } from "../../src/deps";
import { issueSession } from "../../src/lib/auth";
import { systemCtx } from "../../src/lib/ctx";
import { createLabourer } from "../../src/modules/labourers/service";
import { startServer } from "../../src/server";
import { boot } from "../lib/boot";
import { formatMachine, machineInfo, writeResults } from "./runner";

const { values } = parseArgs({ options: { budget: { type: "string", default: "150" } } });
const BUDGET_KB = Number(values.budget);

interface Load {
  view: string;
  requests: number;
  bytes: number;
  byType: Record<string, number>;
  external: string[];
}

async function main() {
  const booted = await boot({
    ...process.env,
    DATABASE_NAME: process.env.DATABASE_NAME ?? "gangtong_bench_h5",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  const deps = createDeps(booted.config, booted.log);
  const server = await startServer(deps, 0, "127.0.0.1");
  const [admin] = await deps.db
    .insert(users)
    .values({ role: "admin", displayName: "bench", username: `bench_${randomUUID().slice(0, 8)}` })
    .returning();
  const adminCtx = {
    ...systemCtx(deps, "bench"),
    actor: {
      kind: "user" as const,
      userId: admin!.id,
      role: "admin" as const,
      regionCode: null,
      employerId: null,
      labourerId: null,
    },
  };
  const digits = () => String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
  const person = await createLabourer(adminCtx, {
    name: "莫秀英",
    idNumber: validId(`45033219900315${String(randomInt(0, 1000)).padStart(3, "0")}`),
    phone: `139${digits()}`,
    personType: "tuopin",
    labourCapacity: "full",
    villageCode: "450332102201",
    workIntention: "local",
    employmentStatus: "unemployed",
    contactConsent: true,
  });
  const [account] = await deps.db.select().from(users).where(eq(users.labourerId, person.l.id));
  const { token, expiresIn } = await issueSession(deps, {
    id: account!.id,
    role: "labourer",
    regionCode: null,
    employerId: null,
    labourerId: person.l.id,
    tokenVersion: account!.tokenVersion,
  });

  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const origin = new URL(server.url).origin;
  async function measure(view: string, session: boolean, ready: string): Promise<Load> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      locale: "zh-CN",
    });
    if (session)
      await context.addInitScript(
        `localStorage.setItem("gt.h5.session", ${JSON.stringify(
          JSON.stringify({ token, expiresAt: Date.now() + expiresIn * 1000 }),
        )})`,
      );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const load: Load = { view, requests: 0, bytes: 0, byType: {}, external: [] };
    const types = new Map<string, string>();
    cdp.on("Network.responseReceived", (e) => {
      types.set(e.requestId, e.type);
      if (!e.response.url.startsWith(origin) && !e.response.url.startsWith("data:"))
        load.external.push(e.response.url);
    });
    cdp.on("Network.loadingFinished", (e) => {
      const type = types.get(e.requestId) ?? "Other";
      load.requests++;
      load.bytes += e.encodedDataLength;
      load.byType[type] = (load.byType[type] ?? 0) + e.encodedDataLength;
    });
    await page.goto("/h5/", { waitUntil: "load" });
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState("networkidle");
    await context.close();
    return load;
  }
  const loads = [
    await measure("signed out", false, "#phone-form"),
    await measure("signed in", true, "#recs-status:not(:empty), #recs-list > *"),
  ];
  await browser.close();
  await server.close(1_000);
  await closeDeps(deps);
  await booted.services.stop();

  const kb = (b: number) => (b / 1024).toFixed(1);
  const rows = loads.map(
    (l) =>
      `| ${l.view} | ${l.requests} | ${kb(l.bytes)} KB | ${Object.entries(l.byType)
        .map(([t, b]) => `${t} ${kb(b)}`)
        .join(
          ", ",
        )} | ${l.external.length} | ${l.bytes / 1024 <= BUDGET_KB ? "within" : "OVER"} ${BUDGET_KB} KB |`,
  );
  const md = [
    `H5 first load — ${formatMachine(machineInfo())}`,
    "",
    "| first view | responses | transferred | by type (KB) | off-origin | budget |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
  writeResults("h5-first-load", md, { budgetKB: BUDGET_KB, machine: machineInfo(), loads });
  if (loads.some((l) => l.bytes / 1024 > BUDGET_KB)) process.exitCode = 1;
}

/** A valid 18-digit ID number from its first 17 digits (checksum computed). */
function validId(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + "10X98765432"[sum % 11];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
