/**
 * A registered labourer (valid ID number, encrypted and hashed PII, consent to be contacted) for
 * the notification tests, straight into Postgres; `fields` overrides any column.
 */
import { randomInt, randomUUID } from "node:crypto";
import { labourers } from "../../../db/schema/labourers";
import { maskIdNumber, maskPhone } from "../../../src/lib/crypto";
import type { Deps } from "../../../src/lib/ctx";
import { idCheckChar } from "../../../src/lib/id-number";

export async function insertLabourer(
  deps: Pick<Deps, "db" | "pii">,
  fields: Partial<typeof labourers.$inferInsert> = {},
): Promise<{ labourerId: string; phone: string }> {
  const first17 = `4503321980010${String(randomInt(0, 1000)).padStart(3, "0")}1`;
  const idNumber = first17 + idCheckChar(first17);
  const phone = `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
  const [l] = await deps.db
    .insert(labourers)
    .values({
      name: "莫秀兰",
      // The ID hash is made unique: the random ID number may repeat across tests.
      idNumberEnc: deps.pii.encrypt(idNumber),
      idNumberHash: deps.pii.hash("id", `${idNumber}-${randomUUID()}`),
      idNumberMasked: maskIdNumber(idNumber),
      sex: "female",
      birthDate: "1980-01-01",
      phoneEnc: deps.pii.encrypt(phone),
      phoneHash: deps.pii.hash("phone", phone),
      phoneMasked: maskPhone(phone),
      personType: "tuopin",
      labourCapacity: "full",
      workIntention: "local",
      villageCode: "450332100201",
      contactConsent: true,
      consentAt: new Date(),
      ...fields,
    })
    .returning({ id: labourers.id });
  return { labourerId: l!.id, phone };
}
