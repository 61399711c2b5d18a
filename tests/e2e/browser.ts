import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { createApp } from "../../src/app";
import { hashPassword } from "../../src/lib/crypto";
import type { Role } from "../../src/lib/ctx";
import { type RunningServer, startServer } from "../../src/server";
import { createHarness, type Harness, type HarnessOptions } from "../support/harness";

/** Debian's Chromium: browser tests never download a browser. `.ci/run` installs it where missing. */
export const CHROMIUM = "/usr/bin/chromium";

/** The job seekers' phones: small and cheap. */
export const PHONE_VIEWPORT = { width: 360, height: 740 };

/** The county officers' and employers' screens: the portals' browser tests open pages at this size. */
export const DESKTOP = { viewport: { width: 1280, height: 860 }, isMobile: false, hasTouch: false };

/** portal.css's minimums (issue 16): 18 px text and 56 px tap targets, as on the H5 page. */
export const MIN_TEXT_PX = 18;
export const MIN_TARGET_PX = 56;

/** Set GANGTONG_SCREENSHOTS=1 to (re)write the PNGs in docs/screenshots/ while the tests run. */
const SCREENSHOTS = process.env.GANGTONG_SCREENSHOTS === "1";
const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../docs/screenshots");

export interface E2e {
  h: Harness;
  server: RunningServer;
  browser: Browser;
  /** A fresh browser context (its own storage) at phone size, with a page on it. */
  phone(
    opts?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** The harness's app on a real port, and a headless Chromium to drive it. */
export async function startE2e(
  opts: HarnessOptions = {},
  where: { port?: number } = {},
): Promise<E2e> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the browser tests`,
    );
  }
  const h = await createHarness(opts);
  const server = await startServer(h.deps, where.port ?? 0, "127.0.0.1", createApp(h.deps));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const contexts: BrowserContext[] = [];
  return {
    h,
    server,
    browser,
    async phone(extra = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: PHONE_VIEWPORT,
        deviceScaleFactor: SCREENSHOTS ? 2 : 1,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        isMobile: true,
        hasTouch: true,
        ...extra,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(8_000);
      // Script errors and failed loads of our own assets fail the test; API 4xx answers are expected.
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("response", (r) => {
        if (r.status() >= 400 && !r.url().includes("/api/"))
          errors.push(`${r.status()} ${r.url()}`);
      });
      return { context, page, errors };
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      await browser.close().catch(() => {});
      await server.close(1_000);
      await h.close();
    },
  };
}

/** A port free on loopback now (for a test whose config must name the app's own address). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** expect.poll with room for a loaded machine (its default gives up after 1 s). */
export const poll = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 8_000, interval: 50 });

/** A staff or employer account that signs in with a password, as people do on the portals. */
export async function passwordUser(
  h: Harness,
  role: Role,
  fields: { regionCode?: string; employerId?: string; displayName?: string } = {},
) {
  const username = `${role}_${Math.random().toString(36).slice(2, 10)}`;
  const password = "Correct-Horse-9";
  await h.as.user(role, { ...fields, username, passwordHash: await hashPassword(password) });
  return { username, password };
}

export async function screenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: opts.fullPage ?? false,
  });
}

/**
 * What a person at 360px would suffer from: sideways scrolling, small type, small tap targets.
 * Runs in the page (a string, so this file needs no DOM types).
 */
export async function layoutProblems(
  page: Page,
  minFontPx: number,
  minTargetPx: number,
): Promise<string[]> {
  return page.evaluate(`(() => {
    const minFont = ${minFontPx}, minTarget = ${minTargetPx};
    const problems = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      problems.push("page is " + document.documentElement.scrollWidth + "px wide in a " + window.innerWidth + "px viewport");
    }
    const visible = (e) => e.offsetParent !== null;
    for (const e of document.querySelectorAll("button, input, select, a.btn, a.tab")) {
      if (!visible(e)) continue;
      const h = e.getBoundingClientRect().height;
      if (h < minTarget) problems.push(e.outerHTML.slice(0, 60) + " is " + Math.round(h) + "px tall");
    }
    for (const e of document.querySelectorAll("p, label, legend, h1, h2, h3, button, input")) {
      if (!visible(e) || (e.tagName !== "INPUT" && !e.textContent.trim())) continue;
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (size < minFont) problems.push(e.outerHTML.slice(0, 60) + " has " + size + "px type");
    }
    return problems;
  })()`) as Promise<string[]>;
}
