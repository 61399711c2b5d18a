import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { declineReason } from "../../db/schema/recommendations";
import { DECLINE_REASON_LABELS, labelsScript, PAGE_LABELS } from "../../src/lib/enums";
import { FeedbackBody } from "../../src/modules/recommendations/schemas";
import { ASSETS } from "../../src/web/assets";

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
