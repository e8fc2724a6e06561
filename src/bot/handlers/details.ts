import type { Reply } from "../../channels/types.js";
import { UNIT_NAMES, yearKeyOf, yearLabel, yearScheme } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { paged } from "../paging.js";
import { shortDate } from "./short-date.js";
import { ownBalance } from "./own-balance.js";

/** 学分明细 / 2024年的记录: one line per record of that year, with how it was counted. */
export async function detailsHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "details" }>): Promise<Reply[]> {
  const { policy, input, evaluation } = await ownBalance(conversation);
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  const year = intent.year ?? yearKeyOf(conversation.today, scheme) - (intent.yearsAgo ?? 0);
  const dates = new Map(input.records.map((record) => [record.id, record.date]));
  const lines = evaluation.records
    .filter((line) => {
      const date = dates.get(line.id);
      return date !== undefined && yearKeyOf(date, scheme) === year;
    })
    .map((line) => conversation.deps.templates.render("details-line", { date: shortDate(dates.get(line.id)!), explain: line.explain, counted: line.status === "counted" }));
  const tally = evaluation.years.find((y) => y.year === year);
  const header = conversation.deps.templates.render("details-header", {
    label: yearLabel(year, scheme),
    count: lines.length,
    earned: tally?.earned,
    yearUnit: tally ? UNIT_NAMES[tally.unit] : "",
  });
  if (lines.length === 0) return [conversation.say("details-empty", { label: yearLabel(year, scheme) })];
  return paged(conversation, header, lines);
}
