import { eq } from "drizzle-orm";
import { completeCreditCode } from "../../src/lib/credit-code";
import { hashPassword, maskPhone } from "../../src/lib/crypto";
import type { Deps } from "../../src/lib/ctx";
import { findDuplicate, insertEmployer } from "../../src/modules/employers/repo";
import { checkEmployerFields } from "../../src/modules/employers/rules";
import type { EmployerType } from "../../src/modules/employers/schemas";
import { users } from "../schema/users";
import { DEMO_PASSWORD } from "./demo";

/**
 * Demo employers for `npm start`, all made up: certified workshops in 恭城/融水/三江/都安,
 * labour cooperatives, odd-job employers and village committees (no credit code, known by phone),
 * Guangxi enterprises for 区内企业岗位 and Guangdong enterprises for the cooperation channel.
 * Credit codes are generated from the 16-character prefixes below with correct GB 11714 and GB 32100 check characters; phones are
 * 1387730xxxx. Keyed by credit code or phone, so every start finds the same rows.
 */
interface DemoEmployer {
  name: string;
  type: EmployerType;
  region: string;
  /** Authority + type + registering region + 8-character organisation body; null: no credit code. */
  prefix: string | null;
  contact: string;
  workshopCert?: string;
  unverified?: true;
  /** A demo sign-in (password DEMO_PASSWORD). */
  login?: string;
}

const DEMO_EMPLOYERS: DemoEmployer[] = [
  {
    name: "恭城瑶族自治县莲花镇竹山村竹编就业帮扶车间",
    type: "workshop",
    region: "450332102",
    prefix: "92450332MA5K7B01",
    contact: "盘秀兰",
    workshopCert: "恭人社帮扶车间〔2023〕第 015 号",
    login: "gc_workshop",
  },
  {
    name: "恭城瑶族自治县恭城镇油茶加工就业帮扶车间",
    type: "workshop",
    region: "450332100",
    prefix: "91450332MA5K7C02",
    contact: "周建华",
    workshopCert: "恭人社帮扶车间〔2022〕第 008 号",
  },
  {
    name: "融水苗族自治县和睦镇电子元件就业帮扶车间",
    type: "workshop",
    region: "450225101",
    prefix: "91450225MA5L2D03",
    contact: "梁海燕",
    workshopCert: "融人社车间认〔2022〕12 号",
  },
  {
    name: "融水苗族自治县融水镇苗绣就业帮扶车间",
    type: "workshop",
    region: "450225100",
    prefix: "92450225MA5L2E04",
    contact: "贾春梅",
    workshopCert: "融人社车间认〔2023〕31 号",
  },
  {
    name: "三江侗族自治县古宜镇服装加工就业帮扶车间",
    type: "workshop",
    region: "450226100",
    prefix: "91450226MA5M3F05",
    contact: "吴金凤",
    workshopCert: "三人社帮扶车间〔2023〕第 4 号",
  },
  {
    name: "三江侗族自治县林溪镇侗茶就业帮扶车间",
    type: "workshop",
    region: "450226104",
    prefix: "92450226MA5M3G06",
    contact: "杨光荣",
    workshopCert: "三人社帮扶车间〔2024〕第 2 号",
    unverified: true,
  },
  {
    name: "都安瑶族自治县安阳镇假发加工就业帮扶车间",
    type: "workshop",
    region: "451228100",
    prefix: "91451228MA5N4H07",
    contact: "蓝丽华",
    workshopCert: "都人社帮扶车间〔2022〕第 21 号",
  },
  {
    name: "都安瑶族自治县高岭镇竹藤编就业帮扶车间",
    type: "workshop",
    region: "451228101",
    prefix: "92451228MA5N4J08",
    contact: "蒙德福",
    workshopCert: "都人社帮扶车间〔2023〕第 9 号",
  },
  {
    name: "恭城瑶族自治县农民劳务专业合作社",
    type: "cooperative",
    region: "450332100",
    prefix: "93450332MA5K8K09",
    contact: "赵文斌",
  },
  {
    name: "融水苗族自治县安太乡农民劳务专业合作社",
    type: "cooperative",
    region: "450225203",
    prefix: "93450225MA5L3L10",
    contact: "韦志强",
  },
  {
    name: "都安瑶族自治县地苏镇农民劳务专业合作社",
    type: "cooperative",
    region: "451228102",
    prefix: "93451228MA5N5M11",
    contact: "覃国庆",
  },
  {
    name: "莫师傅月柿果园（采摘临时工）",
    type: "individual",
    region: "450332102",
    prefix: null,
    contact: "莫振华",
  },
  {
    name: "杨师傅建房包工队",
    type: "individual",
    region: "450225100",
    prefix: null,
    contact: "杨永明",
  },
  {
    name: "吴老板茶园（采茶临时工）",
    type: "individual",
    region: "450226101",
    prefix: null,
    contact: "吴俊杰",
  },
  {
    name: "蓝师傅搬运装卸",
    type: "individual",
    region: "451228100",
    prefix: null,
    contact: "蓝海军",
  },
  {
    name: "恭城瑶族自治县莲花镇竹山村村民委员会",
    type: "public_welfare",
    region: "450332102201",
    prefix: null,
    contact: "黄月娥",
  },
  {
    name: "融水苗族自治县和睦镇古顶村村民委员会",
    type: "public_welfare",
    region: "450225101201",
    prefix: null,
    contact: "潘小燕",
  },
  {
    name: "都安瑶族自治县高岭镇定福村村民委员会",
    type: "public_welfare",
    region: "451228101201",
    prefix: null,
    contact: "韦红梅",
  },
  {
    name: "柳州市柳江区恒通汽车零部件有限公司",
    type: "enterprise",
    region: "450206",
    prefix: "91450206MA5P6R15",
    contact: "覃志刚",
  },
  {
    name: "梧州粤桂合作特别试验区华新电子有限公司",
    type: "enterprise",
    region: "450405",
    prefix: "91450405MA5Q7T16",
    contact: "李文华",
  },
  {
    name: "深圳市华睿电子科技有限公司",
    type: "enterprise",
    region: "440306",
    prefix: "91440306MA5F1N12",
    contact: "陈志明",
    login: "sz_employer",
  },
  {
    name: "深圳市安居物业管理有限公司",
    type: "enterprise",
    region: "440309",
    prefix: "91440309MA5F2P13",
    contact: "刘丽娟",
  },
  {
    name: "深圳市鹏城建筑劳务有限公司",
    type: "enterprise",
    region: "440307",
    prefix: "91440307MA5F3Q14",
    contact: "张国强",
  },
  {
    name: "东莞市联创电子有限公司",
    type: "enterprise",
    region: "441900101",
    prefix: "91441900MA5G1R15",
    contact: "李伟",
  },
  {
    name: "东莞市石龙制衣有限公司",
    type: "enterprise",
    region: "441900102",
    prefix: "91441900MA5G2T16",
    contact: "何美玲",
    unverified: true,
  },
  {
    name: "佛山市顺德区美厨电器有限公司",
    type: "enterprise",
    region: "440606",
    prefix: "91440606MA5H1U17",
    contact: "梁家豪",
  },
  {
    name: "佛山市南海区南粤家政服务有限公司",
    type: "enterprise",
    region: "440605",
    prefix: "91440605MA5H2W18",
    contact: "黄淑仪",
  },
  {
    name: "广州市白云区粤味轩餐饮管理有限公司",
    type: "enterprise",
    region: "440111",
    prefix: "91440111MA5J1X19",
    contact: "冯志坚",
  },
  {
    name: "广州市番禺区祥和养老服务有限公司",
    type: "enterprise",
    region: "440113",
    prefix: "91440113MA5J2Y20",
    contact: "邓慧敏",
  },
];

const phoneOf = (i: number) => `1387730${String(i + 1).padStart(4, "0")}`;

export async function seedDemoEmployers(deps: Deps): Promise<{ created: number; total: number }> {
  const [verifier] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, "gx_bureau"))
    .limit(1);
  let passwordHash: string | undefined;
  let created = 0;
  for (const [i, d] of DEMO_EMPLOYERS.entries()) {
    const v = await checkEmployerFields(deps.db, {
      name: d.name,
      type: d.type,
      creditCode: d.prefix ? completeCreditCode(d.prefix) : undefined,
      regionCode: d.region,
      contactName: d.contact,
      contactPhone: phoneOf(i),
      workshopCertificateNo: d.workshopCert,
    });
    const phoneHash = deps.pii.hash("phone", v.contactPhone);
    const existing = await findDuplicate(deps.db, { creditCode: v.creditCode, phoneHash });
    let employerId = existing?.id;
    if (!employerId) {
      const now = deps.now();
      const status = d.unverified ? ("unverified" as const) : ("verified" as const);
      const { contactPhone, ...fields } = v;
      const row = await insertEmployer(deps.db, {
        ...fields,
        contactPhoneEnc: deps.pii.encrypt(contactPhone),
        contactPhoneHash: phoneHash,
        contactPhoneMasked: maskPhone(contactPhone),
        verificationStatus: status,
        ...(status === "verified"
          ? {
              verifiedAt: now,
              verifiedBy: verifier?.id ?? null,
              statusChangedAt: now,
              statusChangedBy: verifier?.id ?? null,
              statusReason: "演示数据：已核验营业执照",
            }
          : {}),
      });
      if (!row) continue;
      employerId = row.id;
      created++;
    }
    if (d.login) {
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      await deps.db
        .insert(users)
        .values({
          username: d.login,
          passwordHash,
          role: "employer",
          displayName: d.name,
          employerId,
        })
        .onConflictDoNothing();
    }
  }
  return { created, total: DEMO_EMPLOYERS.length };
}
