import { NUMBER, parseNumber } from "./numbers.js";
import type { HypotheticalRecord, Matcher } from "./types.js";
import { CATEGORY_WORDS, findWord, LEVEL_WORDS, MODE_WORDS, RESULT_WORDS, ROLE_WORDS } from "./vocabulary.js";

/**
 * 如果再参加一次省级集中培训40学时呢 / 要是再学20学时网络培训 / what if I take 40 hours of online training.
 * A what-if opens with its marker (如果, 要是 …; "主要是" is not 要是) or adds 再 before an amount
 * ("再学20学时够了吗"). It comes before enroll and the questions: "如果报名P2024-03呢" must not enroll.
 */

const MARKER_AT_START = /^(?:那么|那|我)?(?:如果|要是|假如|假设|倘若|万一|whatif|ifi|suppose)/;

/** A minus sign or 负 before the amount is kept, so "-40学时" is refused rather than read as 40. */
const SIGN = "(-|−|负)? ?";
const HOURS = new RegExp(`${SIGN}${NUMBER} ?个?(?:学时|小时|课时|hours?|hrs?|h(?![a-z]))`);
const CREDITS = new RegExp(`${SIGN}${NUMBER} ?个?(?:学分|credits?)`);

function amountOf(text: string, pattern: RegExp): { value: number; index: number } | undefined {
  const match = pattern.exec(text);
  const value = parseNumber(match?.[2]);
  if (match === null || value === undefined) return undefined;
  return { value: match[1] === undefined ? value : -value, index: match.index };
}

function readRecord(text: string, compact: string): HypotheticalRecord {
  const hours = amountOf(text, HOURS)?.value;
  const credits = amountOf(text, CREDITS)?.value;
  const level = findWord(compact, LEVEL_WORDS)?.meaning;
  const result = findWord(compact, RESULT_WORDS)?.meaning;
  const role = findWord(compact, ROLE_WORDS)?.meaning;
  const category = findWord(compact, CATEGORY_WORDS)?.meaning;
  const mode = findWord(compact, MODE_WORDS)?.meaning;
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
  const amount = amountOf(text, HOURS) ?? amountOf(text, CREDITS);
  return amount !== undefined && amount.index > again;
}

export const matchWhatIf: Matcher = (message) => {
  if (!MARKER_AT_START.test(message.compact) && !addsMore(message.text)) return undefined;
  return { kind: "what_if", record: readRecord(message.text, message.compact) };
};
