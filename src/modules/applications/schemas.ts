import { z } from "@hono/zod-openapi";
import {
  APPLICATION_STATUSES,
  type ApplicationReason,
  HIRE_REJECT_REASONS,
  REJECT_REASONS,
  WITHDRAW_REASONS,
} from "./rules";

const Status = z.enum(APPLICATION_STATUSES).openapi({
  description:
    "submitted 已报名 / viewed 已查看 / accepted 同意录用 / rejected 未录用 / withdrawn 已撤回 / hired 已录用 / no_show 未报到 / hire_rejected 录用未获核实（县人社局不予确认）",
});
const REASONS = [
  ...new Set([
    ...Object.keys(REJECT_REASONS),
    ...Object.keys(WITHDRAW_REASONS),
    ...Object.keys(HIRE_REJECT_REASONS),
  ]),
] as [ApplicationReason, ...ApplicationReason[]];
const Reason = z.enum(REASONS).openapi({
  description: `不录用：${Object.entries(REJECT_REASONS)
    .map(([k, v]) => `${k} ${v}`)
    .join(" / ")}；撤回：${Object.entries(WITHDRAW_REASONS)
    .map(([k, v]) => `${k} ${v}`)
    .join(" / ")}；不予确认录用：${Object.entries(HIRE_REJECT_REASONS)
    .map(([k, v]) => `${k} ${v}`)
    .join(" / ")}`,
});
const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .openapi({ example: "2026-12-01" });

export const ApplyBody = z
  .object({
    jobId: z.uuid(),
    source: z
      .enum(["search", "detail", "recommendation"])
      .openapi({ description: "从哪里报名：search 搜索 / detail 岗位详情 / recommendation 推荐" }),
    recommendationId: z.uuid().optional(),
    labourerId: z.uuid().optional().openapi({ description: "帮扶干部、人社部门代为报名时必填" }),
    consent: z
      .object({
        method: z
          .enum(["phone", "in_person"])
          .openapi({ description: "本人同意的方式：phone 电话 / in_person 当面" }),
        at: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-25T09:30:00+08:00" }),
      })
      .optional()
      .openapi({ description: "代为报名时必填：本人何时、以何种方式同意" }),
    note: z.string().trim().max(200).optional(),
  })
  .openapi("ApplyBody");

export const MoveBody = z
  .object({
    to: Status,
    reason: Reason.optional(),
    note: z.string().trim().max(200).optional().openapi({ example: "家里老人生病" }),
    startDate: DateString.optional().openapi({ description: "录用上岗（hired）时必填" }),
    wageFen: z
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .openapi({ description: "约定工资（分），不填按岗位最低工资", example: 520_000 }),
    wageUnit: z.enum(["day", "month", "piece"]).optional(),
  })
  .openapi("ApplicationMoveBody");

export const ApplicationView = z
  .object({
    id: z.uuid(),
    jobId: z.uuid(),
    labourerId: z.uuid(),
    status: Status,
    statusLabel: z.string().openapi({ example: "已报名" }),
    source: z.enum(["search", "detail", "recommendation"]),
    recommendationId: z.uuid().nullable(),
    onBehalf: z.boolean(),
    createdAt: z.string(),
    statusChangedAt: z.string(),
  })
  .openapi("Application");

export const MoveResult = z
  .object({
    application: ApplicationView,
    employmentId: z.uuid().nullable().openapi({ description: "录用上岗时生成的就业记录" }),
  })
  .openapi("ApplicationMoveResult");

/** What an employer sees before acceptance: nothing that identifies or reaches the person. */
export const ApplicantView = z
  .object({
    id: z.uuid(),
    status: Status,
    statusLabel: z.string(),
    source: z.enum(["search", "detail", "recommendation"]),
    appliedAt: z.string(),
    applicant: z.object({
      name: z.string().openapi({
        example: "莫某",
        description: "只显示姓氏；同意录用后通过 /contact 查看姓名和电话",
      }),
      township: z.string().nullable().openapi({ example: "莲花镇" }),
      ageBand: z.string().openapi({ example: "40–49岁" }),
      certificates: z.array(z.string()).openapi({ example: ["八桂家政"] }),
    }),
    contactAvailable: z.boolean().openapi({ description: "已同意录用，可查看联系方式" }),
    nextMoves: z.array(Status),
  })
  .openapi("Applicant");

export const ApplicantPage = z
  .object({ items: z.array(ApplicantView), nextCursor: z.string().nullable() })
  .openapi("ApplicantPage");

export const MyApplicationView = z
  .object({
    id: z.uuid(),
    status: Status,
    statusLabel: z.string().openapi({ example: "用工单位同意录用" }),
    next: z.string().openapi({ example: "用工单位会打电话和您约定上岗时间，请按约定去报到。" }),
    canWithdraw: z.boolean(),
    onBehalf: z.boolean(),
    appliedAt: z.string(),
    statusChangedAt: z.string(),
    job: z.object({
      id: z.uuid(),
      title: z.string(),
      employerName: z.string(),
      placeName: z.string(),
      status: z.string(),
    }),
  })
  .openapi("MyApplication");

export const MyApplicationPage = z
  .object({ items: z.array(MyApplicationView), nextCursor: z.string().nullable() })
  .openapi("MyApplicationPage");

export const LabourerApplicationsQuery = z.object({
  labourerId: z.uuid(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ApplicantContactView = z
  .object({
    name: z.string().openapi({ example: "莫秀英" }),
    phone: z.string().nullable().openapi({ example: "13812345678" }),
    phoneMasked: z.string().nullable().openapi({ example: "138****5678" }),
  })
  .openapi("ApplicantContact");
