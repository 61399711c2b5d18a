import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../src/lib/ctx";
import { AppError } from "../../src/lib/errors";
import {
  assertRegionScope,
  assertWritableRegion,
  inRegionScope,
  regionPrefix,
  regionScopeSql,
} from "../../src/lib/scope";

const user = (role: Role, regionCode: string | null = null): Actor => ({
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000001",
  role,
  regionCode,
  employerId: null,
  labourerId: null,
});
const dialect = new PgDialect();
const render = (actor: Actor) =>
  dialect.sqlToQuery(regionScopeSql(actor, sql`${sql.identifier("region_code")}`));

describe("regionPrefix", () => {
  it.each<[string, Actor, string | null]>([
    ["admin: everything", user("admin"), ""],
    ["admin with a region: still everything", user("admin", "450332"), ""],
    ["system (workers): everything", { kind: "system", name: "worker" }, ""],
    ["county bureau: its county", user("bureau", "450332"), "450332"],
    ["city bureau: its city", user("bureau", "4503"), "4503"],
    ["township cadre: its township", user("cadre", "450332100"), "450332100"],
    ["bureau without a region: nothing", user("bureau", null), null],
    ["bureau with an empty region: nothing, not everything", user("bureau", ""), null],
    ["bureau with a wildcard in its region: nothing", user("bureau", "45%"), null],
    ["employer: no region access", user("employer", "450332"), null],
    ["labourer: no region access", user("labourer", "450332"), null],
    ["anonymous: nothing", { kind: "anonymous" }, null],
  ])("%s", (_label, actor, expected) => {
    expect(regionPrefix(actor)).toBe(expected);
  });
});

describe("inRegionScope", () => {
  it.each<[string, Actor, string | null | undefined, boolean]>([
    ["county bureau, own county", user("bureau", "450332"), "450332", true],
    ["county bureau, township inside", user("bureau", "450332"), "450332100", true],
    ["county bureau, village inside", user("bureau", "450332"), "450332100201", true],
    ["county bureau, another county", user("bureau", "450332"), "450225", false],
    ["county bureau, its own city (outside, above)", user("bureau", "450332"), "4503", false],
    ["county bureau, the province", user("bureau", "450332"), "45", false],
    ["county bureau, a code that merely shares digits", user("bureau", "450332"), "4503321", true],
    ["city bureau, county inside", user("bureau", "4503"), "450332", true],
    ["city bureau, county in another city", user("bureau", "4503"), "450225", false],
    ["province bureau, any Guangxi code", user("bureau", "45"), "450225100", true],
    ["province bureau, Guangdong", user("bureau", "45"), "440300", false],
    ["cadre, township inside", user("cadre", "450332"), "450332100", true],
    ["bureau, record without a region", user("bureau", "450332"), null, false],
    ["bureau, record with undefined region", user("bureau", "450332"), undefined, false],
    ["admin, record without a region", user("admin"), null, true],
    ["employer, any record", user("employer"), "450332", false],
    ["anonymous, any record", { kind: "anonymous" }, "450332", false],
  ])("%s", (_label, actor, code, expected) => {
    expect(inRegionScope(actor, code)).toBe(expected);
  });
});

describe("regionScopeSql", () => {
  it("is a bound prefix LIKE for bureau and cadre users", () => {
    const q = render(user("bureau", "450332"));
    expect(q.sql).toBe('"region_code" like $1');
    expect(q.params).toEqual(["450332%"]);
  });

  it("matches everything for admins and the system, nothing for others", () => {
    expect(render(user("admin")).sql).toBe("true");
    expect(render({ kind: "system", name: "relay" }).sql).toBe("true");
    for (const actor of [
      user("employer"),
      user("labourer"),
      user("bureau", null),
      user("bureau", ""),
      { kind: "anonymous" } as Actor,
    ]) {
      expect(render(actor).sql).toBe("false");
    }
  });
});

describe("assertRegionScope / assertWritableRegion", () => {
  it("answers the resource's NOT_FOUND outside the region, so existence does not leak", () => {
    const bureau = user("bureau", "450332");
    expect(() =>
      assertRegionScope(bureau, "450332100", "LABOURER_NOT_FOUND", "劳动力不存在"),
    ).not.toThrow();
    try {
      assertRegionScope(bureau, "450225", "LABOURER_NOT_FOUND", "劳动力不存在");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("LABOURER_NOT_FOUND");
      expect((err as AppError).status).toBe(404);
    }
  });

  it("answers FORBIDDEN with the field when writing outside the region", () => {
    try {
      assertWritableRegion(user("cadre", "450332100"), "450332101", "household.regionCode");
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe("FORBIDDEN");
      expect((err as AppError).extra.field).toBe("household.regionCode");
    }
    expect(() => assertWritableRegion(user("cadre", "450332100"), "450332100201")).not.toThrow();
  });
});
