/** What a reader is told of any ledger line, in the explanation of a score as in the answer to an adjustment. */
export interface LineView {
  lineId: string;
  unitId: string;
  unitName: string | null;
  points: number;
  /** Why, in the reader's language. */
  explanation: string;
  /** When what it scores happened: the line's periods follow it. */
  occurredAt: Date;
  /** When it was recorded; with `lateEntry`, after the week it counts in had ended (补录). */
  recordedAt: Date;
  lateEntry: boolean;
  reason: string | null;
  author: string | null;
}
