import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { OutboxRelay } from "../../../workers/outbox-relay";
import { startSubsidyWorker } from "../../../workers/subsidy";
import { type AuthAs, createHarness, eventually, type Harness, json } from "../../support/harness";
import { person, today } from "../applications/factory";

/**
 * A harness with its own DATA_DIR: ticket photos land in a directory no other test file counts
 * (tests/integration/employments/evidence.test.ts compares the shared evidence directory).
 */
export async function subsidyHarness(): Promise<Harness & { cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "gt-subsidy-"));
  const h = await createHarness({ env: { DATA_DIR: dir } });
  return { ...h, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The relay and the subsidy worker beside the app, as `npm start` runs them. */
export async function subsidyPipeline(h: Harness) {
  const relay = new OutboxRelay(h.deps, { pollMs: 100 });
  await relay.start();
  const worker = startSubsidyWorker(h.deps);
  return {
    async stop() {
      await relay.stop();
      await worker.close();
    },
  };
}

/** The smallest bytes a JPEG check accepts: the SOI marker and an APP0 header. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

/** A labourer with a job recorded by their cadre in `regionCode` (Shenzhen 宝安 by default), confirmed unless told not to. */
export async function hiredOutside(
  h: Harness,
  opts: {
    regionCode?: string;
    confirm?: boolean;
    person?: Record<string, unknown>;
    startDate?: string;
  } = {},
) {
  const p = await person(h, opts.person ?? {});
  const cadre = await h.as.cadre("450332");
  const bureau = await h.as.bureau("450332");
  const rec = await json(
    await h.api.post(
      "/api/v1/employments",
      {
        labourerId: p.labourer.id,
        source: "self_found",
        employerName: "深圳市宝安区某电子厂",
        regionCode: opts.regionCode ?? "440306",
        startDate: opts.startDate ?? today(),
        wageFen: 520_000,
        wageUnit: "month",
      },
      cadre,
    ),
  );
  expect(rec.status, JSON.stringify(rec.body)).toBe(201);
  if (opts.confirm !== false) {
    const ok = await json(
      await h.api.post(
        `/api/v1/employments/${rec.body.id}/confirm`,
        { note: "已电话核实用工单位" },
        cadre,
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  }
  return { ...p, employmentId: rec.body.id as string, cadre, bureau };
}

export async function uploadTicket(
  h: Harness,
  as: AuthAs,
  claimId: string,
  ticketNo: string,
  amountFen: number,
  bytes: Uint8Array = JPEG,
  /** The day on the ticket and its leg: today's outbound unless told; null leaves the field out. */
  travel: { travelDate?: string | null; leg?: string | null } = {},
) {
  const form = new FormData();
  form.set("file", new File([bytes], "ticket.jpg", { type: "image/jpeg" }));
  form.set("ticketNo", ticketNo);
  form.set("amountFen", String(amountFen));
  const travelDate = travel.travelDate === undefined ? today() : travel.travelDate;
  const leg = travel.leg === undefined ? "outbound" : travel.leg;
  if (travelDate !== null) form.set("travelDate", travelDate);
  if (leg !== null) form.set("leg", leg);
  return json(
    await h.api.raw(`/api/v1/subsidy-claims/${claimId}/proofs`, {
      method: "POST",
      headers: as.headers,
      body: form,
    }),
  );
}

/** The labourer's claim once the proposal worker has made it. */
export async function proposedClaim(h: Harness, as: AuthAs) {
  return eventually(async () => {
    const list = await json(await h.api.get("/api/v1/subsidy-claims", as));
    return list.body.items?.[0] as { id: string; status: string } | undefined;
  });
}

/** Submits with a bank card and waits for the automatic check. */
export async function submitAndCheck(h: Harness, as: AuthAs, claimId: string) {
  const sub = await json(
    await h.api.post(
      `/api/v1/subsidy-claims/${claimId}/submit`,
      { payee: { accountType: "bank_card", accountNumber: "6222 0212 3456 7890 123" } },
      as,
    ),
  );
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  return eventually(async () => {
    const c = await json(await h.api.get(`/api/v1/subsidy-claims/${claimId}`, as));
    return c.body.status === "checked" ? c.body : undefined;
  });
}
