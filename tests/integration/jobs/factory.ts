import { randomInt, randomUUID } from "node:crypto";
import { employers } from "../../../db/schema/employers";
import { jobsIndex } from "../../../src/search/jobs-index";
import { type AuthAs, eventually, type Harness, json } from "../../support/harness";

export type EmployerType =
  | "enterprise"
  | "workshop"
  | "cooperative"
  | "individual"
  | "public_welfare";

/** An employer row straight in the table (verified unless told): jobs tests need no registration flow. */
export async function makeEmployer(
  h: Harness,
  o: {
    type?: EmployerType;
    regionCode?: string;
    status?: "unverified" | "verified" | "suspended";
    name?: string;
  } = {},
) {
  const type = o.type ?? "enterprise";
  const [row] = await h.deps.db
    .insert(employers)
    .values({
      name: o.name ?? `测试用工单位${randomInt(1_000_000)}`,
      type,
      regionCode: o.regionCode ?? "450332",
      contactName: "黄秀英",
      verificationStatus: o.status ?? "verified",
      ...(type === "workshop"
        ? {
            workshopCertificateNo: `GC-${randomInt(100000)}`,
            workshopCertifiedBy: o.regionCode ?? "450332",
          }
        : {}),
    })
    .returning();
  return row!;
}

export const asEmployer = (h: Harness, employerId: string) => h.as.user("employer", { employerId });

export const randomPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

const inDays = (d: number) =>
  new Date(Date.now() + d * 24 * 3600 * 1000).toISOString().slice(0, 10);

/** A valid create body for a channel; override anything. */
export function jobBody(
  channel: "odd_job" | "workshop" | "gd_gx" | "public_welfare" | "enterprise",
  o: Record<string, unknown> = {},
) {
  const base: Record<string, unknown> = {
    channel,
    title: `测试岗位 ${randomUUID().slice(0, 8)}`,
    description: "男女不限，吃苦耐劳。",
    occupation: "普工",
    headcount: 5,
    wageMinFen: 450_000,
    wageMaxFen: 650_000,
    wageUnit: "month",
    regionCode: "450332",
    contactName: "王经理",
    contactPhone: randomPhone(),
    benefits: ["包吃", "包住"],
  };
  if (channel === "odd_job")
    Object.assign(base, {
      wageUnit: "day",
      wageMinFen: 12_000,
      wageMaxFen: 18_000,
      occupation: "采茶工",
      meetingPoint: "恭城县城汽车站",
      workStartOn: inDays(2),
      workEndOn: inDays(10),
    });
  if (channel === "gd_gx")
    Object.assign(base, { regionCode: "440306", departureRegionCode: "450332" });
  return { ...base, ...o };
}

/** Creates a posting through the API and (by default) opens it; returns the view. */
export async function makeJob(
  h: Harness,
  as: AuthAs,
  body: Record<string, unknown>,
  opts: { open?: boolean } = {},
) {
  const created = await json(await h.api.post("/api/v1/jobs", body, as));
  if (created.status !== 201)
    throw new Error(`makeJob: ${created.status} ${JSON.stringify(created.body)}`);
  if (opts.open === false) return created.body;
  const opened = await json(await h.api.post(`/api/v1/jobs/${created.body.id}/open`, {}, as));
  if (opened.status !== 200)
    throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body;
}

/** Ids the search API returns for a query string (first page, up to 50). */
export async function searchIds(h: Harness, query: string): Promise<{ ids: string[]; body: any }> {
  const res = await json(await h.api.get(`/api/v1/jobs/search?limit=50&${query}`));
  if (res.status !== 200)
    throw new Error(`search ${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return { ids: res.body.items.map((i: { id: string }) => i.id), body: res.body };
}

/** Whether a document is in this harness's jobs index right now. */
export async function inIndex(h: Harness, id: string): Promise<boolean> {
  const res = await jobsIndex(h.deps.search)
    .search("", { filter: `id = "${id}"`, limit: 1 })
    .catch(() => ({ hits: [] }));
  return res.hits.length === 1;
}

/**
 * How long a test waits for the index. The 2 s commit → searchable goal is measured by the search
 * benchmark (docs/BENCHMARKS.md), not asserted here: a loaded CI machine must not fail a correct build.
 */
export const INDEX_WAIT_MS = 20_000;
export const waitIndexed = (h: Harness, id: string) =>
  eventually(() => inIndex(h, id), INDEX_WAIT_MS, 25);
export const waitGone = (h: Harness, id: string) =>
  eventually(async () => !(await inIndex(h, id)), INDEX_WAIT_MS, 25);
