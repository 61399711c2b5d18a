import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { maskIdNumber, maskPhone } from "../../../src/lib/crypto";
import { createLogger } from "../../../src/lib/logger";
import { createHarness, type Harness } from "../../support/harness";
import { idNumber, phoneNumber, VILLAGES } from "../labourers/factory";

/**
 * A database error provoked on purpose (issue: staff could trigger one at will with a NUL byte)
 * is logged the way the API's onError logs it; the log must hold none of the row's personal data.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

function capture() {
  const chunks: string[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { log: createLogger("info", {}, dest), text: () => chunks.join("") };
}

function row(
  id: string,
  phone: string,
  extra: Partial<typeof labourers.$inferInsert> = {},
): typeof labourers.$inferInsert {
  return {
    name: "覃美兰",
    idNumberEnc: h.deps.pii.encrypt(id),
    idNumberHash: h.deps.pii.hash("id", id),
    idNumberMasked: maskIdNumber(id),
    sex: "female",
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    phoneEnc: h.deps.pii.encrypt(phone),
    phoneHash: h.deps.pii.hash("phone", phone),
    phoneMasked: maskPhone(phone),
    personType: "tuopin",
    labourCapacity: "full",
    villageCode: VILLAGES.gongcheng,
    ...extra,
  };
}

async function provoke(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (err) {
    return err;
  }
  throw new Error("expected the database to refuse the write");
}

function expectNoPersonalData(
  text: string,
  id: string,
  phone: string,
  stored: ReturnType<typeof row>,
) {
  const birth = stored.birthDate;
  for (const secret of [
    id,
    phone,
    "覃美兰",
    birth,
    id.slice(6, 14),
    stored.idNumberEnc,
    stored.idNumberHash,
    stored.phoneEnc!,
    stored.phoneHash!,
    stored.idNumberMasked,
  ]) {
    expect(text, `log holds ${secret}`).not.toContain(secret);
  }
}

describe("logs of database errors", () => {
  it("hold the statement and the error, never the values (NUL byte in a text column)", async () => {
    const id = idNumber("450332", { year: 1979, month: 11, day: 23 });
    const phone = phoneNumber();
    const stored = row(id, phone, { skills: ["电焊\u0000"] });
    const err = await provoke(() => h.deps.db.insert(labourers).values(stored));
    const { log, text } = capture();
    log.error({ err, requestId: "r1", path: "/api/v1/labourers" }, "unhandled error");
    const out = text();
    expect(out).toContain('insert into \\"labourers\\"');
    expectNoPersonalData(out, id, phone, stored);
  });

  it("hold the constraint and column, never the duplicate's value (unique violation detail)", async () => {
    const id = idNumber("450332", { year: 1983, month: 5, day: 17 });
    const phone = phoneNumber();
    const stored = row(id, phone);
    await h.deps.db.insert(labourers).values(stored);
    const err = await provoke(() => h.deps.db.insert(labourers).values(row(id, phone)));
    const { log, text } = capture();
    log.error({ err }, "unhandled error");
    log.error(err as Error, "direct");
    const out = text();
    expect(out).toMatch(/23505|duplicate key/);
    expectNoPersonalData(out, id, phone, stored);
  });

  it("hold nothing of a failing row's contents (not-null violation detail)", async () => {
    const id = idNumber("450332", { year: 1990, month: 2, day: 9 });
    const phone = phoneNumber();
    const stored = row(id, phone);
    const err = await provoke(() =>
      h.deps.db.insert(labourers).values({ ...stored, villageCode: null as unknown as string }),
    );
    const { log, text } = capture();
    log.error({ err }, "unhandled error");
    expectNoPersonalData(text(), id, phone, stored);
  });
});
