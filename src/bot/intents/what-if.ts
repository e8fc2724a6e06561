import { ruleTopicOf } from "./policy.js";
import { CREDITS, HOURS, type Slots } from "./slots.js";
import type { HypotheticalRecord, Matcher } from "./types.js";

/**
 * 如果再参加一次省级集中培训40学时呢 / 要是再学20学时网络培训 / what if I take 40 hours of online training.
 * A what-if opens with its marker (如果, 要是 …; "主要是" is not 要是) or adds 再 before an amount
 * ("再学20学时够了吗"). It comes before enroll and the questions: "如果报名P2024-03呢" must not enroll.
 * The record is the slots as typed, sign included ("-40学时" stays -40 for the handler to refuse).
 */

const MARKER_AT_START = /^(?:那么|那|我)?(?:如果|要是|假如|假设|倘若|万一|whatif|ifi|suppose)/;

/** Asking for the bonus itself. */
const BONUS_ASKED = /加分|奖励|bonus|extra/;

/** Asking how much something would add, not whether it adds anything. */
const HOW_MUCH = /多少|几个?(?:学时|学分)|howmany|howmuch/;

/** "县级培训30学时的话能达标吗": an amount and a conditional 的话 make a what-if without a marker. */
const CONDITIONAL = /的话/;

function recordOf(slots: Slots): HypotheticalRecord {
  const { mode, hours, credits, level, result, role, category } = slots;
  return {
    ...(mode !== undefined && { mode }),
    ...(hours !== undefined && { hours }),
    ...(credits !== undefined && { credits }),
    ...(level !== undefined && { level }),
    ...(result !== undefined && { result }),
    ...(role !== undefined && { role }),
    ...(category !== undefined && { category }),
  };
}

/** "再学20学时": 再 somewhere before an amount. */
function addsMore(text: string): boolean {
  const again = text.indexOf("再");
  if (again === -1) return false;
  const after = text.slice(again);
  return HOURS.test(after) || CREDITS.test(after);
}

export const matchWhatIf: Matcher = (message, slots) => {
  const { compact, text } = message;
  const conditional = CONDITIONAL.test(compact) && (slots.hours !== undefined || slots.credits !== undefined);
  if (!MARKER_AT_START.test(compact) && !addsMore(text) && !conditional) return undefined;
  // An absence or a failure is no training to try out ("如果请假会扣学分吗" asks the rule), and a what-if
  // that names nothing to try out is a rule question when it asks one ("what if I don't finish my hours").
  const record = recordOf(slots);
  const rule = ruleTopicOf(compact, message.content);
  if (rule === "leave" || rule === "failed" || (rule !== undefined && Object.keys(record).length === 0)) return undefined;
  // "if I get an excellent result is there a bonus" asks for the bonus rule, not a total with an imagined training.
  // "if I teach a session at the county training, do I earn extra hours" asks the lecturer rule; naming an amount
  // to add, or asking how much it would add ("如果在市级培训上当主讲能加多少"), is a total to work out.
  if (rule === "lecturer_bonus" && slots.hours === undefined && slots.credits === undefined && !HOW_MUCH.test(compact)) return undefined;
  if (rule === "grade_bonus" && slots.hours === undefined && slots.credits === undefined && BONUS_ASKED.test(compact)) return undefined;
  return { kind: "what_if", record };
};
