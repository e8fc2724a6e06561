import { z } from "zod";
import { AmountScale, MAX_POLICY_AMOUNT, toBasisPoints, toRate } from "./amount.js";
import { isDateOnly, dayOf } from "./dates.js";
import { parseWith, type Parsed } from "./problems.js";
import { ASSESSMENT_KINDS, CATEGORIES, LEVELS, MODES, PRO_RATING_MODES, UNITS } from "./vocabulary.js";

/**
 * A region's continuing-education rules as data. Every rule in credit-rules.md has a place here, and every
 * value names the seed rule it comes from (`source`). A value the seed does not give carries
 * `configurableDefault`: the reason the preset chose it, so nobody mistakes it for regulation.
 */

/** Why a policy that says nothing about mid-cycle hires pro-rates by whole years. */
export const PRO_RATING_DEFAULT_REASON =
  "文件未规定周期中途入职教师的学分要求；按本周期在职年数折算（入职当年算一整年），岗前培训仍单独统计";

function hasAtMostTwoDecimals(value: number): boolean {
  const hundredths = value * 100;
  return Math.abs(hundredths - Math.round(hundredths)) < 1e-7;
}

const MAX_CYCLE_YEARS = 10;

const dateOnly = z.string().refine(isDateOnly, "must be a date YYYY-MM-DD");
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lowercase letters, digits, - or _");
const text = z.string().min(1);
const amount = z.number().min(0).max(MAX_POLICY_AMOUNT).refine(hasAtMostTwoDecimals, "must have at most two decimals");
const positiveAmount = z.number().gt(0).max(MAX_POLICY_AMOUNT).refine(hasAtMostTwoDecimals, "must have at most two decimals");
const percent = z.number().min(0).max(1000).refine(hasAtMostTwoDecimals, "must have at most two decimals");
const month = z.number().int().min(1).max(12);
const tag = slug;

const provenance = {
  /** Rule id in credit-rules.md (e.g. "B2") or another citation. */
  source: text,
  /** Present when the seed is silent and this value is the preset's choice: says why. */
  configurableDefault: text.optional(),
};

const match = z.strictObject({
  modes: z.array(z.enum(MODES)).min(1).optional(),
  categories: z.array(z.enum(CATEGORIES)).min(1).optional(),
  /** A record must carry every listed tag. */
  tags: z.array(tag).min(1).optional(),
  /** Lowest issuing level that still matches (C2: 县级及以上 → "county"). */
  minLevel: z.enum(LEVELS).optional(),
});

const floor = z.strictObject({
  id: slug,
  label: text,
  minimum: amount,
  match,
  ...provenance,
});

const categoryRule = z.strictObject({
  minimum: amount,
  /** Training modes a suggestion should name for this category (B2 school_course → school_based). */
  suggestModes: z.array(z.enum(MODES)).min(1).optional(),
  ...provenance,
});

const consequence = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "must be UPPER_SNAKE_CASE"),
  text,
  source: text,
});

const gradePercents = z.strictObject({
  pass: percent.optional(),
  good: percent.optional(),
  excellent: percent.optional(),
});

const assessmentItem = z.strictObject({
  key: slug,
  label: text,
  points: amount,
  /** Minimum length a reviewer checks (D7); the bot quotes it when reminding. */
  minChars: z.number().int().min(1).optional(),
});

export const policySchema = z
  .strictObject({
    id: slug,
    /** Chinese title of the rules, e.g. 博州中小学教师继续教育规划. */
    name: text,
    /** Chinese region name for lists. */
    region: text,
    unit: z.enum(UNITS),
    cycle: z.strictObject({
      years: z.number().int().min(1).max(MAX_CYCLE_YEARS),
      /** Any cycle start; cycles repeat every `years` from here, and the one containing "as of" is used. */
      anchor: dateOnly,
      ...provenance,
    }),
    total: z.strictObject({ required: amount, ...provenance }),
    conversion: z
      .strictObject({
        hoursPerCredit: z.strictObject({
          centralized: positiveAmount.optional(),
          online: positiveAmount.optional(),
          school_based: positiveAmount.optional(),
        }),
        ...provenance,
      })
      .optional(),
    categories: z
      .strictObject({
        required: categoryRule.optional(),
        elective: categoryRule.optional(),
        school_course: categoryRule.optional(),
      })
      .optional(),
    overflow: z
      .array(
        z.strictObject({
          from: z.enum(CATEGORIES),
          /** Filled in this order. */
          to: z.array(z.enum(CATEGORIES)).min(1),
          ...provenance,
        }),
      )
      .default([]),
    floors: z.array(floor).default([]),
    fixedCredits: z
      .array(z.strictObject({ id: slug, label: text, credits: positiveAmount, match, ...provenance }))
      .default([]),
    gradeBonus: z
      .strictObject({
        bands: z.array(z.strictObject({ levels: z.array(z.enum(LEVELS)).min(1), percent: gradePercents })).min(1),
        ...provenance,
      })
      .optional(),
    lecturerBonus: z
      .strictObject({
        bands: z.array(z.strictObject({ levels: z.array(z.enum(LEVELS)).min(1), percent })).min(1),
        stacksWithGradeBonus: z.boolean().default(false),
        ...provenance,
      })
      .optional(),
    years: z
      .strictObject({
        /** 1 = calendar year; 7 = a training year from July. */
        startMonth: month,
        /** Last month of the training year when it is shorter than twelve months (某区: July–May → 5). */
        endMonth: month.optional(),
        ...provenance,
      })
      .default({ startMonth: 1, source: "F" }),
    annual: z
      .strictObject({
        minimum: amount.optional(),
        unit: z.enum(UNITS),
        floors: z.array(floor).default([]),
        ...provenance,
      })
      .optional(),
    assessments: z
      .array(
        z.strictObject({
          kind: z.enum(ASSESSMENT_KINDS),
          label: text,
          minScore: amount,
          hours: positiveAmount,
          mode: z.enum(MODES).optional(),
          category: z.enum(CATEGORIES).optional(),
          items: z.array(assessmentItem).default([]),
          /** Extra points per time the teacher helps (D2: part-time researcher / studio member +5). */
          helperBonusPoints: amount.optional(),
          ...provenance,
        }),
      )
      .default([]),
    /** Score of a school (unit) for its training work (兰西 D5); teachers' average score enters with a weight. */
    schoolAssessment: z
      .strictObject({
        items: z.array(z.strictObject({ key: slug, label: text, points: amount })).min(1),
        averageTeacherScoreWeight: z.number().min(0).max(1).refine(hasAtMostTwoDecimals, "must have at most two decimals"),
        bonuses: z.array(z.strictObject({ key: slug, label: text, pointsEach: amount })).default([]),
        ...provenance,
      })
      .optional(),
    consequences: z
      .strictObject({
        annualShortfall: z.array(consequence).default([]),
        cycleShortfall: z.array(consequence).default([]),
        preServiceIncomplete: z.array(consequence).default([]),
      })
      .default({ annualShortfall: [], cycleShortfall: [], preServiceIncomplete: [] }),
    degreeUpgrade: z.strictObject({ ...provenance }).optional(),
    preService: z
      .strictObject({
        excluded: z.boolean().default(true),
        requiredHours: positiveAmount.optional(),
        withinMonths: z.number().int().min(1).max(60).default(12),
        ...provenance,
      })
      .default({ excluded: true, withinMonths: 12, source: "A4" }),
    /**
     * A teacher hired after the cycle began owes the cycle total, category minimums and cycle floors in
     * proportion to her service in the cycle: `years` counts every (training) year she serves in as a whole
     * year, `months` every calendar month, `none` asks the full cycle of everyone. Annual rules and
     * pre-service hours (A4) are not pro-rated: the years before hiring are not listed at all.
     */
    proRating: z
      .strictObject({ by: z.enum(PRO_RATING_MODES), ...provenance })
      .default({ by: "years", source: "A4", configurableDefault: PRO_RATING_DEFAULT_REASON }),
    gradeQuota: z
      .strictObject({ goodOrBetterMaxPercent: percent, excellentMaxPercent: percent, ...provenance })
      .optional(),
    certification: z
      .strictObject({
        perYear: z.union([z.literal(1), z.literal(2)]),
        by: text,
        ...provenance,
      })
      .optional(),
    modeNames: z
      .strictObject({ centralized: text.optional(), online: text.optional(), school_based: text.optional() })
      .default({}),
    levelNames: z
      .strictObject({
        national: text.optional(),
        provincial: text.optional(),
        prefecture: text.optional(),
        county: text.optional(),
        school: text.optional(),
      })
      .default({}),
    /**
     * The mode a training of each level usually takes in the region (县级培训 here means 县级集中培训), for
     * questions that name a level but no mode. A level left out has no usual mode.
     */
    defaultModes: z
      .strictObject({
        national: z.enum(MODES).optional(),
        provincial: z.enum(MODES).optional(),
        prefecture: z.enum(MODES).optional(),
        county: z.enum(MODES).optional(),
        school: z.enum(MODES).optional(),
      })
      .default({}),
    /** Rules kept for people rather than arithmetic (C6 shadowing days, E5 attendance), shown by `explain`. */
    notes: z.array(z.strictObject({ text, source: text })).default([]),
  })
  .superRefine(checkCrossReferences, { when: () => true });

export type Policy = z.output<typeof policySchema>;
/** What a preset or a policy file is written as: defaults may be left out. */
export type PolicyInput = z.input<typeof policySchema>;
export type PolicyFloor = z.output<typeof floor>;
export type PolicyMatch = z.output<typeof match>;
export type Consequence = z.output<typeof consequence>;

type Context = z.core.$RefinementCtx<Policy>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function reportDuplicateIds(items: unknown[], path: string, context: Context): void {
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    if (!isObject(item) || typeof item.id !== "string") return;
    if (seen.has(item.id)) context.addIssue({ code: "custom", path: [path, index, "id"], message: "duplicate id" });
    seen.add(item.id);
  });
}

function reportOverlappingBands(bands: unknown[], path: string, context: Context): void {
  const claimed = new Set<unknown>();
  bands.forEach((band, index) => {
    if (!isObject(band)) return;
    for (const level of listOf(band.levels)) {
      if (claimed.has(level)) {
        context.addIssue({
          code: "custom",
          path: [path, "bands", index, "levels"],
          message: `level ${String(level)} is already in an earlier band`,
        });
      }
      claimed.add(level);
    }
  });
}

/**
 * Rules that span fields. Runs even when other fields are invalid (so one pass lists every problem),
 * which is why it reads the value defensively.
 */
function checkCrossReferences(value: Policy, context: Context): void {
  const policy: unknown = value;
  if (!isObject(policy)) return;

  if (isObject(policy.cycle) && typeof policy.cycle.anchor === "string" && isDateOnly(policy.cycle.anchor)) {
    if (dayOf(policy.cycle.anchor) > 28) {
      context.addIssue({ code: "custom", path: ["cycle", "anchor"], message: "must be on day 1–28 so every cycle starts on the same date" });
    }
  }

  const categories = isObject(policy.categories) ? policy.categories : {};
  listOf(policy.overflow).forEach((rule, index) => {
    if (!isObject(rule)) return;
    if (typeof rule.from === "string" && !isObject(categories[rule.from])) {
      context.addIssue({ code: "custom", path: ["overflow", index, "from"], message: `category ${rule.from} is not defined in categories` });
    }
    listOf(rule.to).forEach((target, targetIndex) => {
      if (target === rule.from) {
        context.addIssue({ code: "custom", path: ["overflow", index, "to", targetIndex], message: "cannot overflow into itself" });
      } else if (typeof target === "string" && !isObject(categories[target])) {
        context.addIssue({ code: "custom", path: ["overflow", index, "to", targetIndex], message: `category ${target} is not defined in categories` });
      }
    });
  });

  reportInexactScale(policy, context);
  reportDuplicateIds(listOf(policy.floors), "floors", context);
  reportDuplicateIds(listOf(policy.fixedCredits), "fixedCredits", context);
  if (isObject(policy.gradeBonus)) reportOverlappingBands(listOf(policy.gradeBonus.bands), "gradeBonus", context);
  if (isObject(policy.lecturerBonus)) reportOverlappingBands(listOf(policy.lecturerBonus.bands), "lecturerBonus", context);

  if (isObject(policy.annual)) {
    const annual = policy.annual;
    if (annual.unit === "credit" && policy.unit === "hour") {
      context.addIssue({ code: "custom", path: ["annual", "unit"], message: "cannot be credit when the policy counts hours" });
    }
    const floors = listOf(annual.floors);
    if (annual.minimum === undefined && floors.length === 0) {
      context.addIssue({ code: "custom", path: ["annual"], message: "needs a minimum or at least one floor" });
    }
    const seen = new Set<unknown>();
    floors.forEach((item, index) => {
      if (!isObject(item)) return;
      if (seen.has(item.id)) context.addIssue({ code: "custom", path: ["annual", "floors", index, "id"], message: "duplicate id" });
      seen.add(item.id);
    });
  }

  const kinds = new Set<unknown>();
  const rates = isObject(policy.conversion) && isObject(policy.conversion.hoursPerCredit) ? policy.conversion.hoursPerCredit : {};
  listOf(policy.assessments).forEach((award, index) => {
    if (!isObject(award)) return;
    if (kinds.has(award.kind)) context.addIssue({ code: "custom", path: ["assessments", index, "kind"], message: "duplicate assessment kind" });
    kinds.add(award.kind);
    if (policy.unit === "credit") {
      if (typeof award.mode !== "string") {
        context.addIssue({ code: "custom", path: ["assessments", index, "mode"], message: "required when the policy counts credits (to convert the awarded hours)" });
      } else if (rates[award.mode] === undefined) {
        context.addIssue({ code: "custom", path: ["assessments", index, "mode"], message: `conversion.hoursPerCredit.${award.mode} is needed to convert the awarded hours` });
      }
    }
  });
}

function positiveNumbers(values: unknown[]): number[] {
  // Values the field schemas refuse (not finite, beyond the maximum) are left to their own messages.
  return values.filter((value): value is number => typeof value === "number" && value > 0 && value <= MAX_POLICY_AMOUNT);
}

/**
 * Every amount is an integer of a unit exact at the policy's rates and bonus percentages (amount.ts); rates
 * such as 10.31 and 2.06 together need so fine a unit that a cycle's sum would leave the range where numbers
 * are exact. Refused here, naming the field, so an accepted policy always evaluates.
 */
function reportInexactScale(policy: Record<string, unknown>, context: Context): void {
  const conversion = isObject(policy.conversion) && isObject(policy.conversion.hoursPerCredit) ? policy.conversion.hoursPerCredit : {};
  const rates = positiveNumbers(Object.values(conversion)).map(toRate);
  const gradeBands = isObject(policy.gradeBonus) ? listOf(policy.gradeBonus.bands) : [];
  const gradePoints = positiveNumbers(gradeBands.flatMap((band) => (isObject(band) && isObject(band.percent) ? Object.values(band.percent) : []))).map(toBasisPoints);
  const lecturerBands = isObject(policy.lecturerBonus) ? listOf(policy.lecturerBonus.bands) : [];
  const lecturerPoints = positiveNumbers(lecturerBands.map((band) => (isObject(band) ? band.percent : undefined))).map(toBasisPoints);

  const cycleYears = isObject(policy.cycle) && typeof policy.cycle.years === "number" ? policy.cycle.years : MAX_CYCLE_YEARS;
  if (!AmountScale.exactFor(rates, []).coversEvery(rates, 0, cycleYears)) {
    context.addIssue({
      code: "custom",
      path: ["conversion", "hoursPerCredit"],
      message: "these rates cannot be computed exactly together; use rates with fewer decimals",
    });
    return;
  }
  const largestGrade = Math.max(0, ...gradePoints);
  const largestLecturer = Math.max(0, ...lecturerPoints);
  const stacks = isObject(policy.lecturerBonus) && policy.lecturerBonus.stacksWithGradeBonus === true;
  const largestBonus = stacks ? largestGrade + largestLecturer : Math.max(largestGrade, largestLecturer);
  if (!AmountScale.exactFor(rates, [...gradePoints, ...lecturerPoints]).coversEvery(rates, largestBonus, cycleYears)) {
    context.addIssue({
      code: "custom",
      path: [gradePoints.length > 0 ? "gradeBonus" : "lecturerBonus"],
      message: "these bonus percentages cannot be computed exactly together with conversion.hoursPerCredit; use percentages with fewer decimals",
    });
  }
}

export function parsePolicy(document: unknown): Parsed<Policy> {
  return parseWith(policySchema, document);
}
