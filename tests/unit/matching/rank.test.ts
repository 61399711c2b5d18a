import { describe, expect, it } from "vitest";
import { rankCandidates } from "../../../src/modules/matching/rank";
import type { CandidateJob } from "../../../src/modules/matching/types";
import { ancestry, job, NOW, profile } from "./gen";

const ids = (xs: { job: CandidateJob }[]) => xs.map((s) => s.job.id);
/** Postings that differ only in distance: j-0 nearest. */
const row = (n: number, over: Partial<CandidateJob> = {}) =>
  Array.from({ length: n }, (_, i) =>
    job({
      id: `j-${i}`,
      employerId: `e-${i}`,
      location: { lat: 24.83 + i * 0.01, lng: 110.83 },
      ...over,
    }),
  );

describe("rankCandidates", () => {
  it("never returns what the person declined, applied to or was hired for", () => {
    const p = profile({
      declined: [{ jobId: "j-0", reason: "too_far" }],
      appliedJobIds: ["j-1"],
      hiredJobIds: ["j-2"],
    });
    const r = rankCandidates(p, row(6), { now: NOW });
    expect(ids(r.picks)).toEqual(["j-3", "j-4", "j-5"]);
    expect(r.excluded).toEqual({
      declined: ["j-0"],
      applied: ["j-1"],
      hired: ["j-2"],
      full: [],
      expired: [],
    });
  });

  it("never returns a posting past its deadline, even one still marked open", () => {
    const jobs = row(4);
    jobs[0] = { ...jobs[0]!, expiresAt: new Date(NOW.getTime() - 1) };
    jobs[1] = { ...jobs[1]!, expiresAt: new Date(NOW.getTime()) };
    jobs[2] = { ...jobs[2]!, expiresAt: new Date(NOW.getTime() + 60_000) };
    const r = rankCandidates(profile(), jobs, { now: NOW });
    expect(ids(r.picks)).toEqual(["j-2", "j-3"]);
    expect(r.excluded.expired).toEqual(["j-0", "j-1"]);
  });

  it("puts fitting Guangdong jobs before local work for someone going out, and the safety net last", () => {
    const p = profile({ workIntention: "out_province", occupations: ["家政服务员"] });
    const jobs = [
      job({
        id: "welfare",
        employerId: "v",
        channel: "public_welfare",
        occupation: "保洁员",
        wageMinFen: 80_000,
        wageMaxFen: 80_000,
      }),
      job({ id: "local", employerId: "w", channel: "workshop", occupation: "家政服务员" }),
      job({
        id: "sz",
        employerId: "s",
        channel: "gd_gx",
        occupation: "家政服务员",
        wageMinFen: 650_000,
        wageMaxFen: 650_000,
        regionCodes: ancestry("440306"),
        destinationCityCode: "4403",
        location: { lat: 22.55, lng: 113.88 },
      }),
      job({
        id: "dg",
        employerId: "d",
        channel: "gd_gx",
        occupation: "普工",
        regionCodes: ancestry("441900"),
        destinationCityCode: "4419",
        location: { lat: 23.02, lng: 113.75 },
      }),
    ];
    expect(ids(rankCandidates(p, jobs, { now: NOW }).picks)).toEqual([
      "sz",
      "dg",
      "local",
      "welfare",
    ]);
  });

  it("spread: a posting already pushed to 5 × headcount people yields to the next best", () => {
    const jobs = row(4);
    jobs[0] = { ...jobs[0]!, headcount: 2, pushedThisRound: 10 };
    jobs[1] = { ...jobs[1]!, headcount: 2, pushedThisRound: 9 };
    const r = rankCandidates(profile(), jobs, { now: NOW });
    expect(ids(r.picks)).toEqual(["j-1", "j-2", "j-3"]);
    expect(r.excluded.full).toEqual(["j-0"]);
    expect(ids(rankCandidates(profile(), jobs, { now: NOW, spreadMultiple: 6 }).picks)).toEqual([
      "j-0",
      "j-1",
      "j-2",
      "j-3",
    ]);
  });

  it("takes at most two postings of one employer into the top five while others exist", () => {
    const jobs = [
      ...row(4, { employerId: "big" }),
      ...row(3).map((j, i) => ({ ...j, id: `k-${i}`, location: { lat: 25.2, lng: 110.83 } })),
    ];
    const r = rankCandidates(profile(), jobs, { now: NOW });
    expect(ids(r.picks)).toEqual(["j-0", "j-1", "k-0", "k-1", "k-2"]);
  });

  it("fills up with the same employer rather than fall short", () => {
    const r = rankCandidates(profile(), row(4, { employerId: "only" }), { now: NOW });
    expect(ids(r.picks)).toEqual(["j-0", "j-1", "j-2", "j-3"]);
  });

  it("brings in the best posting of a missing channel the person can use", () => {
    const p = profile({ labourCapacity: "half" });
    const jobs = [
      ...row(6, { channel: "workshop" }),
      job({
        id: "w-1",
        employerId: "w",
        channel: "public_welfare",
        location: { lat: 25.3, lng: 110.83 },
      }),
    ];
    const r = rankCandidates(p, jobs, { now: NOW });
    expect(ids(r.picks)).toContain("w-1");
    expect(r.picks).toHaveLength(5);
  });

  it("does not force public-welfare posts on full labour", () => {
    const jobs = [
      ...row(6, { channel: "workshop" }),
      job({
        id: "w-1",
        employerId: "w",
        channel: "public_welfare",
        location: { lat: 25.3, lng: 110.83 },
      }),
    ];
    expect(ids(rankCandidates(profile(), jobs, { now: NOW }).picks)).not.toContain("w-1");
  });

  it("orders by score, then job id, whatever the input order", () => {
    const twins = ["b", "c", "a"].map((id) => job({ id, employerId: id }));
    expect(ids(rankCandidates(profile(), twins, { now: NOW }).picks)).toEqual(["a", "b", "c"]);
  });

  it("an empty pool is an empty result, not an error", () => {
    expect(rankCandidates(profile(), [], { now: NOW }).picks).toEqual([]);
  });

  it("ranks a Guangdong job in a preferred city above one elsewhere", () => {
    const p = profile({ workIntention: "out_province", preferredGdCityCodes: ["4403"] });
    const gd = (id: string, city: string) =>
      job({
        id,
        employerId: id,
        channel: "gd_gx",
        regionCodes: ancestry(`${city}06`),
        destinationCityCode: city,
        location: null,
      });
    expect(ids(rankCandidates(p, [gd("x", "4419"), gd("y", "4403")], { now: NOW }).picks)).toEqual([
      "y",
      "x",
    ]);
  });
});
