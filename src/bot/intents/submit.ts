import { findLink } from "./link.js";
import { NUMBER, parseNumber } from "./numbers.js";
import type { AssignmentKind, Matcher } from "./types.js";
import { ASSIGNMENT_KIND_WORDS, findWord } from "./vocabulary.js";

/**
 * 提交心得 https://… / 交作业 2 https://… / submit 2 https://…
 * With a link, a submit verb or an assignment word anywhere is enough ("https://… 这是我的心得"). Without
 * a link the whole message must be the command ("交作业", "提交评课"), so "交作业的截止时间" stays a
 * question about tasks; the empty link then lets the handler ask for it.
 */

const VERB_AT_START = /^(?:我要|我来|我)?(?:提交|上交|补交|交|上传|submit(?![a-z])|handin)/;
/** A bare 交 inside a sentence is too common (交流, 交通), so only these count away from the start. */
const VERB_ANYWHERE = /提交|上交|补交|交作业|submit|handin/;

/** As in slots: a bare 第N only where nothing follows it (第二批 is a batch). */
const ASSIGNMENT_NUMBER = new RegExp(`(?:作业|assignment|homework)第?${NUMBER}|第${NUMBER}(?:(?:个|份|项|次)(?:作业)?|作业|(?=$|的))|${NUMBER}号作业|^(\\d+)`);

/** Words that may surround the assignment in a link-less command ("交一下我的作业"). */
const COMMAND_FILLERS = /我的|作业|这个|一份|的|链接|网址|集中培训|培训|assignment|homework|my/g;

interface AssignmentWords {
  assignmentNumber?: number;
  assignmentKind?: AssignmentKind;
  /** Whatever the number, the kind and the fillers did not account for. */
  leftover: string;
}

function readAssignment(words: string): AssignmentWords {
  // 一 in 交一下 is not assignment number one.
  const withoutYixia = words.replaceAll("一下", "");
  const numberMatch = ASSIGNMENT_NUMBER.exec(withoutYixia);
  const assignmentNumber = parseNumber(numberMatch?.slice(1).find((group) => group !== undefined));
  const kind = findWord(withoutYixia, ASSIGNMENT_KIND_WORDS);
  let leftover = withoutYixia;
  if (numberMatch !== null && assignmentNumber !== undefined) leftover = leftover.replace(numberMatch[0], "");
  if (kind !== undefined) leftover = leftover.replace(kind.word, "");
  return {
    ...(assignmentNumber !== undefined && { assignmentNumber }),
    ...(kind !== undefined && { assignmentKind: kind.meaning }),
    leftover: leftover.replace(COMMAND_FILLERS, ""),
  };
}

export const matchSubmit: Matcher = (message) => {
  const span = findLink(message.text);
  const words = (span === undefined ? message.text : message.text.slice(0, span.start) + message.text.slice(span.end)).replaceAll(" ", "");
  const verb = VERB_AT_START.exec(words);
  const { leftover, ...assignment } = readAssignment(verb === null ? words : words.slice(verb[0].length));
  if (span === undefined) {
    if (verb === null || leftover !== "") return undefined;
    return { kind: "submit", link: "", ...assignment };
  }
  // A link next to the assignment it is for ("作业2 https://…", "https://… 我的心得") is handed in.
  if (verb === null && !VERB_ANYWHERE.test(words) && assignment.assignmentKind === undefined && assignment.assignmentNumber === undefined) {
    return undefined;
  }
  return { kind: "submit", link: message.original(span.start, span.end), ...assignment };
};
