import { CATEGORY_NAMES, MODE_NAMES, yearKeyOf, yearScheme, type RecordLine } from "../../credits/index.js";
import type { Balance } from "../../domain/balance.js";

/** One record of the sender's cycle as the chat shows it: the engine's line (date, title, how it counted) and its kind. */
export type RecordRow = {
  line: RecordLine;
  /** The (training) year the record belongs to. */
  year: number;
  /** The region's name for the mode ("集中培训"). */
  mode: string;
  /** The course category ("必修课程"), or that the record names none. */
  category: string;
};

/**
 * The engine's record lines in its order (by date), with the names the chat shows. Two records with the
 * same numbers in different years read differently because each carries its date and kind.
 */
export function recordRows({ policy, evaluation }: Pick<Balance, "policy" | "evaluation">): RecordRow[] {
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  return evaluation.records.map((line) => ({
    line,
    year: yearKeyOf(line.date, scheme),
    mode: policy.modeNames[line.mode] ?? MODE_NAMES[line.mode],
    category: line.category === undefined ? "未注明类别" : CATEGORY_NAMES[line.category],
  }));
}
