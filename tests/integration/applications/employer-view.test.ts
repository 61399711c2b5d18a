import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { notifications } from "../../../db/schema/notifications";
import { outbox } from "../../../db/schema/outbox";
import { createHarness, type Harness, json } from "../../support/harness";
import { apply, move, moves, openPosting, person, trainedPerson } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("the employer's view of applicants", () => {
  it("is masked until acceptance: surname + 某, township, age band, certificates — and nothing that unmasks", async () => {
    const posting = await openPosting(h);
    const p = await trainedPerson(h, { name: "莫秀英" });
    const app = await apply(h, p.as, posting.job.id);
    const res = await json(
      await h.api.get(`/api/v1/jobs/${posting.job.id}/applications`, posting.as),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [item] = res.body.items;
    expect(item).toMatchObject({ id: app.id, status: "submitted", contactAvailable: false });
    expect(item.applicant.name).toBe("莫某");
    expect(item.applicant.township).toBe("莲花镇");
    expect(item.applicant.ageBand).toMatch(/^\d0–\d9岁$/);
    expect(item.applicant.certificates).toEqual(["八桂家政"]);
    const text = JSON.stringify(res.body);
    for (const secret of [
      "莫秀英",
      p.labourer.id,
      p.labourer.input.phone,
      p.labourer.input.phone.slice(7),
      p.labourer.input.idNumber.slice(6, 14),
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(item).sort()).toEqual([
      "applicant",
      "appliedAt",
      "contactAvailable",
      "id",
      "nextMoves",
      "source",
      "status",
      "statusLabel",
    ]);

    const early = await json(await h.api.get(`/api/v1/applications/${app.id}/contact`, posting.as));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("APPLICATION_CONTACT_NOT_AVAILABLE");
    expect(await h.deps.db.$count(auditLog, eq(auditLog.entityId, p.labourer.id))).toBe(0);
  });

  it("after acceptance the name and phone come only through the audited, no-store contact read", async () => {
    const posting = await openPosting(h);
    const p = await person(h, { name: "韦桂兰" });
    const app = await apply(h, p.as, posting.job.id);
    await moves(h, posting.as, app.id, { to: "accepted" });
    const list = await json(
      await h.api.get(`/api/v1/jobs/${posting.job.id}/applications`, posting.as),
    );
    expect(list.body.items[0]).toMatchObject({ contactAvailable: true });
    expect(JSON.stringify(list.body)).not.toContain("韦桂兰");

    const res = await h.api.get(`/api/v1/applications/${app.id}/contact`, posting.as);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ name: "韦桂兰", phone: p.labourer.input.phone });
    const audits = await h.deps.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "application.contact.read"), eq(auditLog.entityId, p.labourer.id)),
      );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: posting.as.userId,
      actorRole: "employer",
      entityType: "labourer",
    });
    expect((audits[0]!.details as { applicationId: string }).applicationId).toBe(app.id);
  });

  it("another employer never sees or moves the applications (404), nor reads the contact", async () => {
    const posting = await openPosting(h);
    const rival = await openPosting(h);
    const p = await person(h);
    const app = await apply(h, p.as, posting.job.id);
    await moves(h, posting.as, app.id, { to: "accepted" });
    const list = await json(
      await h.api.get(`/api/v1/jobs/${posting.job.id}/applications`, rival.as),
    );
    expect(list.status).toBe(404);
    expect(list.body.error.code).toBe("JOB_NOT_FOUND");
    for (const body of [{ to: "hired", startDate: "2026-12-01" }, { to: "no_show" }]) {
      const res = await move(h, rival.as, app.id, body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("APPLICATION_NOT_FOUND");
    }
    const contact = await json(await h.api.get(`/api/v1/applications/${app.id}/contact`, rival.as));
    expect(contact.status).toBe(404);
    // Staff do not read contacts here either: they have the audited registry reads.
    expect(
      (
        await json(
          await h.api.get(`/api/v1/applications/${app.id}/contact`, await h.as.bureau("450332")),
        )
      ).status,
    ).toBe(404);
  });

  it("a county officer never sees another county's people's applications", async () => {
    const posting = await openPosting(h);
    const p = await person(h);
    const app = await apply(h, p.as, posting.job.id);
    const mine = await json(
      await h.api.get(
        `/api/v1/applications?labourerId=${p.labourer.id}`,
        await h.as.bureau("450332"),
      ),
    );
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([app.id]);
    const other = await h.as.bureau("450225");
    const theirs = await json(
      await h.api.get(`/api/v1/applications?labourerId=${p.labourer.id}`, other),
    );
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("LABOURER_NOT_FOUND");
    const withdraw = await move(h, other, app.id, { to: "withdrawn", reason: "family" });
    expect(withdraw.status).toBe(404);
    const applicants = await json(
      await h.api.get(`/api/v1/jobs/${posting.job.id}/applications`, other),
    );
    expect(applicants.status).toBe(404);
  });
});

describe("the labourer's side", () => {
  it("lists their applications with the state in plain Chinese and what happens next", async () => {
    const posting = await openPosting(h);
    const p = await person(h);
    const app = await apply(h, p.as, posting.job.id);
    await moves(h, posting.as, app.id, { to: "accepted" });
    const res = await json(await h.api.get("/api/v1/applications/mine", p.as));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      id: app.id,
      status: "accepted",
      statusLabel: "用工单位同意录用",
      canWithdraw: true,
      job: { id: posting.job.id, title: posting.job.title },
    });
    expect(res.body.items[0].next).toMatch(/报到/);
  });

  it("every move notifies the person; a rejection also their cadre — rows and outbox in the move's transaction", async () => {
    const posting = await openPosting(h);
    const cadre = await h.as.cadre("450332");
    const p = await person(h, { assignedCadreUserId: cadre.userId });
    const app = await apply(h, p.as, posting.job.id);
    await moves(
      h,
      posting.as,
      app.id,
      { to: "viewed" },
      { to: "rejected", reason: "position_filled" },
    );
    const rows = await h.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.labourerId, p.labourer.id));
    const toPerson = rows.filter((r) => r.kind === "application");
    const toCadre = rows.filter((r) => r.kind === "application_cadre");
    expect(toPerson.map((r) => (r.content as { status: string }).status).sort()).toEqual([
      "rejected",
      "viewed",
    ]);
    expect(toCadre).toHaveLength(1);
    expect(toCadre[0]!.userId).toBe(cadre.userId);
    expect((toCadre[0]!.content as { text: string }).text).toContain("岗位已招满");
    for (const n of rows) {
      expect(
        await h.deps.db.$count(
          outbox,
          and(eq(outbox.type, "notification.created"), eq(outbox.aggregateId, n.id)),
        ),
      ).toBe(1);
    }
  });
});
