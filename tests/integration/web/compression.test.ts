import { gunzipSync } from "node:zlib";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../../src/lib/ctx";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { ensureJobsIndex } from "../../../src/search/jobs-index";
import { type RunningServer, startServer } from "../../../src/server";
import { createHarness, type Harness, json } from "../../support/harness";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

/** Responses are gzipped on the wire (hono/compress in src/app.ts), through a real server. */
let h: Harness;
let server: RunningServer;
beforeAll(async () => {
  h = await createHarness();
  server = await startServer(h.deps, 0, "127.0.0.1", h.app);
});
afterAll(async () => {
  await server.close(1000);
  await h.close();
});

async function labourerWithRound() {
  const labourer = await makeLabourer(h, {
    villageCode: VILLAGES.rongshui,
    workIntention: "local",
    occupations: ["导游"],
    skills: [],
  });
  const course = await makeCourse(h, {
    brandCode: "lijiang-daoyou",
    occupation: "导游",
    countyCode: "450225",
  });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const passed = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `S-GZ-${Date.now()}`, resultDate: "2026-11-20" },
      await h.as.bureau("450225"),
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  await ensureJobsIndex(h.deps.search);
  await runRecommendationRound(systemCtx(h.deps), { enrolmentId: enrolment.id, round: 1 });
  return labourer;
}

describe("compression", () => {
  it("sends a recommendations response gzipped when the client accepts gzip, plain otherwise", async () => {
    const labourer = await labourerWithRound();
    const auth = await h.as.bureau("450225");
    const url = `${server.url}/api/v1/labourers/${labourer.id}/recommendations?limit=3`;

    const zipped = await request(url, { headers: { ...auth.headers, "accept-encoding": "gzip" } });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
    const body = JSON.parse(
      gunzipSync(Buffer.from(await zipped.body.arrayBuffer())).toString("utf8"),
    );
    expect(body.rounds[0].round).toBe(1);

    const plain = await request(url, { headers: { ...auth.headers } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(((await plain.body.json()) as any).rounds[0].round).toBe(1);
  });

  it("does not gzip the pages' assets twice", async () => {
    const res = await request(`${server.url}/web/h5.js`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.headers["content-encoding"]).toBe("gzip");
    const text = gunzipSync(Buffer.from(await res.body.arrayBuffer())).toString("utf8");
    expect(text).toContain("岗通");
  });
});
