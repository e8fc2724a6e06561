import type { Category, Level, Mode, Result, Role } from "../../credits/vocabulary.js";
import type { NormalisedText } from "./normalise.js";

/** What a teacher may hand in; the same names as the assignment kinds of the domain. */
export type AssignmentKind = "reflection" | "lesson_review" | "teaching_design" | "activity_reflection" | "platform_certificate";

/** A training the teacher is only thinking about; the what-if handler evaluates it next to the real records. */
export interface HypotheticalRecord {
  mode: Mode;
  hours?: number;
  credits?: number;
  level?: Level;
  result?: Exclude<Result, "fail">;
  role?: Role;
  category?: Category;
}

/**
 * What a chat message asks for. Parameters are as the sender typed them (links, notice text, reasons);
 * checking them is the handlers' and the domain's job, so an empty string means "not given".
 */
export type Intent =
  | { kind: "balance"; period: "cycle" | "year" }
  /** year: an explicit calendar year; yearsAgo: 去年 = 1, 前年 = 2 (the parser has no clock). */
  | { kind: "details"; year?: number; yearsAgo?: number }
  | { kind: "why"; amount?: number }
  | { kind: "what_if"; record: HypotheticalRecord }
  | { kind: "tasks" }
  | { kind: "submit"; link: string; assignmentNumber?: number; assignmentKind?: AssignmentKind }
  | { kind: "projects" }
  | { kind: "enroll"; projectCode: string }
  | { kind: "bind"; employeeNumber: string; code?: string }
  | { kind: "help" }
  | { kind: "more" }
  | { kind: "confirm" }
  | { kind: "cancel" }
  | { kind: "notice"; target: "group" | "school" | "region"; text: string }
  | { kind: "remind"; assignmentRef: string }
  | { kind: "stats"; assignmentRef: string }
  /** 登记本群 [学校编号]: an administrator approves this group for school traffic. */
  | { kind: "register_group"; schoolCode?: string }
  /** 取消登记本群: back to pending. */
  | { kind: "unregister_group" }
  /** How the scheduled reminders and the outbox are doing (发送情况). */
  | { kind: "jobs" }
  /** score is missing when the reviewer typed 通过 without one; the handler asks for it. */
  | { kind: "review"; submissionRef: string; decision: "approved"; score?: number }
  | { kind: "review"; submissionRef: string; decision: "rejected"; reason: string }
  | { kind: "unknown"; suggestions: IntentKind[] };

export type IntentKind = Intent["kind"];

/** One intent family's recogniser: the intent when the message is one of its phrasings, else undefined. */
export type Matcher = (message: NormalisedText) => Intent | undefined;
