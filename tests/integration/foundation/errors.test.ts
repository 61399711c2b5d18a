import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { createHarness, type Harness, json } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("error shape", () => {
  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const res = await h.api.raw("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"username":',
    });
    const { status, body } = await json(res);
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe("MALFORMED_JSON");
    expect(body.error.message).toMatch(/JSON/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers a wrong type with 400 VALIDATION_FAILED naming the field", async () => {
    const { status, body } = await json(
      await h.api.post("/api/v1/auth/login", { username: 42, password: "x" }),
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.field).toBe("username");
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("answers a missing field with 400 VALIDATION_FAILED naming the field", async () => {
    const { status, body } = await json(
      await h.api.post("/api/v1/auth/login", { username: "someone" }),
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "password" });
    expect(body.error.details.issues).toHaveLength(1);
  });

  it("answers an invalid query parameter with the parameter's name", async () => {
    const { status, body } = await json(await h.api.get("/api/v1/regions?parent=abc"));
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "parent" });
  });

  it("answers unknown paths with 404 NOT_FOUND in the same shape", async () => {
    const { status, body } = await json(await h.api.get("/api/v1/nothing-here"));
    expect(status).toBe(404);
    expect(body.error.code).toBe("NOT_FOUND");
  });

  it("answers requests without a session with 401 and a bad token with 401", async () => {
    expect((await json(await h.api.get("/api/v1/me"))).body.error.code).toBe("UNAUTHENTICATED");
    const bad = await json(
      await h.api.get("/api/v1/me", {
        headers: { authorization: "Bearer not.a.token" },
        userId: "",
      }),
    );
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("hides internals of unexpected failures behind 500 INTERNAL with a request id", async () => {
    const app = createApp(h.deps);
    app.get("/__boom", () => {
      throw new Error("select secret from users where id = 450332199001011234");
    });
    const res = await app.request("/__boom");
    const { status, body } = await json(res);
    expect(status).toBe(500);
    expect(body.error.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toMatch(/select|450332/);
    expect(body.error.details.requestId).toBe(res.headers.get("x-request-id"));
  });
});

describe("ops endpoints", () => {
  it("reports every dependency ok on /healthz", async () => {
    const { status, body } = await json(await h.api.get("/healthz"));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.checks.postgres.status).toBe("ok");
    expect(body.checks.redis.status).toBe("ok");
    expect(body.checks.meilisearch.status).toBe("ok");
  });

  it("serves an OpenAPI document listing the routes and the error catalogue", async () => {
    const { status, body } = await json(await h.api.get("/openapi.json"));
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/auth/login", "/api/v1/regions", "/healthz"]),
    );
    expect(body.paths["/api/v1/auth/login"].post.responses["401"].description).toContain(
      "INVALID_CREDENTIALS",
    );
  });

  it("serves the API reference page and its assets from the app itself", async () => {
    const page = await h.api.get("/docs");
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const res = await h.api.get(asset[1]!);
      expect(res.status, asset[1]).toBe(200);
    }
  });
});
