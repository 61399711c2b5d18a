import {
  checkWorkingAge, chinaDate, idCheckChar, isProvinceCode, normalizeIdNumber, parseIdNumber, type IdNumberResult,
} from "../../lib/id-number";
import type { AgeRule } from "../labourers/rules";

/**
 * `parseIdNumber`, `checkWorkingAge` and `chinaDate` for one import, with "today" computed once.
 * Each of the three calls `chinaDate(now)`, which builds a new `Intl.DateTimeFormat` every time
 * (0.2–0.4 ms on this machine): two per row were half the CPU of a 100,000-row import.
 *
 * The common case, a well-formed 18-digit number, is checked here by the same rules as
 * `parseIdNumber`; anything else (15 digits, a wrong check character, a bad date …) goes to
 * `parseIdNumber` itself, so a rejected number always carries its own message. The working age
 * depends on the age alone, so the library is asked once per age.
 * tests/unit/imports/id-check.test.ts holds both to the library's answers.
 */
export class ImportDay {
  /** China date, YYYY-MM-DD. */
  readonly today: string;
  private readonly ages = new Map<number, ReturnType<typeof checkWorkingAge>>();

  constructor(readonly rule: AgeRule) {
    this.today = chinaDate(rule.now);
  }

  parseIdNumber(input: string): IdNumberResult {
    const s = normalizeIdNumber(input);
    if (s.length === 18 && /^\d{17}[\dX]$/.test(s) && idCheckChar(s) === s[17]) {
      const y = Number(s.slice(6, 10));
      const m = Number(s.slice(10, 12));
      const d = Number(s.slice(12, 14));
      const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
      const provinceCode = s.slice(0, 2);
      if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
        && birthDate <= this.today && isProvinceCode(provinceCode)) {
        return {
          ok: true,
          id: {
            value: s, birthDate, provinceCode, countyCode: s.slice(0, 6), upgradedFrom15: false,
            sex: Number(s[16]) % 2 === 1 ? "male" : "female",
          },
        };
      }
    }
    return parseIdNumber(input, { now: this.rule.now });
  }

  /**
   * The answer depends on the age alone: computed here as `ageOn` does (full years on today's
   * China date), the library is asked once per age.
   */
  checkWorkingAge(birthDate: string): ReturnType<typeof checkWorkingAge> {
    const years = Number(this.today.slice(0, 4)) - Number(birthDate.slice(0, 4));
    const age = this.today.slice(5) < birthDate.slice(5) ? years - 1 : years;
    let hit = this.ages.get(age);
    if (!hit) {
      hit = checkWorkingAge(birthDate, this.rule);
      this.ages.set(age, hit);
    }
    return hit;
  }
}

const days = new WeakMap<AgeRule, ImportDay>();

/** The `ImportDay` of a rule object: an import passes the same one for every row. */
export function importDay(rule: AgeRule): ImportDay {
  let day = days.get(rule);
  if (!day) {
    day = new ImportDay(rule);
    days.set(rule, day);
  }
  return day;
}
