import { formatPercent, formatRate, type AmountScale } from "./amount.js";
import type { CompiledPolicy } from "./compile.js";
import { formatChineseDate } from "./dates.js";
import { CATEGORY_INDEX, LEVEL_INDEX, MODE_INDEX, type CountingWindow, type RecordOutcome } from "./record-credit.js";
import type { CreditRecord } from "./types.js";
import { isBetweenYears, isCalendarYear, yearKeyOf, yearLabel } from "./years.js";
import { MODE_NAMES, RESULT_NAMES, UNIT_NAMES } from "./vocabulary.js";

/**
 * The one-line Chinese explanation of a record, e.g.
 * "集中培训 40 学时 ÷ 4 = 10 学分，自治区级优秀 +15% → 11.5 学分". Built from the outcome's exact amounts,
 * so the sentence and the numbers beside it always agree.
 */

function hoursPhrase(amounts: AmountScale, modeName: string, outcome: RecordOutcome): string {
  const scheduled = amounts.format(outcome.scheduledHours);
  if (outcome.leaveHours === 0) return `${modeName} ${scheduled} 学时`;
  return `${modeName} ${scheduled} 学时，扣除请假 ${amounts.format(outcome.leaveHours)} 学时，计 ${amounts.format(outcome.hours)} 学时`;
}

function basePhrase(policy: CompiledPolicy, record: CreditRecord, outcome: RecordOutcome, modeName: string): string {
  const amounts = policy.amounts;
  switch (outcome.baseSource) {
    case "hours":
      return hoursPhrase(amounts, modeName, outcome);
    case "converted":
      return `${hoursPhrase(amounts, modeName, outcome)} ÷ ${formatRate(policy.rates[MODE_INDEX[record.mode]] ?? 0)} = ${amounts.format(outcome.base)} 学分`;
    case "fixed": {
      const leave = outcome.leaveHours > 0 ? `（请假 ${amounts.format(outcome.leaveHours)} 学时记入考勤，不影响学分）` : "";
      return `${outcome.fixed?.label ?? modeName}合格，按规定计 ${amounts.format(outcome.base)} 学分${leave}`;
    }
    case "registered":
      return policy.countsCredits
        ? `${modeName}登记 ${amounts.format(outcome.base)} 学分`
        : `${modeName}登记 ${amounts.format(amounts.of(record.credits ?? 0))} 学分 × ${formatRate(policy.rates[MODE_INDEX[record.mode]] ?? 0)} = ${amounts.format(outcome.base)} 学时`;
    case "none":
      return modeName;
  }
}

function countedExplanation(policy: CompiledPolicy, record: CreditRecord, outcome: RecordOutcome, modeName: string): string {
  const amounts = policy.amounts;
  let text = basePhrase(policy, record, outcome, modeName);
  if (outcome.gradeBonus > 0 || outcome.lecturerBonus > 0) {
    const levelName = policy.levelNames[LEVEL_INDEX[record.level]] ?? record.level;
    if (outcome.gradeBonus > 0) text += `，${levelName}${RESULT_NAMES[record.result]} +${formatPercent(outcome.gradeBonusPoints)}%`;
    if (outcome.lecturerBonus > 0) text += `，${levelName}主讲教师 +${formatPercent(outcome.lecturerBonusPoints)}%`;
    text += ` → ${amounts.format(outcome.counted)} ${UNIT_NAMES[policy.policy.unit]}`;
  }
  if (policy.hasCategories && (record.category === undefined || policy.categoryDefined[CATEGORY_INDEX[record.category]] !== true)) {
    text += record.category === undefined ? "（未注明课程类别，只计入总学分）" : "（本地政策无此课程类别，只计入总学分）";
  }
  const scheme = policy.scheme;
  if (!isCalendarYear(scheme) && isBetweenYears(record.date, scheme)) {
    text += `（${Number(record.date.slice(5, 7))}月不在学年度内，计入${yearLabel(yearKeyOf(record.date, scheme), scheme)}）`;
  }
  return text;
}

function preServiceExplanation(amounts: AmountScale, record: CreditRecord, outcome: RecordOutcome, window: CountingWindow): string {
  const what = outcome.scheduledHours >= 0 ? `新任教师岗前培训 ${amounts.format(outcome.hours)} 学时` : "新任教师岗前培训";
  let tracked = "，单独统计岗前培训学时";
  if (!record.approved) tracked = "，项目未经审核，岗前学时也不予登记";
  else if (record.result === "fail") tracked = "，考核不合格，岗前学时不予登记";
  else if (record.date > window.asOf) tracked = "，在统计日之后，暂不计入岗前学时";
  return `${what}不计入周期学分${tracked}`;
}

export function explainRecord(policy: CompiledPolicy, record: CreditRecord, outcome: RecordOutcome, window: CountingWindow): string {
  const modeName = policy.modeNames[MODE_INDEX[record.mode]] ?? MODE_NAMES[record.mode];
  const shownMode = record.role === "lecturer" ? `主讲${modeName}` : modeName;
  switch (outcome.status) {
    case "counted":
      return countedExplanation(policy, record, outcome, shownMode);
    case "pre_service":
      return preServiceExplanation(policy.amounts, record, outcome, window);
    case "unapproved":
      return "培训项目未经教育行政部门审核，不予登记";
    case "failed":
      return "考核不合格，不予登记";
    case "after_as_of":
      return `培训日期为${formatChineseDate(record.date)}，晚于统计日${formatChineseDate(window.asOf)}，暂不计入`;
    case "outside_cycle":
      return `培训日期为${formatChineseDate(record.date)}，不在本周期（${formatChineseDate(window.start)}—${formatChineseDate(window.end)}）内，不计入本周期`;
    case "not_convertible":
      return policy.countsCredits
        ? `本地政策未规定${modeName}的学时折算学分办法，暂不计入`
        : `以学分登记，本地政策未规定${modeName}的学分折算学时办法，暂不计入`;
  }
}
