/**
 * Seeding for scripts/bench/subsidy.ts: labourers by `COPY` (ID numbers encrypted as the app
 * does), then confirmed jobs in Shenzhen, outbox rows, tickets and accounts by `INSERT … SELECT`.
 * Nothing here is timed as ours.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";
import { maskIdNumber } from "../../src/lib/crypto";
import type { Deps } from "../../src/lib/ctx";
import { idCheckChar } from "../../src/lib/id-number";

/** Three villages in two counties; one cadre each. */
export const VILLAGES = ["450332102201", "450332100201", "450225101201"];

const tsv = (v: (string | number | boolean | null)[]) =>
  `${v.map((x) => (x === null ? "\\N" : String(x))).join("\t")}\n`;

async function copyIn(sql: postgres.Sql, statement: string, lines: Iterable<string>) {
  await pipeline(Readable.from(lines), await sql.unsafe(statement).writable());
}

/** `n` labourers (脱贫人口, able), each with a confirmed job outside Guangxi starting `startDate`. */
export async function seedPeople(sql: postgres.Sql, deps: Deps, n: number, startDate: string) {
  const cadres = VILLAGES.map(() => randomUUID());
  await sql`insert into users ${sql(
    VILLAGES.map((v, i) => ({
      id: cadres[i]!,
      role: "cadre",
      display_name: "帮扶干部",
      region_code: v,
    })),
  )}`;
  function* people() {
    for (let i = 0; i < n; i++) {
      const first17 = `450332${1960 + (i % 40)}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}${String(i % 1000).padStart(3, "0")}`;
      const full = first17 + idCheckChar(first17);
      const v = i % VILLAGES.length;
      yield tsv([
        `莫${i}`,
        deps.pii.encrypt(full),
        deps.pii.hash("id", `${full}#${i}`),
        maskIdNumber(full),
        "male",
        "1980-01-01",
        "tuopin",
        "full",
        VILLAGES[v]!,
        cadres[v]!,
      ]);
    }
  }
  await copyIn(
    sql,
    `copy labourers (name, id_number_enc, id_number_hash, id_number_masked, sex, birth_date,
      person_type, labour_capacity, village_code, assigned_cadre_user_id) from stdin`,
    people(),
  );
  await sql`insert into employments (labourer_id, source, employer_name, region_code, outside_guangxi,
      start_date, recorded_role, confirmed_at, confirmed_role)
    select id, 'self_found', '深圳市宝安区某电子厂', '440306', true, ${startDate}::date, 'cadre', now(), 'cadre'
    from labourers order by id`;
}

/** What a confirmation writes beside the employment (employments/service.ts): one outbox row each. */
export async function seedConfirmedOutbox(sql: postgres.Sql, limit: number) {
  await sql`insert into outbox (type, aggregate_id, payload)
    select 'employment.confirmed', id::text, '{}'::jsonb from employments order by id limit ${limit}`;
}

/**
 * What the labourer or cadre does before the check, written straight: one ticket per claim, a
 * bank card, `submitted` with its event and the outbox row `submitClaim` writes.
 */
export async function seedSubmissions(sql: postgres.Sql, deps: Deps) {
  const enc = deps.pii.encrypt("6222021234567890123");
  await sql`insert into subsidy_proofs (claim_id, ticket_no, amount_fen, storage_key, media_type,
      size_bytes, sha256, uploaded_role)
    select id, 'G' || (10000000 + row_number() over (order by id)), 28650 + (row_number() over (order by id) % 50000)::int,
      gen_random_uuid()::text, 'image/jpeg', 1000, repeat('0', 64), 'labourer'
    from subsidy_claims`;
  await sql`update subsidy_claims set status = 'submitted', submissions = 1, payee_account_type = 'bank_card',
    payee_account_enc = ${enc}, payee_account_masked = '6222***********0123'`;
  await sql`insert into subsidy_claim_events (claim_id, from_status, to_status, actor_role)
    select id, 'proposed', 'submitted', 'labourer' from subsidy_claims`;
  await sql`insert into outbox (type, aggregate_id, payload)
    select 'subsidy.claim-submitted', id::text, '{"submission":1}'::jsonb from subsidy_claims order by id`;
}

/** `n` claim-shaped rows (findings like the check's) as COPY text, for the anchor. */
export function claimRows(n: number, ids: { programme: string; policy: string }) {
  const findings = JSON.stringify([
    { code: "PERSON_TYPE_OK", outcome: "pass", text: "人员类别为脱贫人口" },
    { code: "DESTINATION_OK", outcome: "pass", text: "工作地在广东省深圳市" },
    { code: "AMOUNT", outcome: "info", text: "车票合计 286.50 元，核定 286.50 元" },
  ]);
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      tsv([
        randomUUID(),
        ids.programme,
        ids.policy,
        2026,
        randomUUID(),
        randomUUID(),
        VILLAGES[i % 3]!,
        "440306",
        "checked",
        "proposed",
        28650,
        true,
        findings,
      ]),
    );
  return out;
}

export const CLAIM_COPY_COLUMNS = `(id, programme_id, policy_id, policy_year, labourer_id, employment_id,
  village_code, destination_code, status, origin, amount_fen, check_passed, findings)`;

export { copyIn };
