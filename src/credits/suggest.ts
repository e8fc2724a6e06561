import type { Amount } from "./amount.js";
import { compiled } from "./compile.js";
import { formatChineseDate } from "./dates.js";
import type { Policy } from "./policy-schema.js";
import type { Evaluation, Shortfall } from "./types.js";
import { MODE_NAMES, MODES, UNIT_NAMES, type Mode } from "./vocabulary.js";

/**
 * suggest(policy, evaluation): shortfalls as next steps a teacher can act on, in hours of a training mode
 * ("还需集中培训 20 学时"), because teachers sign up for hours, not credits. Hours for a credit shortfall are
 * the base conversion of the exact missing amount rounded up to whole hours (bonuses may make fewer enough,
 * never more). Closed periods cannot be made up, so they get no step.
 */

function modeName(policy: Policy, mode: Mode): string {
  return policy.modeNames[mode] ?? MODE_NAMES[mode];
}

function wholeHoursFor(policy: Policy, credits: Amount, mode: Mode): number {
  const { rates, hoursPerCredit, amounts } = compiled(policy);
  const modeIndex = MODES.indexOf(mode);
  if ((rates[modeIndex] ?? 0) === 0) return Number.NaN;
  return amounts.wholeUnitsCovering(hoursPerCredit[modeIndex]?.apply(credits) ?? 0);
}

/** "参加培训" when any mode will do, else the modes by name: "网络培训、校本研修". */
function modeChoice(policy: Policy, modes: readonly Mode[]): string {
  return modes.length === MODES.length ? "参加培训" : modes.map((mode) => modeName(policy, mode)).join("、");
}

/** "集中培训 20 学时" or "集中培训 40 学时，或网络培训、校本研修 50 学时". */
function hoursByMode(policy: Policy, shortfall: Shortfall, amount: Amount): string {
  const amounts = compiled(policy).amounts;
  if (shortfall.unit === "hour") return `${modeChoice(policy, shortfall.modes)} ${String(amounts.missingForDisplay(amount))} 学时`;
  const groups = new Map<number, Mode[]>();
  for (const mode of shortfall.modes) {
    const hours = wholeHoursFor(policy, amount, mode);
    if (Number.isNaN(hours)) continue;
    groups.set(hours, [...(groups.get(hours) ?? []), mode]);
  }
  const options = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hours, modes]) => `${modeChoice(policy, modes)} ${String(hours)} 学时`);
  return options.length === 0 ? `${String(amounts.missingForDisplay(amount))} 学分` : options.join("，或");
}

function cycleStep(policy: Policy, shortfall: Shortfall, amount: Amount, because: string): string {
  return `还需${hoursByMode(policy, shortfall, amount)}（${because}）`;
}

function yearStep(policy: Policy, evaluation: Evaluation, shortfall: Shortfall): string {
  const year = evaluation.years.find((entry) => entry.year === shortfall.year);
  const unitName = UNIT_NAMES[shortfall.unit];
  const required = year === undefined ? null : year.required;
  const minimum = shortfall.key === "year" && required !== null ? `，年度最低 ${String(required)} ${unitName}` : "";
  const deadline = year === undefined ? "" : `，${formatChineseDate(year.end)}前完成`;
  return `还需${hoursByMode(policy, shortfall, shortfall.exactMissing)}（${shortfall.what}还差 ${String(shortfall.missing)} ${unitName}${minimum}${deadline}）`;
}

export function suggest(policy: Policy, evaluation: Evaluation): string[] {
  const amounts = compiled(policy).amounts;
  const steps: string[] = [];
  const open = evaluation.shortfalls.filter((shortfall) => !shortfall.final);
  const cycleOpen = open.filter((shortfall) => shortfall.scope === "cycle");

  const floorSteps = cycleOpen.filter((shortfall) => shortfall.key.startsWith("floor:"));
  const categorySteps = cycleOpen.filter((shortfall) => shortfall.key.startsWith("category:"));
  for (const shortfall of [...floorSteps, ...categorySteps]) {
    steps.push(cycleStep(policy, shortfall, shortfall.exactMissing, `${shortfall.what}还差 ${String(shortfall.missing)} ${UNIT_NAMES[shortfall.unit]}`));
  }

  const total = cycleOpen.find((shortfall) => shortfall.key === "total");
  const unitName = total === undefined ? "" : UNIT_NAMES[total.unit];
  if (total !== undefined && policy.categories !== undefined) {
    // Categories partition the credits, so only what the category steps leave uncovered is new work.
    const coveredByCategories = categorySteps.reduce((sum, shortfall) => sum + shortfall.exactMissing, 0);
    const beyond = total.exactMissing - coveredByCategories;
    if (beyond > 0) {
      steps.push(cycleStep(policy, total, beyond, `除上述各类课程外，${total.what}还差 ${String(amounts.missingForDisplay(beyond))} ${unitName}`));
    }
  } else if (total !== undefined) {
    // Floors are parts of the total: the total step is the sum that also covers them.
    const covers = floorSteps.length > 0 ? "，已含上面各项" : "";
    steps.push(cycleStep(policy, total, total.exactMissing, `${total.what}还差 ${String(total.missing)} ${unitName}${covers}`));
  }

  for (const shortfall of open.filter((entry) => entry.scope === "year")) steps.push(yearStep(policy, evaluation, shortfall));

  if (open.length > 0 && policy.assessments.length > 0) {
    const awards = policy.assessments.map((award) => `${award.label} ${String(award.minScore)} 分及以上认定 ${String(award.hours)} 学时`);
    steps.push(`考核也可认定学时：${awards.join("；")}。`);
  }

  const closedCycle = evaluation.shortfalls.some((shortfall) => shortfall.scope === "cycle" && shortfall.final);
  if (closedCycle) {
    steps.push(
      `本周期（${formatChineseDate(evaluation.cycle.start)}—${formatChineseDate(evaluation.cycle.end)}）已结束，仍有要求未完成，请联系学校继续教育管理员。`,
    );
  }
  return steps;
}
