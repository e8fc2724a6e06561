import type { Reply } from "../../channels/types.js";
import { UNIT_NAMES, yearKeyOf, yearLabel, yearScheme, type YearTally } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { paged } from "../paging.js";
import { recordRows, type RecordRow } from "./record-rows.js";
import { cycleYears, shortDate } from "./short-date.js";
import { ownBalance } from "./own-balance.js";

/**
 * 学分明细 / 2024年的记录 / 去年的记录: one line per record (date, project, mode and category, what it
 * counted for). Without a year, the whole cycle, grouped by year; with one, that year only.
 */
export async function detailsHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "details" }>): Promise<Reply[]> {
  const balance = await ownBalance(conversation);
  const { policy, evaluation } = balance;
  const { templates } = conversation.deps;
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  const askedYear = intent.year ?? (intent.yearsAgo === undefined ? undefined : yearKeyOf(conversation.today, scheme) - intent.yearsAgo);
  const rows = recordRows(balance).filter((row) => (askedYear === undefined ? row.line.status !== "outside_cycle" : row.year === askedYear));
  const unit = UNIT_NAMES[evaluation.unit];
  const recordLine = (row: RecordRow) =>
    templates.render("details-line", {
      date: shortDate(row.line.date),
      title: row.line.title,
      mode: row.mode,
      category: row.category,
      counted: row.line.status === "counted",
      amount: row.line.counted,
      unit,
      reason: row.line.explain,
    });
  const tallyOf = (year: number): YearTally | undefined => evaluation.years.find((tally) => tally.year === year);
  const yearFigures = (year: number) => {
    const tally = tallyOf(year);
    return { label: yearLabel(year, scheme), earned: tally?.earned, yearUnit: tally ? UNIT_NAMES[tally.unit] : "", required: tally?.required };
  };

  if (askedYear !== undefined) {
    if (rows.length === 0) return [conversation.say("details-empty", { label: yearLabel(askedYear, scheme) })];
    const header = templates.render("details-header", { ...yearFigures(askedYear), count: rows.length });
    return paged(conversation, header, rows.map(recordLine));
  }

  const cycle = cycleYears(evaluation.cycle);
  if (rows.length === 0) return [conversation.say("details-empty", { label: `本周期（${cycle}）` })];
  // Every year of the cycle so far gets its heading, a year without records too: its minimum may be missing.
  const years = [...new Set([...evaluation.years.map((tally) => tally.year), ...rows.map((row) => row.year)])].sort((a, b) => a - b);
  const lines = years.flatMap((year) => {
    const ofYear = rows.filter((row) => row.year === year);
    return [templates.render("details-year", { ...yearFigures(year), empty: ofYear.length === 0 }), ...ofYear.map(recordLine)];
  });
  const header = templates.render("details-cycle-header", { cycle, count: rows.length, earned: evaluation.total.earned, unit });
  return paged(conversation, header, lines, templates.render("details-cycle-trailer", { example: yearLabel(rows[rows.length - 1]!.year, scheme) }));
}
