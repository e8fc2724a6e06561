import { CATEGORY_NAMES, MODE_NAMES, yearKeyOf, yearScheme, type CreditRecord, type RecordLine } from "../../credits/index.js";
import type { Balance } from "../../domain/balance.js";

/** One record of the sender's cycle as the chat shows it: when, what kind, and how the engine counted it. */
export type RecordRow = {
  line: RecordLine;
  record: CreditRecord;
  /** The (training) year the record belongs to. */
  year: number;
  /** The region's name for the mode ("集中培训"). */
  mode: string;
  /** The course category ("必修课程"), or that the record names none. */
  category: string;
};

/**
 * The engine's record lines joined with the records they explain, in the engine's order (by date). Two
 * records with the same numbers in different years read differently because each carries its date and kind.
 */
export function recordRows({ policy, input, evaluation }: Pick<Balance, "policy" | "input" | "evaluation">): RecordRow[] {
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  const records = new Map(input.records.map((record) => [record.id, record]));
  return evaluation.records.flatMap((line) => {
    const record = records.get(line.id);
    if (record === undefined) return [];
    return [
      {
        line,
        record,
        year: yearKeyOf(record.date, scheme),
        mode: policy.modeNames[record.mode] ?? MODE_NAMES[record.mode],
        category: record.category === undefined ? "未注明类别" : CATEGORY_NAMES[record.category],
      },
    ];
  });
}
