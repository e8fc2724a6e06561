import type { Amount, AmountScale } from "./amount.js";
import { evaluateAssessments } from "./assessments.js";
import { compiled, fillableModes, matches, type CompiledFloor, type CompiledPolicy } from "./compile.js";
import { cycleContaining, type CycleWindow } from "./cycle.js";
import { addMonths, formatChineseDate, previousDay, type DateOnly } from "./dates.js";
import { applyOverflow } from "./overflow.js";
import type { Consequence, Policy } from "./policy-schema.js";
import { proRated, proRatingOf } from "./pro-rating.js";
import { assessRecord, CATEGORY_INDEX, LEVEL_INDEX, MODE_INDEX, RecordOutcome, type CountingWindow } from "./record-credit.js";
import { explainRecord } from "./record-explanation.js";
import { suggest } from "./suggest.js";
import type {
  CategoryTally,
  ConsequenceLine,
  CreditRecord,
  Evaluation,
  EvaluationInput,
  PreServiceTally,
  RecordLine,
  Shortfall,
  Tally,
  YearTally,
} from "./types.js";
import { CATEGORIES, CATEGORY_NAMES, UNIT_NAMES, type Mode, type Unit } from "./vocabulary.js";
import { halfOf, yearEnd, yearKeyOf, yearLabel, yearStart } from "./years.js";

/**
 * evaluate(policy, input): the whole breakdown for one teacher, pure and deterministic.
 * Records are walked once (sorted by date, then id, so input order never matters); every amount is summed
 * exactly in the policy's unit (amount.ts) and rounded to two decimals only when written into the result.
 */

function compareRecords(a: CreditRecord, b: CreditRecord): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `fullRequired`: the requirement before pro-rating, given only when it was pro-rated. */
function tally(amounts: AmountScale, earned: Amount, required: Amount, fullRequired?: Amount): Tally {
  return {
    earned: amounts.earnedForDisplay(earned, required),
    required: amounts.toDisplay(required),
    met: earned >= required,
    ...(fullRequired === undefined ? {} : { fullRequired: amounts.toDisplay(fullRequired) }),
  };
}

function consequenceLines(consequences: readonly Consequence[]): ConsequenceLine[] {
  return consequences.map(({ code, text, source }) => ({ code, text, source }));
}

/** Running sums for one evaluation, indexed the way the compiled policy is. */
class Sums {
  total = 0;
  readonly categories: Amount[] = CATEGORIES.map(() => 0);
  readonly floors: Amount[];
  readonly years: Amount[];
  readonly halves: Amount[];
  readonly yearFloors: Amount[];
  readonly uncertified: string[][];

  constructor(
    private readonly policy: CompiledPolicy,
    private readonly firstYear: number,
    yearCount: number,
  ) {
    this.floors = policy.floors.map(() => 0);
    this.years = new Array<number>(yearCount).fill(0);
    this.halves = new Array<number>(yearCount * 2).fill(0);
    this.yearFloors = new Array<number>(yearCount * policy.annualFloors.length).fill(0);
    this.uncertified = policy.policy.certification === undefined ? [] : Array.from({ length: yearCount }, () => []);
  }

  add(
    counted: Amount,
    hours: Amount,
    date: DateOnly,
    modeIndex: number,
    categoryIndex: number,
    levelRank: number,
    tags: readonly string[] | undefined,
  ): number {
    const policy = this.policy;
    this.total += counted;
    if (categoryIndex >= 0 && policy.categoryDefined[categoryIndex] === true) {
      this.categories[categoryIndex] = (this.categories[categoryIndex] ?? 0) + counted;
    }
    const floors = policy.floors;
    for (let index = 0; index < floors.length; index++) {
      if (matches(floors[index] as CompiledFloor, modeIndex, categoryIndex, levelRank, tags)) {
        this.floors[index] = (this.floors[index] ?? 0) + counted;
      }
    }
    const year = yearKeyOf(date, policy.scheme) - this.firstYear;
    if (year < 0 || year >= this.years.length) return -1;
    const annualAmount = policy.annualInHours ? hours : counted;
    this.years[year] = (this.years[year] ?? 0) + annualAmount;
    if (policy.halfYearAudits) {
      const half = year * 2 + halfOf(date, policy.scheme);
      this.halves[half] = (this.halves[half] ?? 0) + annualAmount;
    }
    const annualFloors = policy.annualFloors;
    for (let index = 0; index < annualFloors.length; index++) {
      if (matches(annualFloors[index] as CompiledFloor, modeIndex, categoryIndex, levelRank, tags)) {
        const slot = year * annualFloors.length + index;
        this.yearFloors[slot] = (this.yearFloors[slot] ?? 0) + annualAmount;
      }
    }
    return year;
  }
}

interface DegreeOutcome {
  readonly waiver: string | undefined;
  readonly note: string | undefined;
}

function degreeOutcome(policy: Policy, input: EvaluationInput, cycle: CycleWindow): DegreeOutcome {
  const degree = input.degreeUpgrade;
  if (degree === undefined) return { waiver: undefined, note: undefined };
  const rule = policy.degreeUpgrade;
  if (rule === undefined) return { waiver: undefined, note: "本地政策没有学历提升视为学分合格的规定，学历提升信息未计入。" };
  if (!degree.approved) return { waiver: undefined, note: "学历提升未经县级及以上教育行政部门批准，不能视为本轮学分合格。" };
  if (!degree.relatedSubject) return { waiver: undefined, note: "学历提升的专业与任教学科不相同也不相近，不能视为本轮学分合格。" };
  if (degree.completedOn > input.asOf) {
    return { waiver: undefined, note: `学历提升尚未取得证书（${formatChineseDate(degree.completedOn)}），取得后可视为本轮学分合格。` };
  }
  if (degree.completedOn < cycle.start || degree.completedOn > cycle.end) {
    return { waiver: undefined, note: "学历提升证书取得日期不在本周期内，不能用于本周期。" };
  }
  return {
    waiver: `已于${formatChineseDate(degree.completedOn)}取得学历提升证书（经批准，专业与任教学科相同或相近），视为本轮继续教育学分合格（${rule.source}）。`,
    note: undefined,
  };
}

function preServiceTally(
  compiledPolicy: CompiledPolicy,
  input: EvaluationInput,
  cycle: CycleWindow,
  hours: Amount,
  hasHours: boolean,
): { tally: PreServiceTally | undefined; consequences: ConsequenceLine[] } {
  const { policy, amounts } = compiledPolicy;
  const rule = policy.preService;
  const hiredOn = input.teacher.hiredOn;
  if (rule.requiredHours === undefined || hiredOn === undefined) {
    return {
      tally: hasHours ? { hours: amounts.toDisplay(hours), required: null, deadline: null, met: null } : undefined,
      consequences: [],
    };
  }
  const deadline = previousDay(addMonths(hiredOn, rule.withinMonths));
  if (!hasHours && deadline < cycle.start) return { tally: undefined, consequences: [] };
  const required = amounts.of(rule.requiredHours);
  const met = hours >= required;
  const overdue = !met && deadline < input.asOf;
  return {
    tally: { hours: amounts.earnedForDisplay(hours, required), required: amounts.toDisplay(required), deadline, met },
    consequences: overdue ? consequenceLines(policy.consequences.preServiceIncomplete) : [],
  };
}

function categoryModes(policy: CompiledPolicy, categoryIndex: number): readonly Mode[] {
  const category = CATEGORIES[categoryIndex];
  const rule = category === undefined ? undefined : policy.policy.categories?.[category];
  return rule?.suggestModes ?? fillableModes(policy);
}

export function evaluate(policy: Policy, input: EvaluationInput): Evaluation {
  const compiledPolicy = compiled(policy);
  const { scheme, amounts } = compiledPolicy;
  const unit: Unit = policy.unit;
  const asOf = input.asOf;
  const cycle = input.cycle ?? cycleContaining(asOf, policy.cycle.anchor, policy.cycle.years);
  const cycleOver = asOf >= cycle.end;
  const window: CountingWindow = { start: cycle.start, end: cycle.end, asOf };

  const lastCountedDay = cycleOver ? cycle.end : asOf;
  const firstYear = yearKeyOf(cycle.start, scheme);
  const yearCount = lastCountedDay < cycle.start ? 0 : yearKeyOf(lastCountedDay, scheme) - firstYear + 1;
  const sums = new Sums(compiledPolicy, firstYear, yearCount);

  const sorted = [...input.records].sort(compareRecords);
  const outcome = new RecordOutcome();
  const records: RecordLine[] = new Array<RecordLine>(sorted.length);
  let preServiceHours = 0;
  let hasPreServiceHours = false;
  for (let index = 0; index < sorted.length; index++) {
    const record = sorted[index] as CreditRecord;
    assessRecord(compiledPolicy, record, window, outcome);
    if (outcome.status === "counted") {
      const year = sums.add(
        outcome.counted,
        outcome.hours,
        record.date,
        MODE_INDEX[record.mode],
        record.category === undefined ? -1 : CATEGORY_INDEX[record.category],
        LEVEL_INDEX[record.level],
        record.tags,
      );
      if (year >= 0 && record.certifiedOn === undefined) sums.uncertified[year]?.push(record.id);
    } else if (outcome.status === "pre_service" && record.approved && record.result !== "fail" && record.date <= asOf) {
      hasPreServiceHours = true;
      preServiceHours += outcome.hours;
    }
    records[index] = {
      id: record.id,
      date: record.date,
      mode: record.mode,
      category: record.category,
      title: record.title,
      status: outcome.status,
      hours: amounts.toDisplay(outcome.hours),
      base: amounts.toDisplay(outcome.base),
      bonus: amounts.toDisplay(outcome.gradeBonus + outcome.lecturerBonus),
      counted: amounts.toDisplay(outcome.counted),
      explain: explainRecord(compiledPolicy, record, outcome, window),
    };
  }

  const assessed = evaluateAssessments(compiledPolicy, input.assessments ?? [], window);
  for (const award of assessed.awarded) {
    sums.add(award.counted, award.hours, award.date, award.modeIndex, award.categoryIndex, -1, undefined);
  }
  // Every other sum is part of one of these, and all amounts are non-negative.
  amounts.checkExact(sums.total);
  amounts.checkExact(preServiceHours);
  for (const yearSum of sums.years) amounts.checkExact(yearSum);

  const degree = degreeOutcome(policy, input, cycle);
  const waived = degree.waiver !== undefined;
  const shortfalls: Shortfall[] = [];
  const cycleConsequences = consequenceLines(policy.consequences.cycleShortfall);
  const allModes = fillableModes(compiledPolicy);
  const unitName = UNIT_NAMES[unit];

  const addCycleShortfall = (rule: string, key: string, what: string, missing: Amount, modes: readonly Mode[]): void => {
    if (missing <= 0 || waived) return;
    shortfalls.push({
      rule,
      scope: "cycle",
      key,
      what,
      missing: amounts.missingForDisplay(missing),
      exactMissing: missing,
      unit,
      final: cycleOver,
      modes,
      consequences: cycleConsequences,
    });
  };

  const proRating = proRatingOf(policy, scheme, input.teacher.hiredOn, cycle);
  const fullOf = (required: Amount): Amount | undefined => (proRating === undefined ? undefined : required);
  const totalRequired = proRated(amounts, compiledPolicy.totalRequired, proRating);
  const total = tally(amounts, sums.total, totalRequired, fullOf(compiledPolicy.totalRequired));
  addCycleShortfall(policy.total.source, "total", `本周期总${unitName}`, totalRequired - sums.total, allModes);

  const categoryMinimum = compiledPolicy.categoryMinimum.map((minimum) => proRated(amounts, minimum, proRating));
  const overflow = applyOverflow(policy.overflow, sums.categories, categoryMinimum);
  const categories: Record<string, CategoryTally> = {};
  let categoriesMet = true;
  CATEGORIES.forEach((category, index) => {
    const rule = policy.categories?.[category];
    if (rule === undefined) return;
    const earned = sums.categories[index] ?? 0;
    const minimum = categoryMinimum[index] ?? 0;
    const fullMinimum = fullOf(compiledPolicy.categoryMinimum[index] ?? 0);
    const covered = overflow.covered[index] ?? 0;
    const lent = overflow.lent[index] ?? 0;
    const met = earned + covered >= minimum;
    categoriesMet &&= met;
    categories[category] = {
      earned: amounts.earnedForDisplay(earned, minimum),
      required: amounts.toDisplay(minimum),
      met,
      ...(fullMinimum === undefined ? {} : { fullRequired: amounts.toDisplay(fullMinimum) }),
      ...(covered > 0 ? { coveredByOverflow: amounts.toDisplay(covered) } : {}),
      ...(lent > 0 ? { lentToOthers: amounts.toDisplay(lent) } : {}),
    };
    addCycleShortfall(rule.source, `category:${category}`, CATEGORY_NAMES[category], minimum - earned - covered, categoryModes(compiledPolicy, index));
  });

  const floors: Record<string, Tally> = {};
  let floorsMet = true;
  compiledPolicy.floors.forEach((floor, index) => {
    const earned = sums.floors[index] ?? 0;
    const minimum = proRated(amounts, floor.minimum, proRating);
    const floorTally = tally(amounts, earned, minimum, fullOf(floor.minimum));
    floorsMet &&= floorTally.met;
    floors[floor.id] = floorTally;
    addCycleShortfall(floor.source, `floor:${floor.id}`, floor.label, minimum - earned, floor.suggestModes);
  });

  const years = yearTallies(compiledPolicy, input, sums, firstYear, yearCount, waived, shortfalls, allModes);

  const cycleMet = total.met && categoriesMet && floorsMet;
  const met = waived || cycleMet;
  const preService = preServiceTally(compiledPolicy, input, cycle, preServiceHours, hasPreServiceHours);
  const consequences = [...(cycleOver && !met ? cycleConsequences : []), ...preService.consequences];
  const notes = degree.note === undefined ? [] : [degree.note];

  const draft: Evaluation = {
    policy: policy.id,
    unit,
    asOf,
    cycle: { start: cycle.start, end: cycle.end, over: cycleOver },
    met,
    reason: degree.waiver ?? cycleReason(cycleMet, cycleOver, total, unitName, shortfalls),
    total,
    ...(proRating === undefined ? {} : { proRating }),
    categories,
    floors,
    years,
    records,
    assessments: assessed.lines,
    ...(preService.tally === undefined ? {} : { preService: preService.tally }),
    consequences,
    shortfalls,
    suggestions: [],
    notes,
  };
  return { ...draft, suggestions: suggest(policy, draft) };
}

function cycleReason(met: boolean, over: boolean, total: Tally, unitName: string, shortfalls: readonly Shortfall[]): string {
  if (met) return `本周期要求已全部完成：共 ${String(total.earned)} ${unitName}（要求 ${String(total.required)} ${unitName}）。`;
  const missing = shortfalls
    .filter((shortfall) => shortfall.scope === "cycle")
    .map((shortfall) => `${shortfall.what}还差 ${String(shortfall.missing)} ${UNIT_NAMES[shortfall.unit]}`)
    .join("；");
  return `${over ? "本周期已结束，未达标" : "本周期尚未达标"}：${missing}。`;
}

function yearTallies(
  policy: CompiledPolicy,
  input: EvaluationInput,
  sums: Sums,
  firstYear: number,
  yearCount: number,
  waived: boolean,
  shortfalls: Shortfall[],
  allModes: readonly Mode[],
): YearTally[] {
  const annual = policy.policy.annual;
  const amounts = policy.amounts;
  const unit: Unit = annual?.unit ?? policy.policy.unit;
  const annualConsequences = consequenceLines(policy.policy.consequences.annualShortfall);
  const hiredOn = input.teacher.hiredOn;
  const years: YearTally[] = [];
  for (let index = 0; index < yearCount; index++) {
    const key = firstYear + index;
    const start = yearStart(key, policy.scheme);
    const end = yearEnd(key, policy.scheme);
    if (hiredOn !== undefined && end < hiredOn) continue;
    const hireYear = hiredOn !== undefined && hiredOn > start;
    const closed = input.asOf >= end;
    const label = yearLabel(key, policy.scheme);
    const earned = sums.years[index] ?? 0;
    const hasRule = annual !== undefined && !hireYear;
    const required = hasRule ? policy.annualMinimum : null;
    let met = required === null || earned >= required;

    const yearShortfalls: Shortfall[] = [];
    const pushShortfall = (rule: string, shortfallKey: string, what: string, missing: Amount, modes: readonly Mode[]): void => {
      if (missing <= 0 || waived) return;
      yearShortfalls.push({
        rule,
        scope: "year",
        key: shortfallKey,
        what,
        missing: amounts.missingForDisplay(missing),
        exactMissing: missing,
        unit,
        year: key,
        final: closed,
        modes,
        consequences: annualConsequences,
      });
    };
    if (hasRule && required !== null) pushShortfall(annual.source, "year", `${label}培训${UNIT_NAMES[unit]}`, required - earned, allModes);

    const floors: Record<string, Tally> = {};
    const annualFloors = hasRule ? policy.annualFloors : [];
    annualFloors.forEach((floor, floorIndex) => {
      const floorEarned = sums.yearFloors[index * annualFloors.length + floorIndex] ?? 0;
      const floorTally = tally(amounts, floorEarned, floor.minimum);
      met &&= floorTally.met;
      floors[floor.id] = floorTally;
      pushShortfall(floor.source, `year-floor:${floor.id}`, `${label}${floor.label}`, floor.minimum - floorEarned, floor.suggestModes);
    });
    shortfalls.push(...yearShortfalls);

    let note: string | undefined;
    if (hireYear) note = `${formatChineseDate(hiredOn)}入职，入职当年不设年度最低要求`;
    else if (waived && !met) note = "学历提升已视为本轮学分合格，本年度不再追究";

    years.push({
      year: key,
      label,
      start,
      end,
      unit,
      earned: required === null ? amounts.toDisplay(earned) : amounts.earnedForDisplay(earned, required),
      required: required === null ? null : amounts.toDisplay(required),
      met,
      status: closed ? "closed" : "in_progress",
      consequences: closed && !met && !waived ? annualConsequences : [],
      ...(annualFloors.length === 0 ? {} : { floors }),
      ...(policy.halfYearAudits
        ? {
            periods: [
              { label: "上半年", earned: amounts.toDisplay(sums.halves[index * 2] ?? 0) },
              { label: "下半年", earned: amounts.toDisplay(sums.halves[index * 2 + 1] ?? 0) },
            ],
          }
        : {}),
      ...(policy.policy.certification === undefined ? {} : { uncertified: sums.uncertified[index] ?? [] }),
      ...(note === undefined ? {} : { note }),
    });
  }
  return years;
}

