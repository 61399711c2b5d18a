import { hashPassword } from "../../src/lib/crypto";
import type { Deps } from "../../src/lib/ctx";
import { users } from "../schema/users";
import { seedDemoEmployers } from "./demo-employers";
import { seedDemoJobs } from "./demo-jobs";
import { seedDemoLabourers } from "./demo-labourers";
import { seedDemoTraining } from "./demo-training";

/** Password of every demo staff account; printed by `npm start`. Demo data only, never production. */
export const DEMO_PASSWORD = "gangtong-demo-2026";

export const DEMO_STAFF = [
  { username: "gx_bureau", role: "bureau", displayName: "广西壮族自治区人社厅", regionCode: "45" },
  { username: "guilin_bureau", role: "bureau", displayName: "桂林市人社局", regionCode: "4503" },
  {
    username: "gongcheng_bureau",
    role: "bureau",
    displayName: "恭城瑶族自治县就业服务中心",
    regionCode: "450332",
  },
  {
    username: "rongshui_bureau",
    role: "bureau",
    displayName: "融水苗族自治县就业服务中心",
    regionCode: "450225",
  },
  {
    username: "gongcheng_cadre",
    role: "cadre",
    displayName: "莲花镇帮扶干部 李明",
    regionCode: "450332",
  },
] as const;

export interface DemoSeedResult {
  staff: number;
  labourers: number;
  employers: number;
  passedEnrolments: number;
  jobs: number;
}

/**
 * Demo data for `npm start`: idempotent (keyed by natural keys), so every start may call it.
 * Modules add their own demo rows here.
 */
export async function seedDemo(deps: Deps): Promise<DemoSeedResult> {
  const hash = await hashPassword(DEMO_PASSWORD);
  let staff = 0;
  for (const s of DEMO_STAFF) {
    const res = await deps.db
      .insert(users)
      .values({ ...s, passwordHash: hash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    staff += res.length;
  }
  const labourers = await seedDemoLabourers(deps);
  const employers = await seedDemoEmployers(deps);
  // After the employers: postings are keyed by employer and go through the jobs service (and so the outbox).
  const jobs = await seedDemoJobs(deps);
  // After the labourers: courses enrol the demo labourers found in the database.
  const training = await seedDemoTraining(deps);
  return {
    staff,
    labourers: labourers.created,
    employers: employers.created,
    passedEnrolments: training.passed,
    jobs: jobs.created,
  };
}
