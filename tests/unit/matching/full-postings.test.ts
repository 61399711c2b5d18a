import { describe, expect, it } from "vitest";
import { ladderFor } from "../../../src/modules/matching/ladder";
import { planRecommendations } from "../../../src/modules/matching/plan";
import { FullPostings } from "../../../src/modules/recommendations/full-postings";
import { ancestry, job, NOW, profile } from "./gen";

const T = NOW.getTime();
// Profile home is 450332100201: rung 0 is its township 450332100, rung 1 the county 450332.
const steps = ladderFor(profile());
const township = steps.find((s) => s.key === "township")!;
const county = steps.find((s) => s.key === "county")!;

describe("FullPostings", () => {
  it("offers a full posting to the rungs it would suit, and not to others", () => {
    const reg = new FullPostings(60_000);
    reg.note(
      [
        job({ id: "full-here", headcount: 2, pushedThisRound: 10 }),
        job({ id: "open-here", headcount: 2, pushedThisRound: 9 }),
        job({
          id: "full-next-township",
          headcount: 1,
          pushedThisRound: 5,
          regionCodes: ancestry("450332101"),
        }),
        job({ id: "full-too-old", headcount: 1, pushedThisRound: 5, ageMax: 30 }),
      ],
      5,
      T,
    );
    expect(reg.size).toBe(3);
    expect(reg.suitableFull(township, T)).toEqual(["full-here"]);
    expect(reg.suitableFull(county, T)).toEqual(["full-here", "full-next-township"]);
  });

  it("forgets a posting seen not full again, and every posting after its time", () => {
    const reg = new FullPostings(60_000);
    reg.note(
      [
        job({ id: "a", headcount: 1, pushedThisRound: 5 }),
        job({ id: "b", headcount: 1, pushedThisRound: 5 }),
      ],
      5,
      T,
    );
    reg.note([job({ id: "a", headcount: 3, pushedThisRound: 5 })], 5, T + 1_000);
    expect(reg.suitableFull(township, T + 1_000)).toEqual(["b"]);
    expect(reg.suitableFull(township, T + 60_000)).toEqual([]);
    expect(reg.size).toBe(0);
  });
});

describe("postings the fetcher left out as full", () => {
  it("count as held back by spread in a shortage, once each", async () => {
    const p = profile({ workIntention: "local" });
    const plan = await planRecommendations(
      p,
      async (step, page) => ({
        jobs:
          step.key === "township" && page === 0
            ? [job({ id: "pooled-full", headcount: 1, pushedThisRound: 5 })]
            : [],
        more: false,
        knownFull: ["pooled-full", "left-out-1", "left-out-2"],
      }),
      { now: NOW },
    );
    expect(plan.shortage?.heldBackBySpread).toBe(3);
  });
});
