import { and, eq, inArray } from "drizzle-orm";
import { employers } from "../schema/employers";
import { jobs } from "../schema/jobs";
import { systemCtx, type Deps } from "../../src/lib/ctx";
import { createJob, openJob } from "../../src/modules/jobs/service";
import type { CreateJobInput } from "../../src/modules/jobs/schemas";

/**
 * Demo postings for `npm start`, made up but plausible: odd jobs at Guangxi harvests and
 * building sites (日薪 120–220 元), assistance-workshop jobs near home (月薪 2,000–3,500 元 or
 * piece rates), Guangdong cooperation jobs with point-to-point buses from Guangxi counties
 * (普工 深圳 4,500–6,500 元), enterprise jobs inside Guangxi (柳州 auto parts, a park co-built
 * with Guangdong; 3,800–5,600 元 a month) and village public-welfare posts (800–1,200 元). They go through
 * the jobs service, so the outbox indexes them once the workers run. Keyed by employer + title:
 * a posting that is still a draft or open is never duplicated; one that has ended is posted anew,
 * so the demo stays alive across restarts.
 */
type Demo = Omit<CreateJobInput, "employerId" | "contactPhone" | "skills" | "certificates" | "benefits" | "description"> & {
  employer: string;
  description?: string;
  skills?: string[];
  certificates?: string[];
  benefits?: string[];
  /** Odd jobs: work starts this many days from today, for `days` days. */
  startInDays?: number;
  days?: number;
};

const yuan = (n: number) => n * 100;
const GD = { pointToPoint: true, boardAndLodging: true };
const MONTH = "month" as const;
const DAY = "day" as const;

const DEMO_JOBS: Demo[] = [
  // 零工 odd jobs
  { employer: "莫师傅月柿果园（采摘临时工）", channel: "odd_job", title: "恭城月柿采摘工（日结）", occupation: "采摘工", headcount: 15, wageMinFen: yuan(120), wageMaxFen: yuan(150), wageUnit: DAY, regionCode: "450332102", meetingPoint: "莲花镇竹山村村口大榕树下，早上 7 点", contactName: "莫振华", startInDays: 3, days: 20, description: "采摘、分拣月柿，自带草帽手套。中午管一餐，当天现金结算。男女不限，60 岁以下身体健康即可。", benefits: ["管午饭", "日结"] },
  { employer: "吴老板茶园（采茶临时工）", channel: "odd_job", title: "三江春茶采茶工", occupation: "采茶工", headcount: 20, wageMinFen: yuan(120), wageMaxFen: yuan(180), wageUnit: DAY, regionCode: "450226101", meetingPoint: "斗江镇政府门口，早上 6 点半有车接送", contactName: "吴俊杰", startInDays: 5, days: 30, description: "手工采摘一芽一叶、一芽两叶，按采摘斤数另有奖励。新手有师傅带。", benefits: ["包接送", "日结"] },
  { employer: "杨师傅建房包工队", channel: "odd_job", title: "融水县城自建房小工", occupation: "建筑小工", headcount: 4, wageMinFen: yuan(180), wageMaxFen: yuan(220), wageUnit: DAY, regionCode: "450225100", meetingPoint: "融水镇寿星路工地", contactName: "杨永明", startInDays: 2, days: 25, description: "搬砖、和砂浆、清理工地，能吃苦，55 岁以下。", benefits: ["日结"] },
  { employer: "蓝师傅搬运装卸", channel: "odd_job", title: "都安县城物流装卸工（计件）", occupation: "装卸工", headcount: 6, wageMinFen: 80, wageMaxFen: 120, wageUnit: "piece", regionCode: "451228100", meetingPoint: "安阳镇物流园 3 号仓", contactName: "蓝海军", startInDays: 1, days: 14, description: "装卸日用品、化肥，按件计酬，每件 0.8–1.2 元，熟手每天 200 元以上。" },
  { employer: "恭城瑶族自治县农民劳务专业合作社", channel: "odd_job", title: "恭城沙田柚套袋工", occupation: "果园工", headcount: 30, wageMinFen: yuan(130), wageMaxFen: yuan(150), wageUnit: DAY, regionCode: "450332100", meetingPoint: "恭城镇合作社门口，早上 7 点统一乘车", contactName: "赵文斌", startInDays: 7, days: 15, description: "给沙田柚套袋、疏果，合作社统一组织、统一结算。", benefits: ["包接送", "管午饭"] },
  { employer: "融水苗族自治县安太乡农民劳务专业合作社", channel: "odd_job", title: "安太乡杉木林抚育工", occupation: "林业工", headcount: 12, wageMinFen: yuan(160), wageMaxFen: yuan(200), wageUnit: DAY, regionCode: "450225203", meetingPoint: "安太乡合作社", contactName: "韦志强", startInDays: 4, days: 30, description: "杉木林除草、修枝，工具由合作社提供。" },
  { employer: "都安瑶族自治县地苏镇农民劳务专业合作社", channel: "odd_job", title: "地苏镇甘蔗砍收工", occupation: "甘蔗砍收工", headcount: 25, wageMinFen: yuan(150), wageMaxFen: yuan(200), wageUnit: DAY, regionCode: "451228102", meetingPoint: "地苏镇糖厂收购点", contactName: "覃国庆", startInDays: 10, days: 40, description: "砍蔗、剥叶、装车，按天结算，多劳多得。" },
  // 帮扶车间 assistance workshops
  { employer: "恭城瑶族自治县莲花镇竹山村竹编就业帮扶车间", channel: "workshop", title: "竹编工（在家门口上班，可接送孩子）", occupation: "竹编工", headcount: 20, wageMinFen: yuan(2200), wageMaxFen: yuan(3200), wageUnit: MONTH, regionCode: "450332102", contactName: "盘秀兰", description: "编织竹篮、果盘等出口竹制品，零基础免费培训，时间灵活，优先吸纳脱贫户和监测对象。", skills: ["竹编"], benefits: ["免费培训", "时间灵活"] },
  { employer: "恭城瑶族自治县恭城镇油茶加工就业帮扶车间", channel: "workshop", title: "油茶加工包装工", occupation: "包装工", headcount: 8, wageMinFen: yuan(2300), wageMaxFen: yuan(3000), wageUnit: MONTH, regionCode: "450332100", contactName: "周建华", description: "恭城油茶茶叶炒制后的分装、封口、装箱。", benefits: ["包午餐", "购买工伤保险"] },
  { employer: "融水苗族自治县和睦镇电子元件就业帮扶车间", channel: "workshop", title: "电子元件插件工", occupation: "插件工", headcount: 30, wageMinFen: yuan(2500), wageMaxFen: yuan(3500), wageUnit: MONTH, regionCode: "450225101", contactName: "梁海燕", description: "电阻、电容手工插件和简单焊接，坐班，有空调。视力良好即可。", skills: ["插件", "焊接"], benefits: ["空调车间", "全勤奖"] },
  { employer: "融水苗族自治县融水镇苗绣就业帮扶车间", channel: "workshop", title: "苗绣刺绣工（计件）", occupation: "刺绣工", headcount: 15, wageMinFen: yuan(15), wageMaxFen: yuan(60), wageUnit: "piece", regionCode: "450225100", contactName: "贾春梅", description: "苗绣绣片加工，可领料回家做，按件计酬每片 15–60 元。", skills: ["苗绣"], benefits: ["可居家加工"] },
  { employer: "三江侗族自治县古宜镇服装加工就业帮扶车间", channel: "workshop", title: "服装车工（平车）", occupation: "缝纫工", headcount: 25, wageMinFen: yuan(2800), wageMaxFen: yuan(4000), wageUnit: MONTH, regionCode: "450226100", contactName: "吴金凤", description: "童装、女装平车缝制，计件为主保底 2,800 元，熟手 4,000 元以上。", skills: ["平车"], benefits: ["保底工资", "包午餐"] },
  { employer: "三江侗族自治县林溪镇侗茶就业帮扶车间", channel: "workshop", title: "侗茶加工工", occupation: "制茶工", headcount: 6, wageMinFen: yuan(2200), wageMaxFen: yuan(2800), wageUnit: MONTH, regionCode: "450226104", contactName: "杨光荣", description: "茶叶萎凋、揉捻、烘干，有师傅带。" },
  { employer: "都安瑶族自治县安阳镇假发加工就业帮扶车间", channel: "workshop", title: "假发手工钩织工", occupation: "假发加工工", headcount: 40, wageMinFen: yuan(2400), wageMaxFen: yuan(3600), wageUnit: MONTH, regionCode: "451228100", contactName: "蓝丽华", description: "出口假发手工钩织，包教包会，计件加保底。", benefits: ["包教包会", "保底工资"] },
  { employer: "都安瑶族自治县高岭镇竹藤编就业帮扶车间", channel: "workshop", title: "竹藤编织工", occupation: "竹编工", headcount: 15, wageMinFen: yuan(2000), wageMaxFen: yuan(3000), wageUnit: MONTH, regionCode: "451228101", contactName: "蒙德福", description: "藤椅、藤篮编织，半劳动力也可以做，时间自由。", skills: ["竹编", "藤编"] },
  // 粤桂劳务协作 Guangdong cooperation
  { employer: "深圳市华睿电子科技有限公司", channel: "gd_gx", title: "深圳宝安电子厂普工（点对点接送）", occupation: "普工", headcount: 80, wageMinFen: yuan(4500), wageMaxFen: yuan(6500), wageUnit: MONTH, regionCode: "440306", departureRegionCode: "450332", ...GD, contactName: "陈志明", ageMin: 18, ageMax: 45, description: "手机配件组装、检测，坐班，两班倒。恭城县城统一乘大巴直达厂区，路费公司报销。", skills: ["装配"], benefits: ["包吃住", "五险一金", "点对点接送"] },
  { employer: "深圳市华睿电子科技有限公司", channel: "gd_gx", title: "SMT 操作员", occupation: "SMT操作员", headcount: 20, wageMinFen: yuan(5000), wageMaxFen: yuan(7000), wageUnit: MONTH, regionCode: "440306", departureRegionCode: "450225", ...GD, contactName: "陈志明", ageMin: 18, ageMax: 40, description: "贴片机上料、巡检，有电子厂经验优先，无经验可培训。", skills: ["SMT"], benefits: ["包吃住", "五险一金"] },
  { employer: "深圳市安居物业管理有限公司", channel: "gd_gx", title: "深圳龙华小区保安员", occupation: "保安员", headcount: 15, wageMinFen: yuan(4200), wageMaxFen: yuan(5200), wageUnit: MONTH, regionCode: "440309", departureRegionCode: "451228", ...GD, contactName: "刘丽娟", ageMin: 18, ageMax: 50, description: "小区门岗、巡逻，12 小时两班，月休 4 天。", benefits: ["包吃住", "购买社保"] },
  { employer: "深圳市安居物业管理有限公司", channel: "gd_gx", title: "深圳龙华写字楼保洁员", occupation: "保洁员", headcount: 10, wageMinFen: yuan(3800), wageMaxFen: yuan(4500), wageUnit: MONTH, regionCode: "440309", departureRegionCode: "450226", ...GD, contactName: "刘丽娟", ageMax: 58, description: "写字楼公共区域保洁，白班。", benefits: ["包住", "餐补"] },
  { employer: "深圳市鹏城建筑劳务有限公司", channel: "gd_gx", title: "深圳龙岗建筑钢筋工", occupation: "钢筋工", headcount: 30, wageMinFen: yuan(8000), wageMaxFen: yuan(11000), wageUnit: MONTH, regionCode: "440307", departureRegionCode: "450225", ...GD, contactName: "张国强", ageMax: 55, certificates: ["bagui-jiangong"], description: "住宅项目钢筋绑扎，持八桂建工证书优先，按月结清。", benefits: ["包住", "按月结清"] },
  { employer: "东莞市联创电子有限公司", channel: "gd_gx", title: "东莞石碣电子厂普工", occupation: "普工", headcount: 60, wageMinFen: yuan(4300), wageMaxFen: yuan(6000), wageUnit: MONTH, regionCode: "441900101", departureRegionCode: "451228", ...GD, contactName: "李伟", ageMin: 18, ageMax: 45, description: "电源适配器流水线组装，长白班。", benefits: ["包吃住", "五险一金", "点对点接送"] },
  { employer: "东莞市石龙制衣有限公司", channel: "gd_gx", title: "东莞石龙制衣厂车位工", occupation: "缝纫工", headcount: 20, wageMinFen: yuan(5000), wageMaxFen: yuan(7500), wageUnit: MONTH, regionCode: "441900102", departureRegionCode: "450226", ...GD, contactName: "何美玲", description: "针织服装车位，计件。" },
  { employer: "佛山市顺德区美厨电器有限公司", channel: "gd_gx", title: "顺德小家电装配工", occupation: "装配工", headcount: 40, wageMinFen: yuan(4800), wageMaxFen: yuan(6500), wageUnit: MONTH, regionCode: "440606", departureRegionCode: "450332", ...GD, contactName: "梁家豪", ageMin: 18, ageMax: 45, description: "电饭煲、空气炸锅装配和包装。", certificates: [], benefits: ["包吃住", "五险一金"] },
  { employer: "佛山市南海区南粤家政服务有限公司", channel: "gd_gx", title: "佛山家政服务员（住家）", occupation: "家政服务员", headcount: 20, wageMinFen: yuan(5000), wageMaxFen: yuan(8000), wageUnit: MONTH, regionCode: "440605", departureRegionCode: "450225", ...GD, contactName: "黄淑仪", ageMax: 55, certificates: ["bagui-jiazheng"], description: "做饭、保洁、照顾老人，持八桂家政或南粤家政证书优先，公司统一培训上岗。", benefits: ["包吃住", "带薪假"] },
  { employer: "佛山市南海区南粤家政服务有限公司", channel: "gd_gx", title: "母婴护理员", occupation: "母婴护理员", headcount: 10, wageMinFen: yuan(7000), wageMaxFen: yuan(12000), wageUnit: MONTH, regionCode: "440605", departureRegionCode: "450332", ...GD, contactName: "黄淑仪", ageMin: 25, ageMax: 55, certificates: ["bagui-jiazheng"], description: "新生儿和产妇护理，需持证。" },
  { employer: "广州市白云区粤味轩餐饮管理有限公司", channel: "gd_gx", title: "广州白云米粉师傅", occupation: "米粉师傅", headcount: 5, wageMinFen: yuan(6000), wageMaxFen: yuan(8000), wageUnit: MONTH, regionCode: "440111", departureRegionCode: "450332", ...GD, contactName: "冯志坚", certificates: ["bagui-mifen"], description: "桂林米粉卤水熬制、出品，持八桂米粉师傅证书。" },
  { employer: "广州市白云区粤味轩餐饮管理有限公司", channel: "gd_gx", title: "广州餐厅帮厨", occupation: "厨工", headcount: 8, wageMinFen: yuan(4500), wageMaxFen: yuan(5500), wageUnit: MONTH, regionCode: "440111", departureRegionCode: "451228", ...GD, contactName: "冯志坚", description: "洗菜、切配、打荷。" },
  { employer: "广州市番禺区祥和养老服务有限公司", channel: "gd_gx", title: "番禺养老护理员", occupation: "养老护理员", headcount: 12, wageMinFen: yuan(4800), wageMaxFen: yuan(6000), wageUnit: MONTH, regionCode: "440113", departureRegionCode: "450226", ...GD, contactName: "邓慧敏", ageMax: 55, certificates: ["bagui-jiazheng"], description: "养老院老人生活照料，三班倒，公司免费培训。" },
  // 区内企业岗位 enterprise jobs inside Guangxi (002 §12), one in a park co-built with Guangdong (001)
  { employer: "柳州市柳江区恒通汽车零部件有限公司", channel: "enterprise", title: "柳州汽车零部件厂装配工", occupation: "装配工", headcount: 40, wageMinFen: yuan(4200), wageMaxFen: yuan(5600), wageUnit: MONTH, regionCode: "450206", contactName: "覃志刚", ageMin: 18, ageMax: 50, description: "汽车座椅骨架、线束装配，两班倒，月休 4 天，新手有师傅带。区内其他县的工友厂里安排宿舍。", benefits: ["包住", "五险一金", "餐补"] },
  { employer: "梧州粤桂合作特别试验区华新电子有限公司", channel: "enterprise", coBuiltPark: true, title: "粤桂合作特别试验区电子厂普工", occupation: "普工", headcount: 30, wageMinFen: yuan(3800), wageMaxFen: yuan(5000), wageUnit: MONTH, regionCode: "450405", contactName: "李文华", ageMin: 18, ageMax: 48, description: "粤桂共建产业园区内的电子元件组装、检测，坐班，长白班为主。", benefits: ["包住", "购买社保"] },
  // 乡村公益性岗位 public-welfare posts
  { employer: "恭城瑶族自治县莲花镇竹山村村民委员会", channel: "public_welfare", title: "竹山村保洁员", occupation: "保洁员", headcount: 2, wageMinFen: yuan(1000), wageMaxFen: yuan(1000), wageUnit: MONTH, regionCode: "450332102201", contactName: "黄月娥", description: "村道、公共场所日常保洁，每天约 4 小时，优先安置本村弱劳动力、半劳动力脱贫人口。" },
  { employer: "恭城瑶族自治县莲花镇竹山村村民委员会", channel: "public_welfare", title: "竹山村护林员", occupation: "护林员", headcount: 1, wageMinFen: yuan(1200), wageMaxFen: yuan(1200), wageUnit: MONTH, regionCode: "450332102201", contactName: "黄月娥", description: "巡山护林、防火宣传。" },
  { employer: "融水苗族自治县和睦镇古顶村村民委员会", channel: "public_welfare", title: "古顶村护路员", occupation: "护路员", headcount: 2, wageMinFen: yuan(800), wageMaxFen: yuan(1000), wageUnit: MONTH, regionCode: "450225101201", contactName: "潘小燕", description: "村道巡查、清理塌方和杂草。" },
  { employer: "都安瑶族自治县高岭镇定福村村民委员会", channel: "public_welfare", title: "定福村水管员", occupation: "水管员", headcount: 1, wageMinFen: yuan(900), wageMaxFen: yuan(1100), wageUnit: MONTH, regionCode: "451228101201", contactName: "韦红梅", description: "村屯饮水工程巡查、简单维修。" },
];

const day = (offset: number, from: Date) => new Date(from.getTime() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);
const demoPhone = (i: number) => `1387731${String(i + 1).padStart(4, "0")}`;

export async function seedDemoJobs(deps: Deps): Promise<{ created: number; opened: number }> {
  const ctx = systemCtx(deps, "demo-seed");
  const names = [...new Set(DEMO_JOBS.map((d) => d.employer))];
  const found = await deps.db.select({ id: employers.id, name: employers.name, status: employers.verificationStatus })
    .from(employers).where(inArray(employers.name, names));
  const byName = new Map(found.map((e) => [e.name, e]));
  let created = 0;
  let opened = 0;
  for (const [i, d] of DEMO_JOBS.entries()) {
    const employer = byName.get(d.employer);
    if (!employer) continue;
    const live = await deps.db.select({ id: jobs.id }).from(jobs)
      .where(and(eq(jobs.employerId, employer.id), eq(jobs.title, d.title), inArray(jobs.status, ["draft", "open"]))).limit(1);
    if (live.length > 0) continue;
    const { employer: _name, startInDays, days, ...fields } = d;
    const now = deps.now();
    const input: CreateJobInput = {
      description: "", skills: [], certificates: [], benefits: [], ...fields, employerId: employer.id, contactPhone: demoPhone(i),
      ...(d.channel === "odd_job"
        ? { workStartOn: day(startInDays ?? 1, now), workEndOn: day((startInDays ?? 1) + (days ?? 7), now) }
        : { expiresAt: new Date(now.getTime() + 150 * 24 * 3600 * 1000).toISOString() }),
    };
    const job = await createJob(ctx, input);
    created++;
    if (employer.status === "verified") {
      await openJob(ctx, job.id);
      opened++;
    }
  }
  return { created, opened };
}
