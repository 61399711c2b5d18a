import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReachable } from "../../../scripts/lib/processes";
import { createApp } from "../../../src/app";
import { startServer } from "../../../src/server";
import { createHarness, type Harness } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("graceful shutdown", () => {
  it("finishes the in-flight request, refuses new connections, then resolves close()", async () => {
    let entered!: () => void;
    let release!: () => void;
    const inHandler = new Promise<void>((r) => {
      entered = r;
    });
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const app = createApp(h.deps);
    app.get("/__slow", async (c) => {
      entered();
      await gate;
      return c.json({ finished: true });
    });
    const server = await startServer(h.deps, 0, "127.0.0.1", app);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // a keep-alive connection, idle now

    const inflight = fetch(`${server.url}/__slow`);
    await inHandler;
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });

    expect(await isReachable(server.port)).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);

    release();
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
    // The client is told to hang up, so close() need not wait for its keep-alive to lapse.
    expect(res.headers.get("connection")).toBe("close");
    await closing;
    expect(closed).toBe(true);
  });
});
