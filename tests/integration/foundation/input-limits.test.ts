import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../../src/server";
import { createHarness, type Harness, json } from "../../support/harness";
import { makeLabourer } from "../labourers/factory";

/** The guards in front of every route (src/lib/input-guard.ts, src/server.ts). */
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

function expectError(
  res: { status: number; body: any },
  status: number,
  code: string,
  field?: string,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  if (field !== undefined) expect(res.body.error.field).toBe(field);
}

describe("control characters", () => {
  it("refuses a NUL byte in a JSON field, naming it, without signing in", async () => {
    const res = await json(
      await h.api.post("/api/v1/auth/login", {
        username: "gx\u0000bureau",
        password: "x".repeat(12),
      }),
    );
    expectError(res, 400, "VALIDATION_FAILED", "username");
  });

  it("refuses control characters deep inside a body, naming the path", async () => {
    const res = await json(
      await h.api.post(
        "/api/v1/labourers",
        { name: "莫秀英", skills: ["电焊", "砌\u0007墙"] },
        await h.as.admin(),
      ),
    );
    expectError(res, 400, "VALIDATION_FAILED", "skills.1");
  });

  it("refuses a NUL byte in a query word and in a path", async () => {
    expectError(
      await json(await h.api.get("/api/v1/jobs/search?q=%E6%99%AE%00%E5%B7%A5")),
      400,
      "VALIDATION_FAILED",
      "q",
    );
    const admin = await h.as.admin();
    expectError(
      await json(await h.api.get("/api/v1/labourers?q=%00", admin)),
      400,
      "VALIDATION_FAILED",
      "q",
    );
    expectError(
      await json(await h.api.get("/api/v1/labourers/%00", admin)),
      400,
      "VALIDATION_FAILED",
      "path",
    );
  });

  it("keeps line breaks in free text", async () => {
    const res = await json(
      await h.api.post("/api/v1/auth/login", {
        username: "nobody-here",
        password: "line one\nline two",
      }),
    );
    expect(res.status).toBe(401);
  });
});

describe("cursors", () => {
  it.each([
    "/api/v1/notifications",
    "/api/v1/shortage-alerts",
    "/api/v1/users",
    "/api/v1/jobs",
    "/api/v1/labourers",
    "/api/v1/households",
  ])("%s answers 400 on cursor=abc", async (path) => {
    const res = await json(await h.api.get(`${path}?cursor=abc`, await h.as.admin()));
    expectError(res, 400, "VALIDATION_FAILED", "cursor");
  });
});

describe("sizes", () => {
  it("answers 414 in the error shape for a URL over the limit", async () => {
    const res = await json(await h.api.get(`/api/v1/jobs/search?q=${"a".repeat(20_000)}`));
    expectError(res, 414, "URI_TOO_LONG");
  });

  it("answers a request head larger than Node takes in the error shape too", async () => {
    const res = await fetch(`${server.url}/api/v1/jobs/search?q=${"a".repeat(80_000)}`);
    expect(res.status).toBe(431);
    expect(((await res.json()) as any).error.code).toBe("HEADERS_TOO_LARGE");
  });

  it("refuses a large JSON body before anything parses it, signed in or not", async () => {
    const big = JSON.stringify({ username: "a", password: "b".repeat(2 * 1024 * 1024) });
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expectError({ status: res.status, body: await res.json() }, 413, "PAYLOAD_TOO_LARGE");
  });

  it("refuses a large chunked body (no content-length) as it streams", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expectError({ status: res.status, body: await res.json() }, 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("small contract points", () => {
  it("answers an empty PATCH with 400, changing nothing", async () => {
    const l = await makeLabourer(h);
    const res = await json(await h.api.patch(`/api/v1/labourers/${l.id}`, {}, await h.as.admin()));
    expectError(res, 400, "VALIDATION_FAILED");
  });

  it("marks API answers, the audited full-number reads first, as not to be cached", async () => {
    const l = await makeLabourer(h);
    const res = await h.api.get(`/api/v1/labourers/${l.id}/identity`, await h.as.admin());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
