import type { Category, Level, Mode, Result, Role } from "../../credits/vocabulary.js";
import type { NormalisedText } from "./normalise.js";
import type { Slots } from "./slots.js";

/** What a teacher may hand in; the same names as the assignment kinds of the domain. */
export type AssignmentKind = "reflection" | "lesson_review" | "teaching_design" | "activity_reflection" | "platform_certificate";

/** A training the teacher is only thinking about; the what-if handler evaluates it next to the real records. */
export interface HypotheticalRecord {
  /** Absent when the teacher named none; the what-if handler then assumes one and says which. */
  mode?: Mode;
  /** As typed, sign included ("-40学时" is -40); the handler refuses amounts that are not positive. */
  hours?: number;
  credits?: number;
  level?: Level;
  result?: Exclude<Result, "fail">;
  role?: Role;
  category?: Category;
}

/**
 * One part of the requirement a teacher may ask about on its own ("信息技术2.0还差多少", "集中培训够了吗").
 * Which of them a region actually requires, and how much, comes from its policy.
 */
export type RequirementPart =
  | "centralized"
  | "online"
  | "school_based"
  | "required"
  | "elective"
  | "school_course"
  /** 信息技术应用能力提升工程2.0 / 信息技术融合. */
  | "it_application"
  /** 公需科目. */
  | "public_subject";

/** A question about the region's rules, answered from its policy ("本地区文件没有规定" where it is silent). */
export type PolicyTopic =
  /** 优秀/良好加不加分. */
  | "grade_bonus"
  /** 主讲/授课加分. */
  | "lecturer_bonus"
  /** 请假/缺勤扣不扣. */
  | "leave"
  /** 不合格算不算. */
  | "failed"
  /** 学历提升能不能抵. */
  | "degree_upgrade"
  /** 几个学时算一学分. */
  | "conversion"
  /** 多出来的能不能结转. */
  | "carry_over"
  /** 不达标会怎样. */
  | "consequences"
  /** 去年/2025年的还能补吗. */
  | "make_up"
  /** 每年要多少学时 / 五年要多少学分. */
  | "requirement"
  /** 周期/年度从哪天到哪天. */
  | "dates";

/** A question about one assignment; the number is absent when the teacher did not say which. */
export type AssignmentTopic =
  /** 什么时候截止. */
  | "due"
  /** 要写多少字. */
  | "length"
  /** 怎么交. */
  | "how_to_submit"
  /** 通过了没 / 多少分. */
  | "result"
  /** 为什么被退回. */
  | "rejection_reason";

/**
 * What a chat message asks for. Parameters are as the sender typed them (links, notice text, reasons);
 * checking them is the handlers' and the domain's job, so an empty string means "not given".
 */
export type Intent =
  /** part: one part of the requirement rather than the whole. */
  | { kind: "balance"; period: "cycle" | "year"; part?: RequirementPart }
  /** year: an explicit calendar year; yearsAgo: 今年 = 0, 去年 = 1, 前年 = 2 (the parser has no clock). Neither: the whole cycle. */
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
  /** year / yearsAgo: the year a make_up question names. */
  | { kind: "policy"; topic: PolicyTopic; year?: number; yearsAgo?: number }
  | { kind: "assignment"; topic: AssignmentTopic; assignmentNumber?: number; assignmentKind?: AssignmentKind }
  /** 撤回 a wrong link: previewed, done on 确认. */
  | { kind: "withdraw"; assignmentNumber?: number; assignmentKind?: AssignmentKind }
  /** 在吗 / 谢谢 / 收到·好的 / 你是谁: a short human answer (收到 also confirms a waiting preview). */
  | { kind: "small_talk"; topic: "greeting" | "thanks" | "acknowledgement" | "identity" }
  /** Something only a person can fix: who to contact (the teacher's school admin by name) and what to bring. */
  | { kind: "contact"; topic: "wrong_credits" | "new_phone" | "password" | "human" | "missing_training" }
  /** An administrator asking how many of her teachers meet the requirement (达标率, then the names, paged). */
  | { kind: "compliance"; scope: "school" | "region"; period: "cycle" | "year" }
  /** 待审核 / 有哪些要审核的 / a bare 审核: the reviewer's queue. */
  | { kind: "review_queue" }
  /**
   * Nothing recognised. suggestions: the three commands the message most resembles, most likely first.
   * choices: present only when the first two are both plausible and close, so the fallback can ask one
   * short question ("你是想问 A 还是 B？") instead of listing commands; the fallback still drops any the
   * asker's role cannot use (and then falls back to the list).
   */
  | { kind: "unknown"; suggestions: IntentKind[]; choices?: [IntentKind, IntentKind] };

export type IntentKind = Intent["kind"];

/**
 * One intent family's recogniser: the intent when the message is one of its phrasings, else undefined.
 * It sees the message after normalising, politeness and correction, and the slots found in it.
 */
export type Matcher = (message: NormalisedText, slots: Slots) => Intent | undefined;
