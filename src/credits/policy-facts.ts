import { cycleContaining } from "./cycle.js";
import { daysBetween, type DateOnly } from "./dates.js";
import { levelList, modeName } from "./describe-policy.js";
import type { Policy } from "./policy-schema.js";
import type { Evaluation } from "./types.js";
import { CATEGORIES, CATEGORY_NAMES, MODES, RESULT_NAMES, UNIT_NAMES } from "./vocabulary.js";
import { describeScheme, isCalendarYear, yearEnd, yearKeyOf, yearLabel, yearScheme, yearStart } from "./years.js";

/**
 * What a region's policy says about the questions teachers ask of the rules (优秀加分吗, 请假扣不扣, 几个学时
 * 算一学分…), as data for the bot's templates. Everything is read from the policy the engine counts by, so a
 * region with other rules answers differently with no code change. A rule the policy does not have is
 * absent (the bot then says 本地区文件没有规定), never filled with a default of our own.
 */

/** Where a rule comes from, as far as it helps a teacher. */
export interface RuleSource {
  /** A custom document's own citation (文号, 条款); credit-rules.md ids such as "B6" only mean something to developers. */
  readonly citation?: string;
  /** The document does not give this value: the region's settings chose it (configurableDefault). */
  readonly assumed: boolean;
}

export interface GradeBonusFacts {
  /** Empty when the policy gives no grade bonus. */
  readonly bands: readonly { readonly levels: string; readonly grades: readonly { readonly result: string; readonly percent: number }[] }[];
  readonly source?: RuleSource;
  /** Per-project share of good and excellent grades (B8). */
  readonly quota?: { readonly goodOrBetter: number; readonly excellent: number };
  readonly notes: readonly string[];
}

export interface LecturerBonusFacts {
  readonly bands: readonly { readonly levels: string; readonly percent: number }[];
  /** Only meaningful when the policy also gives a grade bonus. */
  readonly stacksWithGradeBonus: boolean;
  readonly hasGradeBonus: boolean;
  readonly source?: RuleSource;
}

export interface ConversionFacts {
  /** The region counts hours: nothing is converted. */
  readonly countsHours: boolean;
  /** Hours per credit by training mode; empty when the policy gives none. */
  readonly rates: readonly { readonly mode: string; readonly hours: number }[];
  readonly source?: RuleSource;
  /** Trainings registered at a fixed number of credits (山东 remote training = 18). */
  readonly fixed: readonly { readonly label: string; readonly credits: number }[];
}

export interface ConsequenceFacts {
  readonly annual: readonly string[];
  readonly cycle: readonly string[];
  readonly preService: readonly string[];
  readonly notes: readonly string[];
}

export interface RequirementFacts {
  readonly cycleYears: number;
  readonly total: number;
  readonly source: RuleSource;
  readonly categories: readonly { readonly name: string; readonly minimum: number }[];
  readonly floors: readonly { readonly label: string; readonly minimum: number }[];
  readonly fixed: readonly { readonly label: string; readonly credits: number }[];
  /** Absent when the policy sets no yearly minimum. */
  readonly annual?: {
    /** 每年 or 每学年度. */
    readonly per: string;
    readonly minimum?: number;
    readonly unit: string;
    readonly floors: readonly { readonly label: string; readonly minimum: number }[];
    readonly source: RuleSource;
  };
  /** Hours awarded for passing an assessment (兰西 D2/D3). */
  readonly assessments: readonly { readonly label: string; readonly minScore: number; readonly hours: number }[];
}

export interface DateFacts {
  readonly cycle: { readonly start: DateOnly; readonly end: DateOnly; readonly daysLeft: number; readonly years: number; readonly source: RuleSource };
  readonly year: { readonly label: string; readonly start: DateOnly; readonly end: DateOnly; readonly daysLeft: number };
  /** 自然年（1月—12月） or 学年度（9月—次年8月）. */
  readonly scheme: string;
}

/** One entry per rules question, named as the bot's policy topics are. */
export interface PolicyFacts {
  /** The document's title, for "依据《…》". */
  readonly document: string;
  /** 学分 or 学时: what the cycle is counted in. */
  readonly unit: string;
  /** Empty bands: the policy gives no grade bonus. */
  readonly grade_bonus: GradeBonusFacts;
  readonly lecturer_bonus: LecturerBonusFacts | undefined;
  /** A3 applies everywhere; notes are what the region adds (山东: an unfinished day counts as a day of leave). */
  readonly leave: { readonly notes: readonly string[] };
  /** A1 applies everywhere. */
  readonly failed: { readonly notes: readonly string[] };
  readonly degree_upgrade: RuleSource | undefined;
  readonly conversion: ConversionFacts;
  /** Between categories (B3); nothing in a policy carries hours into another year or cycle. */
  readonly carry_over: { readonly overflow: readonly { readonly from: string; readonly to: string }[]; readonly source?: RuleSource };
  readonly consequences: ConsequenceFacts | undefined;
  readonly requirement: RequirementFacts;
  readonly dates: DateFacts;
}

/** Words that make a free-text note of the policy part of the answer to a topic. */
const NOTE_WORDS = {
  grade_bonus: ["优秀", "良好"],
  leave: ["请假", "缺勤", "考勤"],
  failed: ["不合格", "不予登记", "不能登记"],
  consequences: ["未达到", "未完成", "不达标", "不得"],
} as const;

/** Rule ids of credit-rules.md ("B6", "A3"): not something to show a teacher. */
const INTERNAL_RULE_ID = /^[A-F]\d+$/;

function sourceOf(provenance: { source: string; configurableDefault?: string | undefined }): RuleSource {
  const citation = INTERNAL_RULE_ID.test(provenance.source) ? undefined : provenance.source;
  return { assumed: provenance.configurableDefault !== undefined, ...(citation === undefined ? {} : { citation }) };
}

function notesAbout(policy: Policy, words: readonly string[]): string[] {
  return policy.notes.filter((note) => words.some((word) => note.text.includes(word))).map((note) => note.text);
}

function gradeBonusFacts(policy: Policy): GradeBonusFacts {
  const rule = policy.gradeBonus;
  const bands = (rule?.bands ?? []).map((band) => ({
    levels: levelList(policy, band.levels),
    grades: (["pass", "good", "excellent"] as const).flatMap((result) => {
      const percent = band.percent[result];
      return percent === undefined || percent === 0 ? [] : [{ result: RESULT_NAMES[result], percent }];
    }),
  }));
  const quota = policy.gradeQuota;
  return {
    bands: bands.filter((band) => band.grades.length > 0),
    ...(rule === undefined ? {} : { source: sourceOf(rule) }),
    ...(quota === undefined ? {} : { quota: { goodOrBetter: quota.goodOrBetterMaxPercent, excellent: quota.excellentMaxPercent } }),
    notes: notesAbout(policy, NOTE_WORDS.grade_bonus),
  };
}

function lecturerBonusFacts(policy: Policy): LecturerBonusFacts | undefined {
  const rule = policy.lecturerBonus;
  if (rule === undefined) return undefined;
  return {
    bands: rule.bands.map((band) => ({ levels: levelList(policy, band.levels), percent: band.percent })),
    stacksWithGradeBonus: rule.stacksWithGradeBonus,
    hasGradeBonus: policy.gradeBonus !== undefined,
    source: sourceOf(rule),
  };
}

function conversionFacts(policy: Policy): ConversionFacts {
  const conversion = policy.conversion;
  const rates = MODES.flatMap((mode) => {
    const hours = conversion?.hoursPerCredit[mode];
    return hours === undefined ? [] : [{ mode: modeName(policy, mode), hours }];
  });
  return {
    countsHours: policy.unit === "hour",
    rates,
    ...(conversion === undefined ? {} : { source: sourceOf(conversion) }),
    fixed: policy.fixedCredits.map((fixed) => ({ label: fixed.label, credits: fixed.credits })),
  };
}

function consequenceFacts(policy: Policy): ConsequenceFacts | undefined {
  const texts = (list: readonly { text: string }[]) => list.map((consequence) => consequence.text);
  const annual = texts(policy.consequences.annualShortfall);
  const cycle = texts(policy.consequences.cycleShortfall);
  const preService = texts(policy.consequences.preServiceIncomplete);
  const listed = [...annual, ...cycle, ...preService];
  // A note that only restates a listed consequence (云阳: 不得转正定级) would say it twice.
  const notes = notesAbout(policy, NOTE_WORDS.consequences).filter((note) => !listed.some((text) => note.includes(text)));
  if (listed.length + notes.length === 0) return undefined;
  return { annual, cycle, preService, notes };
}

function requirementFacts(policy: Policy): RequirementFacts {
  const annual = policy.annual;
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  return {
    cycleYears: policy.cycle.years,
    total: policy.total.required,
    source: sourceOf(policy.total),
    categories: CATEGORIES.flatMap((category) => {
      const rule = policy.categories?.[category];
      return rule === undefined ? [] : [{ name: CATEGORY_NAMES[category], minimum: rule.minimum }];
    }),
    floors: policy.floors.map((floor) => ({ label: floor.label, minimum: floor.minimum })),
    fixed: policy.fixedCredits.map((fixed) => ({ label: fixed.label, credits: fixed.credits })),
    ...(annual === undefined
      ? {}
      : {
          annual: {
            per: isCalendarYear(scheme) ? "每年" : "每学年度",
            ...(annual.minimum === undefined ? {} : { minimum: annual.minimum }),
            unit: UNIT_NAMES[annual.unit],
            floors: annual.floors.map((floor) => ({ label: floor.label, minimum: floor.minimum })),
            source: sourceOf(annual),
          },
        }),
    assessments: policy.assessments.map((award) => ({ label: award.label, minScore: award.minScore, hours: award.hours })),
  };
}

function dateFacts(policy: Policy, asOf: DateOnly): DateFacts {
  const cycle = cycleContaining(asOf, policy.cycle.anchor, policy.cycle.years);
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  const key = yearKeyOf(asOf, scheme);
  const end = yearEnd(key, scheme);
  return {
    cycle: { start: cycle.start, end: cycle.end, daysLeft: daysBetween(asOf, cycle.end), years: policy.cycle.years, source: sourceOf(policy.cycle) },
    year: { label: yearLabel(key, scheme), start: yearStart(key, scheme), end, daysLeft: daysBetween(asOf, end) },
    scheme: describeScheme(scheme),
  };
}

/** Everything the policy says about the rules teachers ask about, as of a day (for the current cycle and year). */
export function policyFacts(policy: Policy, asOf: DateOnly): PolicyFacts {
  const overflow = policy.overflow.map((route) => ({
    from: CATEGORY_NAMES[route.from],
    to: route.to.map((category) => CATEGORY_NAMES[category]).join("、"),
  }));
  const firstOverflow = policy.overflow[0];
  return {
    document: policy.name,
    unit: UNIT_NAMES[policy.unit],
    grade_bonus: gradeBonusFacts(policy),
    lecturer_bonus: lecturerBonusFacts(policy),
    leave: { notes: notesAbout(policy, NOTE_WORDS.leave) },
    failed: { notes: notesAbout(policy, NOTE_WORDS.failed) },
    degree_upgrade: policy.degreeUpgrade === undefined ? undefined : sourceOf(policy.degreeUpgrade),
    conversion: conversionFacts(policy),
    carry_over: { overflow, ...(firstOverflow === undefined ? {} : { source: sourceOf(firstOverflow) }) },
    consequences: consequenceFacts(policy),
    requirement: requirementFacts(policy),
    dates: dateFacts(policy, asOf),
  };
}

/** Whether training can still be counted toward a year, and where that year stands for one teacher. */
export interface YearMakeUp {
  readonly label: string;
  /**
   * before_cycle: in an earlier cycle, over; closed: the year is over (new training counts toward the
   * current year); open: the current year, still running; future: not begun.
   */
  readonly when: "before_cycle" | "closed" | "open" | "future";
  readonly start: DateOnly;
  readonly end: DateOnly;
  /** Days until the year ends (open years). */
  readonly daysLeft: number;
  /** The year training done today counts toward. */
  readonly currentLabel: string;
  /** The year's own minimum; absent when the policy sets none (or the teacher was hired that year). */
  readonly annual?: { readonly earned: number; readonly required: number; readonly missing: number; readonly unit: string };
  /** Parts of the year's requirement still missing (年度公需科目, 年度校本培训). */
  readonly gaps: readonly { readonly what: string; readonly missing: number; readonly unit: string }[];
  /** Consequences that apply because the closed year missed its minimum. */
  readonly consequences: readonly string[];
  /** The cycle the year belongs to, when it is the current one. */
  readonly cycle: { readonly end: DateOnly; readonly daysLeft: number; readonly met: boolean; readonly missing: number; readonly unit: string; readonly over: boolean };
}

/** "2025年的学时还能补吗": read from the teacher's evaluation (current cycle) and the policy's year scheme. */
export function yearMakeUp(policy: Policy, evaluation: Evaluation, year: number): YearMakeUp {
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  const asOf = evaluation.asOf;
  const current = yearKeyOf(asOf, scheme);
  const start = yearStart(year, scheme);
  const end = yearEnd(year, scheme);
  const when = year > current ? "future" : end < evaluation.cycle.start ? "before_cycle" : asOf >= end ? "closed" : "open";
  const tally = evaluation.years.find((candidate) => candidate.year === year);
  const yearShortfalls = evaluation.shortfalls.filter((shortfall) => shortfall.scope === "year" && shortfall.year === year);
  const unit = UNIT_NAMES[evaluation.unit];
  return {
    label: yearLabel(year, scheme),
    when,
    start,
    end,
    daysLeft: Math.max(0, daysBetween(asOf, end)),
    currentLabel: yearLabel(current, scheme),
    ...(tally === undefined || tally.required === null
      ? {}
      : {
          annual: {
            earned: tally.earned,
            required: tally.required,
            missing: Math.max(0, Math.round((tally.required - tally.earned) * 100) / 100),
            unit: UNIT_NAMES[tally.unit],
          },
        }),
    gaps: yearShortfalls
      .filter((shortfall) => shortfall.key !== "year")
      .map((shortfall) => ({ what: shortfall.what, missing: shortfall.missing, unit: UNIT_NAMES[shortfall.unit] })),
    consequences: tally?.consequences.map((consequence) => consequence.text) ?? [],
    cycle: {
      end: evaluation.cycle.end,
      daysLeft: Math.max(0, daysBetween(asOf, evaluation.cycle.end)),
      met: evaluation.met,
      missing: Math.max(0, Math.round((evaluation.total.required - evaluation.total.earned) * 100) / 100),
      unit,
      over: evaluation.cycle.over,
    },
  };
}
