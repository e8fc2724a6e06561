import type { Reply } from "../../channels/types.js";
import {
  CATEGORIES,
  CATEGORY_NAMES,
  daysBetween,
  MODE_NAMES,
  UNIT_NAMES,
  type Category,
  type DateOnly,
  type Evaluation,
  type Mode,
  type Policy,
  type Unit,
} from "../../credits/index.js";
import type { PolicyMatch } from "../../credits/policy-schema.js";
import type { TeacherConversation } from "../context.js";
import type { Intent, RequirementPart } from "../intents/index.js";
import { roundAmount } from "../templates.js";
import { ownBalance } from "./own-balance.js";
import { cycleYears, fullDate } from "./short-date.js";

/** What a teacher calls each part when the region has no rule of its own to name it. */
const PART_NAMES: Readonly<Record<RequirementPart, string>> = {
  centralized: MODE_NAMES.centralized,
  online: MODE_NAMES.online,
  school_based: MODE_NAMES.school_based,
  required: CATEGORY_NAMES.required,
  elective: CATEGORY_NAMES.elective,
  school_course: CATEGORY_NAMES.school_course,
  it_application: "信息技术应用能力提升",
  public_subject: "公需科目",
};

/** Tags a policy may put on the trainings of a part (credit-rules.md: it_integration, public_subject). */
const PART_TAGS: Partial<Record<RequirementPart, readonly string[]>> = {
  it_application: ["it_integration", "it_application"],
  public_subject: ["public_subject"],
};

const PART_MODES: Partial<Record<RequirementPart, Mode>> = { centralized: "centralized", online: "online", school_based: "school_based" };

/** One requirement of the region's policy that the part is about, as the engine tallied it. */
interface PartLine {
  readonly what: string;
  readonly earned: number;
  readonly required: number;
  readonly missing: number;
  readonly met: boolean;
  readonly unit: Unit;
  /** Another category's excess counted toward it (B3). */
  readonly covered?: number;
  /** The end of the period it must be met in. */
  readonly end: DateOnly;
}

function isAbout(match: PolicyMatch, part: RequirementPart): boolean {
  const mode = PART_MODES[part];
  if (mode !== undefined) return match.modes?.includes(mode) === true;
  const tags = PART_TAGS[part];
  if (tags !== undefined) return match.tags?.some((tag) => tags.includes(tag)) === true;
  return false;
}

/**
 * A category is about a training mode when the policy fills it with that mode alone (博州 校本课程 is
 * earned by 校本研修), so "校本够了吗" finds it.
 */
function categoryIsAbout(policy: Policy, category: Category, part: RequirementPart): boolean {
  if (part === category) return true;
  const mode = PART_MODES[part];
  const suggested = policy.categories?.[category]?.suggestModes;
  return mode !== undefined && suggested?.length === 1 && suggested[0] === mode;
}


/**
 * The region's requirements a part of the requirement is about — categories, cycle floors and this
 * year's floors — with the engine's numbers. Empty when the region has no separate rule for it.
 */
function partLines(policy: Policy, evaluation: Evaluation, part: RequirementPart): PartLine[] {
  const lines: PartLine[] = [];
  const cycleEnd = evaluation.cycle.end;
  for (const category of CATEGORIES) {
    const tally = evaluation.categories[category];
    if (tally === undefined || !categoryIsAbout(policy, category, part)) continue;
    const covered = tally.coveredByOverflow ?? 0;
    lines.push({
      what: CATEGORY_NAMES[category],
      earned: tally.earned,
      required: tally.required,
      missing: roundAmount(Math.max(0, tally.required - tally.earned - covered)),
      met: tally.met,
      unit: evaluation.unit,
      ...(covered > 0 ? { covered } : {}),
      end: cycleEnd,
    });
  }
  for (const floor of policy.floors) {
    const tally = evaluation.floors[floor.id];
    if (tally === undefined || !isAbout(floor.match, part)) continue;
    lines.push({ what: floor.label, earned: tally.earned, required: tally.required, missing: roundAmount(Math.max(0, tally.required - tally.earned)), met: tally.met, unit: evaluation.unit, end: cycleEnd });
  }
  const year = evaluation.years.find((candidate) => candidate.start <= evaluation.asOf && evaluation.asOf <= candidate.end);
  for (const floor of policy.annual?.floors ?? []) {
    const tally = year?.floors?.[floor.id];
    if (year === undefined || tally === undefined || !isAbout(floor.match, part)) continue;
    lines.push({ what: `${year.label}${floor.label}`, earned: tally.earned, required: tally.required, missing: roundAmount(Math.max(0, tally.required - tally.earned)), met: tally.met, unit: year.unit, end: year.end });
  }
  return lines;
}

/** 信息技术2.0还差多少 / 集中培训够了吗: just that part, or the whole balance when the region has no rule for it. */
export async function balancePartHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "balance" }> & { part: RequirementPart }): Promise<Reply[]> {
  const { policy, evaluation } = await ownBalance(conversation);
  const today = conversation.today;
  const lines = partLines(policy, evaluation, intent.part).map((line) => ({
    ...line,
    unit: UNIT_NAMES[line.unit],
    end: fullDate(line.end),
    daysLeft: Math.max(0, daysBetween(today, line.end)),
  }));
  const { total, cycle } = evaluation;
  return [
    conversation.say("balance-part", {
      name: conversation.teacher.name,
      lines,
      part: PART_NAMES[intent.part],
      cycle: cycleYears(cycle),
      earned: total.earned,
      required: total.required,
      missing: roundAmount(Math.max(0, total.required - total.earned)),
      met: evaluation.met,
      unit: UNIT_NAMES[evaluation.unit],
      end: fullDate(cycle.end),
      daysLeft: Math.max(0, daysBetween(today, cycle.end)),
    }),
  ];
}
