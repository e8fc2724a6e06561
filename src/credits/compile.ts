import { AmountScale, creditsPerHour, ExactRatio, hoursPerCredit, shareOf, toBasisPoints, toRate, type Amount } from "./amount.js";
import type { Policy, PolicyFloor, PolicyMatch } from "./policy-schema.js";
import { yearScheme, type YearScheme } from "./years.js";
import {
  CATEGORIES,
  LEVEL_NAMES,
  LEVELS,
  MODE_NAMES,
  MODES,
  RESULTS,
  type AssessmentKind,
  type Category,
  type Level,
  type Mode,
} from "./vocabulary.js";

/**
 * A policy turned into lookup tables once, so evaluating a record is a handful of array reads:
 * rates by mode, bonus basis points by level × result, floor matchers as bit masks. Cached per policy object.
 */

export interface Matcher {
  /** Bit i set = MODES[i] matches; all bits when the rule does not restrict modes. */
  readonly modeMask: number;
  /** Bit i set = CATEGORIES[i] matches; NO_CATEGORY_BIT for records without a category. */
  readonly categoryMask: number;
  readonly tags: readonly string[];
  /** Highest level rank (LEVELS index) that still matches; 4 when unrestricted. */
  readonly maxLevelRank: number;
}

export interface CompiledFloor extends Matcher {
  readonly id: string;
  readonly label: string;
  readonly minimum: Amount;
  readonly source: string;
  readonly suggestModes: readonly Mode[];
}

export interface CompiledFixedCredit extends Matcher {
  readonly label: string;
  readonly credits: Amount;
}

export interface CompiledAward {
  readonly kind: AssessmentKind;
  readonly label: string;
  readonly minScore: number;
  readonly hours: Amount;
  /** -1 when the award has no mode or category of its own. */
  readonly modeIndex: number;
  readonly categoryIndex: number;
}

export interface CompiledPolicy {
  readonly policy: Policy;
  /** The unit every amount of this policy is counted in (exact at its rates and percentages). */
  readonly amounts: AmountScale;
  readonly countsCredits: boolean;
  /** Hundredths of an hour per credit by MODES index; 0 = no rate. */
  readonly rates: readonly number[];
  /** The same rates as exact conversions, by MODES index (× 0 where there is no rate). */
  readonly creditsPerHour: readonly ExactRatio[];
  readonly hoursPerCredit: readonly ExactRatio[];
  readonly modeNames: readonly string[];
  readonly levelNames: readonly string[];
  /** Basis points by LEVELS index × RESULTS.length + RESULTS index. */
  readonly gradeBonus: readonly number[];
  /** The same basis points as exact shares of the base amount. */
  readonly gradeBonusShare: readonly ExactRatio[];
  /** Basis points by LEVELS index. */
  readonly lecturerBonus: readonly number[];
  readonly lecturerBonusShare: readonly ExactRatio[];
  readonly lecturerStacks: boolean;
  /** By CATEGORIES index: whether the policy has a minimum for that category. */
  readonly categoryDefined: readonly boolean[];
  readonly hasCategories: boolean;
  readonly categoryMinimum: readonly Amount[];
  readonly floors: readonly CompiledFloor[];
  readonly annualFloors: readonly CompiledFloor[];
  readonly fixedCredits: readonly CompiledFixedCredit[];
  readonly totalRequired: Amount;
  readonly annualMinimum: Amount | null;
  /** The annual rule counts hours while the cycle counts credits (B5 in 博州). */
  readonly annualInHours: boolean;
  readonly scheme: YearScheme;
  readonly awards: ReadonlyMap<AssessmentKind, CompiledAward>;
  readonly halfYearAudits: boolean;
}

const NOTHING = new ExactRatio(0, 1);

function exactRatios(values: readonly number[], ratio: (value: number) => ExactRatio): ExactRatio[] {
  return values.map((value) => (value > 0 ? ratio(value) : NOTHING));
}

const NO_CATEGORY_BIT = 1 << CATEGORIES.length;
const ALL_MODES = (1 << MODES.length) - 1;
const ALL_CATEGORIES = (1 << (CATEGORIES.length + 1)) - 1;
const LOWEST_LEVEL_RANK = LEVELS.length - 1;

function maskOf<T extends string>(values: readonly T[] | undefined, all: readonly T[], everything: number): number {
  if (values === undefined) return everything;
  let mask = 0;
  for (const value of values) mask |= 1 << all.indexOf(value);
  return mask;
}

function compileMatch(match: PolicyMatch): Matcher {
  return {
    modeMask: maskOf(match.modes, MODES, ALL_MODES),
    categoryMask: maskOf(match.categories, CATEGORIES, ALL_CATEGORIES),
    tags: match.tags ?? [],
    maxLevelRank: match.minLevel === undefined ? LOWEST_LEVEL_RANK : LEVELS.indexOf(match.minLevel),
  };
}

/**
 * Whether an amount falls under a floor or fixed-credit rule. A negative mode or level index means "not known"
 * (an assessment award has no issuing level), which matches only rules that do not ask for one.
 */
export function matches(
  matcher: Matcher,
  modeIndex: number,
  categoryIndex: number,
  levelRank: number,
  tags: readonly string[] | undefined,
): boolean {
  if (modeIndex < 0 ? matcher.modeMask !== ALL_MODES : (matcher.modeMask & (1 << modeIndex)) === 0) return false;
  const categoryBit = categoryIndex < 0 ? NO_CATEGORY_BIT : 1 << categoryIndex;
  if ((matcher.categoryMask & categoryBit) === 0) return false;
  if (levelRank < 0 ? matcher.maxLevelRank !== LOWEST_LEVEL_RANK : levelRank > matcher.maxLevelRank) return false;
  for (const tag of matcher.tags) {
    if (tags === undefined || !tags.includes(tag)) return false;
  }
  return true;
}

function ratedModes(rates: readonly number[], countsCredits: boolean): Mode[] {
  return MODES.filter((_, index) => !countsCredits || (rates[index] ?? 0) > 0);
}

function compileFloor(floor: PolicyFloor, policy: Policy, fallbackModes: readonly Mode[], amounts: AmountScale): CompiledFloor {
  const onlyCategory = floor.match.categories?.length === 1 ? floor.match.categories[0] : undefined;
  const categoryModes = onlyCategory === undefined ? undefined : policy.categories?.[onlyCategory]?.suggestModes;
  return {
    ...compileMatch(floor.match),
    id: floor.id,
    label: floor.label,
    minimum: amounts.of(floor.minimum),
    source: floor.source,
    suggestModes: floor.match.modes ?? categoryModes ?? fallbackModes,
  };
}

function compile(policy: Policy): CompiledPolicy {
  const countsCredits = policy.unit === "credit";
  const conversion = policy.conversion?.hoursPerCredit;
  const rates = MODES.map((mode) => {
    const rate = conversion?.[mode];
    return rate === undefined ? 0 : toRate(rate);
  });
  const fallbackModes = ratedModes(rates, countsCredits);

  const gradeBonus = new Array<number>(LEVELS.length * RESULTS.length).fill(0);
  for (const band of policy.gradeBonus?.bands ?? []) {
    for (const level of band.levels) {
      for (const result of RESULTS) {
        const percent = result === "fail" ? undefined : band.percent[result];
        gradeBonus[LEVELS.indexOf(level) * RESULTS.length + RESULTS.indexOf(result)] =
          percent === undefined ? 0 : toBasisPoints(percent);
      }
    }
  }
  const lecturerBonus = new Array<number>(LEVELS.length).fill(0);
  for (const band of policy.lecturerBonus?.bands ?? []) {
    for (const level of band.levels) lecturerBonus[LEVELS.indexOf(level)] = toBasisPoints(band.percent);
  }

  const amounts = AmountScale.exactFor(rates, [...gradeBonus, ...lecturerBonus]);

  const awards = new Map<AssessmentKind, CompiledAward>();
  for (const award of policy.assessments) {
    awards.set(award.kind, {
      kind: award.kind,
      label: award.label,
      minScore: award.minScore,
      hours: amounts.of(award.hours),
      modeIndex: award.mode === undefined ? -1 : MODES.indexOf(award.mode),
      categoryIndex: award.category === undefined ? -1 : CATEGORIES.indexOf(award.category),
    });
  }

  const categoryRules = CATEGORIES.map((category: Category) => policy.categories?.[category]);
  return {
    policy,
    amounts,
    countsCredits,
    rates,
    creditsPerHour: exactRatios(rates, creditsPerHour),
    hoursPerCredit: exactRatios(rates, hoursPerCredit),
    modeNames: MODES.map((mode) => policy.modeNames[mode] ?? MODE_NAMES[mode]),
    levelNames: LEVELS.map((level: Level) => policy.levelNames[level] ?? LEVEL_NAMES[level]),
    gradeBonus,
    gradeBonusShare: exactRatios(gradeBonus, shareOf),
    lecturerBonus,
    lecturerBonusShare: exactRatios(lecturerBonus, shareOf),
    lecturerStacks: policy.lecturerBonus?.stacksWithGradeBonus ?? false,
    categoryDefined: categoryRules.map((rule) => rule !== undefined),
    hasCategories: categoryRules.some((rule) => rule !== undefined),
    categoryMinimum: categoryRules.map((rule) => (rule === undefined ? 0 : amounts.of(rule.minimum))),
    floors: policy.floors.map((floor) => compileFloor(floor, policy, fallbackModes, amounts)),
    annualFloors: (policy.annual?.floors ?? []).map((floor) => compileFloor(floor, policy, fallbackModes, amounts)),
    fixedCredits: policy.fixedCredits.map((fixed) => ({
      ...compileMatch(fixed.match),
      label: fixed.label,
      credits: amounts.of(fixed.credits),
    })),
    totalRequired: amounts.of(policy.total.required),
    annualMinimum: policy.annual?.minimum === undefined ? null : amounts.of(policy.annual.minimum),
    annualInHours: countsCredits && policy.annual?.unit === "hour",
    scheme: yearScheme(policy.years.startMonth, policy.years.endMonth),
    awards,
    halfYearAudits: policy.certification?.perYear === 2,
  };
}

const compiledPolicies = new WeakMap<Policy, CompiledPolicy>();

export function compiled(policy: Policy): CompiledPolicy {
  let entry = compiledPolicies.get(policy);
  if (entry === undefined) {
    entry = compile(policy);
    compiledPolicies.set(policy, entry);
  }
  return entry;
}

/** Modes that can make up an amount in this policy: in a credit policy, those with a conversion rate. */
export function fillableModes(policy: CompiledPolicy): Mode[] {
  return ratedModes(policy.rates, policy.countsCredits);
}
