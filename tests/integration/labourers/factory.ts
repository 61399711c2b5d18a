import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema/users";
import { issueSession } from "../../../src/lib/auth";
import { idCheckChar } from "../../../src/lib/id-number";
import type { AuthAs, Harness } from "../../support/harness";
import { json } from "../../support/harness";

/** Real village codes (Guangxi villages are reference data) in the four demo counties. */
export const VILLAGES = {
  gongcheng: "450332102201", // 恭城 莲花镇 竹山村
  gongcheng2: "450332100201", // 恭城 恭城镇 门楼村
  rongshui: "450225101201", // 融水 和睦镇 古顶村
  sanjiang: "450226100201", // 三江 古宜镇 大竹村
  duan: "451228101201", // 都安 高岭镇 定福村
} as const;

/** A fresh, correctly checksummed ID number from `county`, born in `year` (default 1975–2000). */
export function idNumber(
  county = "450332",
  opts: { year?: number; month?: number; day?: number; sex?: "male" | "female" } = {},
): string {
  const year = opts.year ?? randomInt(1975, 2001);
  const month = String(opts.month ?? randomInt(1, 13)).padStart(2, "0");
  const day = String(opts.day ?? randomInt(1, 29)).padStart(2, "0");
  let seq = randomInt(0, 1000);
  if (opts.sex) seq = seq - (seq % 2) + (opts.sex === "male" ? 1 : 0);
  const first17 = `${county}${year}${month}${day}${String(seq % 1000).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

export function phoneNumber(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
}

export function labourerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "莫秀英",
    idNumber: idNumber(),
    phone: phoneNumber(),
    personType: "tuopin",
    labourCapacity: "full",
    villageCode: VILLAGES.gongcheng,
    workIntention: "out_province",
    preferredCityCodes: ["4403"],
    skills: ["电焊"],
    ...overrides,
  };
}

/** Registers a labourer through the API as an admin (or `as`), failing loudly on anything but 201. */
export async function makeLabourer(
  h: Harness,
  overrides: Record<string, unknown> = {},
  as?: AuthAs,
) {
  const body = labourerBody(overrides);
  const res = await json(await h.api.post("/api/v1/labourers", body, as ?? (await h.as.admin())));
  if (res.status !== 201)
    throw new Error(`makeLabourer: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, input: body } as { id: string; input: typeof body } & Record<string, any>;
}

export async function makeHousehold(h: Harness, overrides: Record<string, unknown> = {}) {
  const body = {
    householdNo: `HH${randomInt(0, 2 ** 40)}`,
    villageCode: VILLAGES.gongcheng,
    headName: "莫振华",
    ...overrides,
  };
  const res = await json(await h.api.post("/api/v1/households", body, await h.as.admin()));
  if (res.status !== 201)
    throw new Error(`makeHousehold: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string } & Record<string, any>;
}

/** A session for the labourer's own account (the users row registration created). */
export async function asLabourer(h: Harness, labourerId: string): Promise<AuthAs> {
  const [u] = await h.deps.db.select().from(users).where(eq(users.labourerId, labourerId));
  if (!u) throw new Error("no account for labourer");
  const { token } = await issueSession(h.deps, {
    id: u.id,
    role: "labourer",
    regionCode: null,
    employerId: null,
    labourerId,
    tokenVersion: u.tokenVersion,
  });
  return { headers: { authorization: `Bearer ${token}` }, userId: u.id };
}
