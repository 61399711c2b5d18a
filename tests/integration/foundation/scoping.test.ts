import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { regions } from "../../../db/schema/regions";
import { users } from "../../../db/schema/users";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";

let h: Harness;

// The regions these tests name; inserted unless the reference data already has them.
const REGIONS = [
  {
    code: "45",
    name: "广西壮族自治区",
    shortName: "广西",
    fullName: "广西壮族自治区",
    level: "province",
    depth: 1,
    parentCode: null,
  },
  {
    code: "4503",
    name: "桂林市",
    shortName: "桂林",
    fullName: "广西壮族自治区 桂林市",
    level: "city",
    depth: 2,
    parentCode: "45",
  },
  {
    code: "450332",
    name: "恭城瑶族自治县",
    shortName: "恭城",
    fullName: "广西壮族自治区 桂林市 恭城瑶族自治县",
    level: "county",
    depth: 3,
    parentCode: "4503",
  },
  {
    code: "450332100",
    name: "恭城镇",
    shortName: "恭城",
    fullName: "广西壮族自治区 桂林市 恭城瑶族自治县 恭城镇",
    level: "township",
    depth: 4,
    parentCode: "450332",
  },
  {
    code: "4502",
    name: "柳州市",
    shortName: "柳州",
    fullName: "广西壮族自治区 柳州市",
    level: "city",
    depth: 2,
    parentCode: "45",
  },
  {
    code: "450225",
    name: "融水苗族自治县",
    shortName: "融水",
    fullName: "广西壮族自治区 柳州市 融水苗族自治县",
    level: "county",
    depth: 3,
    parentCode: "4502",
  },
] as const;

beforeAll(async () => {
  h = await createHarness();
  await h.deps.db
    .insert(regions)
    .values(REGIONS.map((r) => ({ ...r })))
    .onConflictDoNothing();
});
afterAll(async () => {
  await h?.close();
});

const unique = (p: string) => `${p}_${randomUUID().slice(0, 10)}`;
const newStaff = (role: "admin" | "bureau" | "cadre", regionCode?: string) => ({
  username: unique(role),
  password: "Long-enough-1",
  role,
  displayName: "测试账号",
  ...(regionCode ? { regionCode } : {}),
});

async function listAll(as: AuthAs): Promise<{ id: string; regionCode: string | null }[]> {
  const out: { id: string; regionCode: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/api/v1/users?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await json(await h.api.get(q, as));
    expect(status, JSON.stringify(body)).toBe(200);
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

describe("POST /api/v1/users", () => {
  it("lets a county bureau create a cadre in its county and in a township inside it", async () => {
    const bureau = await h.as.bureau("450332");
    // The padded statistical form people type is stored in its short form.
    for (const [code, stored] of [
      ["450332", "450332"],
      ["450332100", "450332100"],
      ["450332100000", "450332100"],
    ]) {
      const { status, body } = await json(
        await h.api.post("/api/v1/users", newStaff("cadre", code), bureau),
      );
      expect(status, JSON.stringify(body)).toBe(201);
      expect(body.regionCode).toBe(stored);
      expect(body).not.toHaveProperty("passwordHash");
    }
  });

  it("answers 403 FORBIDDEN for another county, the county's own city and the province", async () => {
    const bureau = await h.as.bureau("450332");
    for (const code of ["450225", "4503", "45"]) {
      const role = code.length === 6 ? "cadre" : "bureau";
      const { status, body } = await json(
        await h.api.post("/api/v1/users", newStaff(role, code), bureau),
      );
      expect(status, `${code}: ${JSON.stringify(body)}`).toBe(403);
      expect(body.error).toMatchObject({ code: "FORBIDDEN", field: "regionCode" });
    }
  });

  it("lets only an admin create an admin", async () => {
    const bureau = await h.as.bureau("45");
    const denied = await json(await h.api.post("/api/v1/users", newStaff("admin"), bureau));
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: "FORBIDDEN", field: "role" });
    const ok = await json(await h.api.post("/api/v1/users", newStaff("admin"), await h.as.admin()));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.regionCode).toBeNull();
  });

  it("refuses cadres and labourers with 403, and anonymous callers with 401", async () => {
    for (const as of [
      await h.as.cadre("450332"),
      await h.as.user("labourer"),
      await h.as.user("employer"),
    ]) {
      const { status, body } = await json(
        await h.api.post("/api/v1/users", newStaff("cadre", "450332100"), as),
      );
      expect(status, JSON.stringify(body)).toBe(403);
      expect(body.error.code).toBe("FORBIDDEN");
    }
    expect((await h.api.post("/api/v1/users", newStaff("cadre", "450332100"))).status).toBe(401);
  });

  it("answers bad region codes with 400 naming regionCode, and a taken username with 409", async () => {
    const admin = await h.as.admin();
    for (const [role, code] of [
      ["cadre", "4503"],
      ["bureau", "450332100"],
      ["cadre", "459999"],
      ["cadre", undefined],
    ] as const) {
      const { status, body } = await json(
        await h.api.post("/api/v1/users", newStaff(role, code), admin),
      );
      expect(status, `${role} ${code}: ${JSON.stringify(body)}`).toBe(400);
      expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "regionCode" });
    }
    const first = newStaff("cadre", "450332");
    expect((await h.api.post("/api/v1/users", first, admin)).status).toBe(201);
    const dup = await json(
      await h.api.post(
        "/api/v1/users",
        { ...first, username: first.username.toUpperCase() },
        admin,
      ),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "CONFLICT", field: "username" });
  });
});

describe("GET /api/v1/users", () => {
  it("shows a county bureau its county's staff only; a city bureau and an admin see more", async () => {
    const admin = await h.as.admin();
    const mine = await json(
      await h.api.post("/api/v1/users", newStaff("cadre", "450332100"), admin),
    );
    const other = await json(await h.api.post("/api/v1/users", newStaff("cadre", "450225"), admin));

    const county = (await listAll(await h.as.bureau("450332"))).map((u) => u.id);
    expect(county).toContain(mine.body.id);
    expect(county).not.toContain(other.body.id);
    const countyRegions = (await listAll(await h.as.bureau("450332"))).map((u) => u.regionCode);
    expect(countyRegions.every((c) => c?.startsWith("450332"))).toBe(true);

    const city = (await listAll(await h.as.bureau("4503"))).map((u) => u.id);
    expect(city).toContain(mine.body.id);
    expect(city).not.toContain(other.body.id);

    const all = (await listAll(admin)).map((u) => u.id);
    expect(all).toEqual(expect.arrayContaining([mine.body.id, other.body.id, admin.userId]));
  });

  it("refuses cadres, employers and labourers with 403", async () => {
    for (const as of [
      await h.as.cadre("450332"),
      await h.as.user("labourer"),
      await h.as.user("employer"),
    ]) {
      const { status, body } = await json(await h.api.get("/api/v1/users", as));
      expect(status, JSON.stringify(body)).toBe(403);
      expect(body.error.code).toBe("FORBIDDEN");
    }
  });

  it("pages through staff created in one statement without losing or repeating any", async () => {
    // One INSERT: every row gets the same created_at (the transaction's now()).
    const rows = await h.deps.db
      .insert(users)
      .values(
        Array.from({ length: 7 }, () => ({
          username: unique("batch"),
          role: "cadre" as const,
          displayName: "同批账号",
          regionCode: "450332100",
        })),
      )
      .returning({ id: users.id });
    const bureau = await h.as.bureau("450332");
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const q: string = `/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const { status, body } = await json(await h.api.get(q, bureau));
      expect(status, JSON.stringify(body)).toBe(200);
      seen.push(...body.items.map((u: { id: string }) => u.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    const created = await h.deps.db
      .select({ id: users.id })
      .from(users)
      .where(
        inArray(
          users.id,
          rows.map((r) => r.id),
        ),
      );
    expect(created).toHaveLength(7);
  });

  it("answers a malformed cursor with 400, not 500", async () => {
    const { status, body } = await json(
      await h.api.get("/api/v1/users?cursor=not-a-cursor", await h.as.admin()),
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "cursor" });
  });
});
