import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import { createLogger } from "../../../src/lib/logger";
import { devSinkNotifier } from "../../../src/modules/notifications/notifier";
import { startNotifyWorker } from "../../../workers/notify";
import { OutboxRelay } from "../../../workers/outbox-relay";
import { createHarness, eventually, type Harness } from "../../support/harness";
import { apply, moves, openPosting, person } from "./factory";

const sink = devSinkNotifier(createLogger("silent"));
let h: Harness;
let relay: OutboxRelay;
let worker: Worker;
beforeAll(async () => {
  h = await createHarness({ overrides: { notifier: sink } });
  relay = new OutboxRelay(h.deps, { pollMs: 200 });
  await relay.start();
  worker = startNotifyWorker(h.deps);
});
afterAll(async () => {
  await relay?.stop();
  await worker?.close();
  await h?.close();
});

describe("application notices go through the notify pipeline", () => {
  it("an acceptance reaches the labourer as its own message, and the row ends delivered", async () => {
    const posting = await openPosting(h);
    const p = await person(h);
    const app = await apply(h, p.as, posting.job.id);
    await moves(h, posting.as, app.id, { to: "accepted" });
    const [row] = await eventually(async () => {
      const rows = await h.deps.db
        .select()
        .from(notifications)
        .where(eq(notifications.labourerId, p.labourer.id));
      return rows[0]?.status === "delivered" ? rows : undefined;
    }, 15_000);
    const sent = sink.sent.filter((s) => s.ref === row!.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(posting.job.title);
    expect(sent[0]!.text).toContain("用工单位同意录用");
    expect(sent[0]!.text).not.toContain("为您推荐");
  });
});
