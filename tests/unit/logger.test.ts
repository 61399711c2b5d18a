import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubText } from "../../src/lib/logger";

const ID = "451027199001015253";
const PHONE = "13807712345";

/** A logger writing into an array; each entry is one parsed JSON line. */
function capture(bindings: Record<string, unknown> = {}) {
  const lines: Record<string, any>[] = [];
  const raw: string[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      raw.push(chunk.toString());
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  const log = createLogger("debug", bindings, dest);
  return { log, lines, text: () => raw.join("") };
}

describe("log redaction", () => {
  it("censors secret fields at the top level and deep inside objects and arrays", () => {
    const { log, lines, text } = capture();
    log.info(
      {
        phone: PHONE,
        idNumber: ID,
        password: "hunter2-secret",
        token: "eyJhbGciOi.abc.def",
        body: { labourer: { household: { members: [{ idCard: ID, Mobile: PHONE }] } } },
        headers: { authorization: "Bearer eyJhbGciOi.abc.def", cookie: "sid=1" },
        passwordHash: "scrypt$1",
        accessToken: "wx-token",
        name: "莫秀兰",
      },
      "registered",
    );
    const line = lines[0]!;
    for (const k of ["phone", "idNumber", "password", "token", "passwordHash", "accessToken"])
      expect(line[k], k).toBe("[redacted]");
    expect(line.body.labourer.household.members[0]).toEqual({
      idCard: "[redacted]",
      Mobile: "[redacted]",
    });
    expect(line.headers).toEqual({ authorization: "[redacted]", cookie: "[redacted]" });
    expect(line.name).toBe("莫秀兰");
    for (const secret of [ID, PHONE, "hunter2-secret", "eyJhbGciOi", "wx-token"])
      expect(text()).not.toContain(secret);
  });

  it("masks ID and phone numbers inside message strings and interpolated arguments", () => {
    const { log, lines, text } = capture();
    log.info(`身份证 ${ID} 已登记`);
    log.warn({ labourerId: "abc" }, "call %s about %s", PHONE, `X${ID}Y`);
    log.info({ note: `联系电话 ${PHONE}`, list: [`${ID}`] }, "note");
    expect(lines[0]!.msg).toBe("身份证 451027********5253 已登记");
    expect(lines[1]!.msg).toBe("call 138****2345 about X451027********5253Y");
    expect(lines[2]!.note).toBe("联系电话 138****2345");
    expect(lines[2]!.list).toEqual(["451027********5253"]);
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
  });

  it("masks numbers in errors (message, stack, driver detail) but keeps the error code", () => {
    const { log, lines, text } = capture();
    const err = Object.assign(new Error(`duplicate key ${ID}`), {
      code: "23505",
      detail: `Key (phone)=(${PHONE}) already exists`,
    });
    log.error({ err }, "insert failed");
    log.error({ cause: err }, "nested");
    log.error(err, "direct");
    for (const e of [lines[0]!.err, lines[1]!.cause, lines[2]!.err]) {
      expect(e).toMatchObject({
        type: "Error",
        code: "23505",
        message: "duplicate key 451027********5253",
        detail: "Key (phone)=([redacted]) already exists",
      });
      expect(e.stack).toContain("451027********5253");
    }
    expect(text()).not.toContain(ID);
    expect(text()).not.toContain(PHONE);
  });

  it("redacts child-logger bindings too", () => {
    const { log, lines, text } = capture();
    log.child({ requestId: "r1", phone: PHONE }).info("hello");
    expect(lines[0]).toMatchObject({ requestId: "r1", phone: "[redacted]", msg: "hello" });
    expect(text()).not.toContain(PHONE);
  });

  it("leaves numbers that are not ID or phone numbers alone", () => {
    expect(scrubText("order 20240101 amount 12345678901234567890 region 450332100201")).toBe(
      "order 20240101 amount 12345678901234567890 region 450332100201",
    );
    expect(scrubText("+8613807712345")).toBe("+86138****2345");
    expect(scrubText("电话 138-0771-2345 或 +86 138 0771 2345")).toBe(
      "电话 138-****-2345 或 +86 138 **** 2345",
    );
    expect(scrubText("45102719900101525x")).toBe("451027********525x");
  });
});
