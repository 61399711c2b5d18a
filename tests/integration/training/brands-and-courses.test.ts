import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourBrands } from "../../../db/schema/training";
import { LABOUR_BRANDS, loadLabourBrands } from "../../../db/seed/labour-brands";
import { createHarness, type Harness, json } from "../../support/harness";
import { courseBody, makeCourse } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("labour-brand catalogue", () => {
  it("is loaded as reference data: the ten brands of the policy documents", async () => {
    const { status, body } = await json(await h.api.get("/api/v1/training/brands"));
    expect(status).toBe(200);
    expect(body.items.map((b: { name: string }) => b.name).sort()).toEqual(
      [
        "八桂家政",
        "八桂建工",
        "八桂米粉师傅",
        "漓江导游",
        "桂林美业师傅",
        "桂林油茶师傅",
        "粤菜师傅",
        "广东技工",
        "南粤家政",
        "乡村工匠",
      ].sort(),
    );
    expect(body.items.find((b: { code: string }) => b.code === "bagui-jiazheng")).toMatchObject({
      name: "八桂家政",
      origin: "gx",
      occupations: expect.arrayContaining(["家政服务员", "育婴员", "养老护理员", "保洁员"]),
    });
    expect(body.items.filter((b: { origin: string }) => b.origin === "gd")).toHaveLength(4);
  });

  it("loads idempotently", async () => {
    await loadLabourBrands(h.deps.db);
    await loadLabourBrands(h.deps.db);
    expect(await h.deps.db.$count(labourBrands)).toBe(LABOUR_BRANDS.length);
  });
});

describe("POST /api/v1/training/courses", () => {
  it("opens a brand course in the bureau's county", async () => {
    const c = await makeCourse(h);
    expect(c).toMatchObject({
      brand: { code: "bagui-jiazheng", name: "八桂家政" },
      occupation: "育婴员",
      countyCode: "450332",
      capacity: 40,
      enrolled: 0,
      passed: 0,
    });
  });

  it("accepts a general course without a brand and a padded county code", async () => {
    const c = await makeCourse(
      h,
      { brandCode: undefined, occupation: "电子装配工", countyCode: "450332" },
      await h.as.bureau("4503"),
    );
    expect(c.brand).toBeNull();
  });

  it.each([
    {
      name: "an occupation outside the brand",
      patch: { occupation: "焊工" },
      status: 400,
      code: "VALIDATION_FAILED",
      field: "occupation",
    },
    {
      name: "an unknown brand",
      patch: { brandCode: "no-such-brand" },
      status: 404,
      code: "BRAND_NOT_FOUND",
      field: "brandCode",
    },
    {
      name: "an end before the start",
      patch: { endDate: "2026-03-01" },
      status: 400,
      code: "VALIDATION_FAILED",
      field: "endDate",
    },
    {
      name: "a malformed date",
      patch: { startDate: "2026-3-2" },
      status: 400,
      code: "VALIDATION_FAILED",
      field: "startDate",
    },
    {
      name: "a township instead of a county",
      patch: { countyCode: "450332100" },
      status: 400,
      code: "VALIDATION_FAILED",
      field: "countyCode",
    },
    {
      name: "a county outside the bureau's region",
      patch: { countyCode: "450225" },
      status: 403,
      code: "FORBIDDEN",
      field: "countyCode",
    },
    {
      name: "zero capacity",
      patch: { capacity: 0 },
      status: 400,
      code: "VALIDATION_FAILED",
      field: "capacity",
    },
  ])("refuses $name with $status $code", async ({ patch, status, code, field }) => {
    const res = await json(
      await h.api.post("/api/v1/training/courses", courseBody(patch), await h.as.bureau("450332")),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toMatchObject({ code, field });
  });

  it("does not let cadres open courses", async () => {
    expect(
      (await h.api.post("/api/v1/training/courses", courseBody(), await h.as.cadre("450332")))
        .status,
    ).toBe(403);
  });
});

describe("reading courses", () => {
  it("shows a course to staff of its county and region, 404 to others", async () => {
    const c = await makeCourse(h);
    expect(
      (await h.api.get(`/api/v1/training/courses/${c.id}`, await h.as.cadre("450332"))).status,
    ).toBe(200);
    expect(
      (await h.api.get(`/api/v1/training/courses/${c.id}`, await h.as.bureau("4503"))).status,
    ).toBe(200);
    const other = await json(
      await h.api.get(`/api/v1/training/courses/${c.id}`, await h.as.bureau("450225")),
    );
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("COURSE_NOT_FOUND");
  });

  it("lists only courses inside the caller's region, filtered by brand", async () => {
    const here = await makeCourse(h, { brandCode: "guilin-youcha", occupation: "油茶师傅" });
    const there = await makeCourse(h, {
      countyCode: "450225",
      brandCode: "guilin-youcha",
      occupation: "油茶师傅",
    });
    const list = await json(
      await h.api.get(
        "/api/v1/training/courses?brandCode=guilin-youcha&limit=100",
        await h.as.bureau("450332"),
      ),
    );
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(here.id);
    expect(ids).not.toContain(there.id);
    expect(
      list.body.items.every((c: { brand: { code: string } }) => c.brand.code === "guilin-youcha"),
    ).toBe(true);
  });
});
