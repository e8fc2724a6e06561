import type { Reply } from "../../channels/types.js";
import { evaluate, LEVEL_NAMES, MODE_NAMES, UNIT_NAMES, type CreditRecord, type Evaluation, type Mode, type Policy, type Unit } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { HypotheticalRecord, Intent } from "../intents/index.js";
import { gapLineEnding } from "./balance.js";
import { ownBalance } from "./own-balance.js";

const MAX_GAPS = 4;
/** No single training runs longer (issue 14): a bigger number is a typo or several trainings at once. */
const MAX_HOURS_PER_TRAINING = 200;
const WHAT_IF_ID = "what-if";
/**
 * Tried in this order when the teacher named no mode; the first that counts least is assumed, so the
 * answer never promises more than the training will bring. Online comes first: on a tie it is the usual case.
 */
const MODES_LEAST_FAVOURABLE_FIRST: readonly Mode[] = ["online", "school_based", "centralized"];

/** The word that names each mode in a question ("如果再参加县级集中培训30学时呢"). */
const MODE_KEYWORDS: Readonly<Record<Mode, string>> = { centralized: "集中", online: "网络", school_based: "校本" };

const gapLine = gapLineEnding("（该年度已结束，补不上了）");

/**
 * The largest amount worth asking about: the whole cycle's requirement, in the unit the teacher typed.
 * Hours in a credit policy go through the slowest conversion rate, credits in an hour policy through the
 * fastest, so no real training is refused; anything above answers nothing a smaller number would not.
 */
function largestAmount(policy: Policy, asked: Unit): number {
  const required = policy.total.required;
  if (asked === policy.unit) return required;
  const rates = Object.values(policy.conversion?.hoursPerCredit ?? {}).filter((rate): rate is number => rate !== undefined);
  if (rates.length === 0) return required;
  return Math.ceil(asked === "hour" ? required * Math.max(...rates) : required / Math.min(...rates));
}

function recordOf(wanted: HypotheticalRecord, mode: Mode, today: string): CreditRecord {
  return {
    id: WHAT_IF_ID,
    date: today,
    mode,
    // Most training teachers are sent to is required coursework; a named category wins.
    category: wanted.category ?? (mode === "school_based" ? "school_course" : "required"),
    level: wanted.level ?? "county",
    ...(wanted.hours !== undefined ? { hours: wanted.hours } : {}),
    ...(wanted.credits !== undefined ? { credits: wanted.credits } : {}),
    result: wanted.result ?? "pass",
    role: wanted.role ?? "participant",
    approved: true,
  };
}

/** Everything the engine checks is done: the cycle's total, categories and floors, and every year's minimum. */
const complete = (evaluation: Evaluation) => evaluation.met && evaluation.shortfalls.length === 0;

/**
 * 如果再参加一次省级集中培训40学时呢: the balance with one made-up record added, clearly labelled as a
 * hypothesis. Nothing is stored. A training without a named mode is counted as the mode that brings
 * least, and the reply says so.
 */
export async function whatIfHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "what_if" }>): Promise<Reply[]> {
  const wanted = intent.record;
  if (wanted.hours === undefined && wanted.credits === undefined) return [conversation.say("what-if-need-amount")];
  const { policy, input, evaluation: before } = await ownBalance(conversation);
  const asked: Unit = wanted.hours !== undefined ? "hour" : "credit";
  const amount = (asked === "hour" ? wanted.hours : wanted.credits) ?? 0;
  const largest = largestAmount(policy, asked);
  if (asked === "hour" && amount > MAX_HOURS_PER_TRAINING && largest >= MAX_HOURS_PER_TRAINING) {
    return [conversation.say("what-if-too-many-hours", { amount, largest: MAX_HOURS_PER_TRAINING })];
  }
  if (amount <= 0 || amount > largest) {
    return [conversation.say("what-if-amount-range", { amount, unit: UNIT_NAMES[asked], largest, required: policy.total.required, requiredUnit: UNIT_NAMES[policy.unit] })];
  }

  // A level without a mode ("县级培训") takes the region's usual mode for that level when it has one.
  const usualMode = wanted.mode === undefined && wanted.level !== undefined ? policy.defaultModes[wanted.level] : undefined;
  const named = wanted.mode ?? usualMode;
  const candidates = (named ? [named] : MODES_LEAST_FAVOURABLE_FIRST).map((mode) => {
    const after = evaluate(policy, { ...input, records: [...input.records, recordOf(wanted, mode, conversation.today)] });
    return { mode, after, line: after.records.find((record) => record.id === WHAT_IF_ID) };
  });
  const chosen = candidates.reduce((least, candidate) => ((candidate.line?.counted ?? 0) < (least.line?.counted ?? 0) ? candidate : least));
  const { after, line } = chosen;
  const unit = UNIT_NAMES[after.unit];
  const missingAfter = Math.max(0, after.total.required - after.total.earned);
  return [
    conversation.say("what-if", {
      assumedMode: wanted.mode ? undefined : MODE_NAMES[chosen.mode],
      usualFor: usualMode && wanted.level ? (policy.levelNames[wanted.level] ?? LEVEL_NAMES[wanted.level]) : undefined,
      otherModes: MODES_LEAST_FAVOURABLE_FIRST.filter((mode) => mode !== chosen.mode).map((mode) => ({ name: MODE_NAMES[mode], keyword: MODE_KEYWORDS[mode] })),
      explain: line?.explain ?? "",
      unit,
      before: before.total.earned,
      after: after.total.earned,
      required: after.total.required,
      completeBefore: complete(before),
      completeAfter: complete(after),
      // The cycle's own numbers are enough, but a year's minimum is not: "达标" would be wrong.
      onlyYearsShort: after.met && !complete(after),
      missingAfter,
      gapsAfter: after.shortfalls.filter((s) => s.key !== "total").slice(0, MAX_GAPS).map(gapLine),
    }),
  ];
}
