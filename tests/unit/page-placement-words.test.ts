import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REJECT_REASONS, WITHDRAW_REASONS } from "../../src/modules/applications/rules";
import { EndBody } from "../../src/modules/employments/schemas";
import { HELP_KINDS, LEFT_REASONS } from "../../src/modules/retention/rules";

/**
 * The pages are plain scripts and cannot import rules.ts, so they carry the reason lists the
 * API takes. This keeps them the same codes, in the same words, as the one table on the server.
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

/** `code: "词"` entries of the object literal `group: {` in a script. */
function group(source: string, name: string): Record<string, string> {
  const start = source.indexOf(`${name}: {`);
  expect(start, `${name} not found`).toBeGreaterThan(-1);
  const body = source.slice(start, source.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(\w+): "([^"]+)"/g)].map((m) => [m[1], m[2]]));
}

describe("placement words on the pages", () => {
  it("H5 撤回报名 offers exactly the API's withdrawal reasons, in its words", () => {
    expect(pairs(read("h5-applications.js"), "WITHDRAW_REASONS")).toEqual(WITHDRAW_REASONS);
  });

  it("the employer's 不录用 offers exactly the API's rejection reasons, in its words", () => {
    expect(group(read("portal-placement.js"), "rejectReason")).toEqual(REJECT_REASONS);
  });

  it("the check-in, 求助 and 登记离岗 choices are the API's codes (in plainer words on the phone)", () => {
    expect(Object.keys(pairs(read("h5-checkin.js"), "LEFT_REASONS"))).toEqual([...LEFT_REASONS]);
    expect(Object.keys(pairs(read("h5-help.js"), "KINDS"))).toEqual([...HELP_KINDS]);
    expect(Object.keys(group(read("portal-placement.js"), "endReason"))).toEqual(
      EndBody.shape.reason.options,
    );
  });
});
