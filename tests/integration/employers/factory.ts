import { randomInt } from "node:crypto";
import { completeCreditCode } from "../../../src/lib/credit-code";
import type { AuthAs, Harness } from "../../support/harness";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** A fresh, valid GB 32100 code registered in `region` (6 digits): 91 enterprise by default. */
export function randomCreditCode(region = "450332", kind = "91"): string {
  const body = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return completeCreditCode(`${kind}${region}${body}`);
}

export const randomPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

export function employerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `恭城县测试竹编厂${randomInt(100000)}`,
    type: "enterprise",
    creditCode: randomCreditCode(),
    regionCode: "450332",
    address: "恭城瑶族自治县莲花镇",
    contactName: "黄秀英",
    contactPhone: randomPhone(),
    ...overrides,
  };
}

/** An employer created through the API by a bureau user of its county; returns its view. */
export async function makeEmployer(
  h: Harness,
  overrides: Record<string, unknown> = {},
  as?: AuthAs,
) {
  const body = employerBody(overrides);
  const county = String(body.regionCode).slice(0, 6);
  const res = await h.api.post("/api/v1/employers", body, as ?? (await h.as.bureau(county)));
  const json = await res.json();
  if (res.status !== 201) throw new Error(`makeEmployer: ${res.status} ${JSON.stringify(json)}`);
  return json as { id: string; regionCode: string; verification: { status: string } } & Record<
    string,
    any
  >;
}

/** Signs in as a user of that employer. */
export const asEmployer = (h: Harness, employerId: string) => h.as.user("employer", { employerId });
