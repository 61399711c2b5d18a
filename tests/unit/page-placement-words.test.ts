import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HELP_KINDS } from "../../src/modules/retention/rules";

/**
 * The reason lists the pages offer come from /web/labels.js (`GT_LABELS`, generated from
 * src/lib/enums.ts; tests/unit/enums.test.ts checks no page keeps a copy). The 求助 kinds are the
 * exception: the phone says them in plainer words, so only their codes must be the API's.
 */
const STATIC = path.resolve(import.meta.dirname, "../../src/web/static");
const read = (file: string) => readFileSync(path.join(STATIC, file), "utf8");

/** `["code", "词"]` pairs in a script's array literal named `name`. */
function pairs(source: string, name: string): Record<string, string> {
  const start = source.indexOf(`var ${name} = [`);
  expect(start, `${name} not found`).toBeGreaterThan(-1);
  const body = source.slice(start, source.indexOf("];", start));
  return Object.fromEntries([...body.matchAll(/\["(\w+)", "([^"]+)"\]/g)].map((m) => [m[1], m[2]]));
}

describe("placement words on the pages", () => {
  it("the reason choices are read from GT_LABELS, the server's one table", () => {
    expect(read("h5-applications.js")).toContain("GT_LABELS.withdrawReason");
    expect(read("h5-checkin.js")).toContain("GT_LABELS.endReason");
    expect(read("portal-placement.js")).toContain("var GROUPS = window.GT_LABELS;");
  });

  it("the 求助 choices are the API's codes (in plainer words on the phone)", () => {
    expect(Object.keys(pairs(read("h5-help.js"), "KINDS"))).toEqual([...HELP_KINDS]);
  });
});
