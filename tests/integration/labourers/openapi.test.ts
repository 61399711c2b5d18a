import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, json } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("registry routes in the OpenAPI document", () => {
  it("documents every route with its error codes and examples", async () => {
    const { status, body } = await json(await h.api.get("/openapi.json"));
    expect(status).toBe(200);
    const paths = body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/labourers",
        "/api/v1/labourers/me",
        "/api/v1/labourers/{id}",
        "/api/v1/labourers/{id}/identity",
        "/api/v1/households",
        "/api/v1/households/{id}",
      ]),
    );
    expect(paths["/api/v1/labourers"].post.responses["409"].description).toContain(
      "LABOURER_DUPLICATE",
    );
    expect(paths["/api/v1/labourers"].post.responses["422"].description).toContain(
      "LABOURER_AGE_OUT_OF_RANGE",
    );
    expect(paths["/api/v1/labourers"].post.responses["400"].description).toContain(
      "ID_NUMBER_INVALID",
    );
    expect(paths["/api/v1/labourers/{id}/identity"].get.responses["404"].description).toContain(
      "LABOURER_NOT_FOUND",
    );
    const labourer = body.components.schemas.Labourer;
    expect(labourer.properties.idNumberMasked.example).toMatch(/\*{8}/);
    expect(labourer.properties).not.toHaveProperty("idNumber");
    expect(body.components.schemas.CreateLabourerBody.properties.idNumber.example).toMatch(
      /^\d{17}[\dX]$/,
    );
  });
});
