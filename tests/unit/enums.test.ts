import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { declineReason } from "../../db/schema/recommendations";
import { DECLINE_REASON_LABELS, labelsScript, PAGE_LABELS } from "../../src/lib/enums";
import { FeedbackBody } from "../../src/modules/recommendations/schemas";
import { ASSETS } from "../../src/web/assets";
import { h5Page } from "../../src/web/h5";
import { bureauPage, employerPage } from "../../src/web/portals";

describe("enum labels: one source", () => {
  it("serves the pages the same table the server uses, as /web/labels.js", () => {
    const window: { GT_LABELS?: unknown } = {};
    runInNewContext(labelsScript(), { window });
    expect(window.GT_LABELS).toEqual(PAGE_LABELS);
    expect(ASSETS.get("labels.js")?.body.toString()).toBe(labelsScript());
  });

  it("gives the Postgres enum and the request schema the labelled values, in order", () => {
    expect(declineReason.enumValues).toEqual(Object.keys(DECLINE_REASON_LABELS));
    const ok = FeedbackBody.safeParse({ action: "declined", reason: "too_far" });
    const bad = FeedbackBody.safeParse({ action: "declined", reason: "too_cold" });
    expect([ok.success, bad.success]).toEqual([true, false]);
  });
});

describe("enum labels on the pages", () => {
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), "../../src/web/static");
  const scripts = readdirSync(staticDir).filter((f) => f.endsWith(".js"));

  it("no page script spells an enum label itself (they read GT_LABELS)", () => {
    const copies: string[] = [];
    for (const file of scripts) {
      const text = readFileSync(join(staticDir, file), "utf8");
      for (const [group, labels] of Object.entries(PAGE_LABELS)) {
        for (const [value, label] of Object.entries(labels as Record<string, string>)) {
          // `value: "label"` or `["value", "label"]`: a copy of the table entry.
          const entry = new RegExp(`["']?${value}["']?\\s*[:,]\\s*["']${label}["']`);
          if (entry.test(text)) copies.push(`${file}: ${group}.${value}`);
        }
      }
    }
    expect(copies).toEqual([]);
  });

  it("every page loads labels.js before its own scripts", () => {
    for (const page of [h5Page, employerPage, bureauPage]) {
      const srcs = [...page.matchAll(/<script src="\/web\/([^"?]+)/g)].map((m) => m[1]);
      expect(srcs[0]).toBe("labels.js");
    }
  });
});
