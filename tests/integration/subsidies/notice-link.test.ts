import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { systemCtx } from "../../../src/lib/ctx";
import { deliverNotification } from "../../../src/modules/notifications/deliver";
import type { Notifier, NotifyMessage } from "../../../src/modules/notifications/notifier";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import {
  hiredOutside,
  proposedClaim,
  submitAndCheck,
  subsidyPipeline,
  uploadTicket,
} from "./factory";

/** Every message handed to the provider, whole (the dev sink keeps only the text). */
const messages: NotifyMessage[] = [];
const notifier: Notifier = {
  provider: "dev",
  async send(m) {
    messages.push(m);
    return { status: "delivered", provider: "dev", providerMessageId: `rec-${messages.length}` };
  },
};
const PUBLIC_URL = "https://gangtong.example.cn";

const dataDir = mkdtempSync(join(tmpdir(), "gt-subsidy-notice-"));
let h: Harness;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  // The address the pushes open, and the progress template: a WeChat card carries a page only then.
  h = await createHarness({
    env: { DATA_DIR: dataDir, PUBLIC_URL, WECHAT_TEMPLATE_APPLICATION_STATUS: "TPL-PROGRESS" },
    overrides: { notifier },
  });
  pipeline = await subsidyPipeline(h);
});
afterAll(async () => {
  await pipeline?.stop();
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Delivers every subsidy notice about `claimId` not yet sent and answers the messages, by kind and status. */
async function deliverAll(claimId: string) {
  const rows = await h.deps.db
    .select()
    .from(notifications)
    .where(like(notifications.subjectKey, `${claimId}:%`))
    .orderBy(asc(notifications.createdAt));
  const out: { kind: string; status: string; page: string | undefined }[] = [];
  for (const r of rows) {
    if (r.status !== "pending") continue;
    const before = messages.length;
    await deliverNotification(systemCtx(h.deps), r.id);
    const m = messages.slice(before)[0];
    out.push({
      kind: r.kind,
      status: (r.content as { status: string }).status,
      page: m?.wechat?.page,
    });
  }
  return out;
}

describe("subsidy notices open the claim they are about", () => {
  it("the proposal and the return carry /h5/#subsidy/<id> for the labourer and the portal's claim for the cadre", async () => {
    const cadre = await h.as.cadre("450332");
    const p = await hiredOutside(h, { person: { name: "蒙小燕" } });
    await h.deps.db
      .update(labourers)
      .set({ assignedCadreUserId: cadre.userId })
      .where(eq(labourers.id, p.labourer.id));
    // Assigned after the hire: the proposal may not see the cadre yet, the return (read at review) does.
    const claim = await proposedClaim(h, p.as);
    const h5 = `${PUBLIC_URL}/h5/#subsidy/${claim.id}`;
    const proposed = await eventually(async () => {
      const d = await deliverAll(claim.id);
      return d.length ? d : undefined;
    });
    expect(proposed).toContainEqual({ kind: "subsidy", status: "proposed", page: h5 });

    expect((await uploadTicket(h, p.as, claim.id, "G1234567", 28_650)).status).toBe(201);
    await submitAndCheck(h, p.as, claim.id);
    const back = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "return", reason: "车票照片看不清，请重新拍" },
        p.bureau,
      ),
    );
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const returned = await deliverAll(claim.id);
    expect(returned).toContainEqual({ kind: "subsidy", status: "returned", page: h5 });
    expect(returned).toContainEqual({
      kind: "subsidy_cadre",
      status: "returned",
      page: `${PUBLIC_URL}/portal/bureau/#/subsidy/claims/${claim.id}`,
    });
  });
});
