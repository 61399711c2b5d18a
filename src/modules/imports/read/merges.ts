import type { Cell } from "./cells";
import type { MergeRange } from "./sheet-scan";

/**
 * Applies merged ranges to rows streamed in order: every cell a merge covers takes the value of
 * the merge's top-left cell (Excel keeps the value only there; a merged 户编号 over four member
 * rows reads as that 户编号 on all four). Rows must arrive in ascending order, as in the XML.
 */
export class MergeFiller {
  private next = 0;
  private active: { range: MergeRange; value: Cell }[] = [];

  private readonly merges: MergeRange[];

  constructor(merges: MergeRange[]) {
    this.merges = [...merges].sort((a, b) => a.top - b.top);
  }

  /** Mutates `values` (1-based columns, as exceljs gives them). */
  apply(rowNumber: number, values: Cell[]): void {
    while (this.next < this.merges.length && this.merges[this.next]!.top <= rowNumber) {
      this.active.push({ range: this.merges[this.next]!, value: null });
      this.next++;
    }
    if (this.active.length === 0) return;
    this.active = this.active.filter((a) => a.range.bottom >= rowNumber);
    for (const a of this.active) {
      const { top, left, right } = a.range;
      if (top === rowNumber) a.value = values[left] ?? null;
      for (let c = left; c <= right; c++) {
        if (top === rowNumber && c === left) continue;
        values[c] = a.value;
      }
    }
  }
}
