import type { Reply } from "../../channels/types.js";
import { daysBetween, UNIT_NAMES, type Evaluation, type Shortfall } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { roundAmount } from "../templates.js";
import { cycleYears, fullDate, yearAndMonth } from "./short-date.js";
import { ownBalance } from "./own-balance.js";

/** With the gaps on one line each for the cycle and the years, this keeps a balance within ten lines. */
const MAX_SUGGESTIONS = 2;

/** One shortfall on a line; `finalNote` follows it when its year is over. */
export const gapLineEnding = (finalNote: string) => (s: Shortfall) => `${s.what}还差 ${roundAmount(s.missing)} ${UNIT_NAMES[s.unit]}${s.final ? finalNote : ""}`;
/** "集中培训还差 12 学时（该年度已结束）": one shortfall, as the teacher and her administrators read it. */
export const gapLine = gapLineEnding("（该年度已结束）");
/** "必修课程 16.5 学分", "2025年 72 学时（已结束）": short, since the line already says what is missing. */
const partGap = (s: Shortfall) => `${s.what} ${roundAmount(s.missing)} ${UNIT_NAMES[s.unit]}`;
const yearGap = (s: Shortfall) => `${s.key === "year" ? `${s.year}年` : s.what} ${roundAmount(s.missing)} ${UNIT_NAMES[s.unit]}${s.final ? "（已结束）" : ""}`;

/** "你2026年8月入职，本周期按 1 年折算" with the whole cycle's total: why the requirement is smaller than a colleague's. */
function proRatingOf(evaluation: Evaluation) {
  const { proRating, total } = evaluation;
  if (proRating === undefined || total.fullRequired === undefined) return null;
  return {
    hired: yearAndMonth(proRating.hiredOn),
    served: proRating.served,
    span: proRating.by === "years" ? "年" : "个月",
    full: total.fullRequired,
  };
}

function consequencesOf(evaluation: Evaluation): { applied: string[]; possible: string[] } {
  const applied = new Set([
    ...evaluation.consequences.map((c) => c.text),
    ...evaluation.years.flatMap((y) => y.consequences.map((c) => c.text)),
  ]);
  const possible = new Set(evaluation.shortfalls.filter((s) => !s.final).flatMap((s) => s.consequences.map((c) => c.text)));
  return { applied: [...applied], possible: [...possible].filter((text) => !applied.has(text)) };
}

/** 我还差多少学分: the cycle (or this year) at a glance, what is missing, next steps and what is at stake. */
export async function balanceHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "balance" }>): Promise<Reply[]> {
  const { evaluation } = await ownBalance(conversation);
  const consequences = consequencesOf(evaluation);
  if (intent.period === "year") {
    const year = evaluation.years.find((y) => y.start <= evaluation.asOf && evaluation.asOf <= y.end);
    if (year) {
      const gaps = evaluation.shortfalls.filter((s) => s.scope === "year" && s.year === year.year);
      return [
        conversation.say("balance-year", {
          name: conversation.teacher.name,
          label: year.label,
          unit: UNIT_NAMES[year.unit],
          earned: year.earned,
          required: year.required,
          missing: year.required === null ? 0 : Math.max(0, year.required - year.earned),
          met: year.met,
          end: fullDate(year.end),
          daysLeft: daysBetween(conversation.today, year.end),
          gaps: gaps.filter((g) => g.key !== "year").map(gapLine),
          possible: [...new Set(gaps.flatMap((g) => g.consequences.map((c) => c.text)))],
        }),
      ];
    }
  }
  const unit = UNIT_NAMES[evaluation.unit];
  const yearGaps = evaluation.shortfalls.filter((s) => s.scope === "year");
  return [
    conversation.say("balance", {
      name: conversation.teacher.name,
      cycle: cycleYears(evaluation.cycle),
      end: fullDate(evaluation.cycle.end),
      daysLeft: daysBetween(conversation.today, evaluation.cycle.end),
      over: evaluation.cycle.over,
      proRating: proRatingOf(evaluation),
      unit,
      earned: evaluation.total.earned,
      required: evaluation.total.required,
      missing: Math.max(0, evaluation.total.required - evaluation.total.earned),
      met: evaluation.met,
      reason: evaluation.met ? evaluation.reason : "",
      partGaps: evaluation.shortfalls.filter((s) => s.scope === "cycle" && s.key !== "total").map(partGap),
      yearGaps: yearGaps.map(yearGap),
      suggestions: evaluation.suggestions.slice(0, MAX_SUGGESTIONS),
      applied: consequences.applied,
      possible: consequences.possible,
    }),
  ];
}
