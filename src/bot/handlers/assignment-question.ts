import type { Reply } from "../../channels/types.js";
import { daysBetween, type Policy } from "../../credits/index.js";
import { assignmentsOf, isOpen, type AssignedWork } from "../../domain/assignments.js";
import { fromDbDate, type DateOnly } from "../../domain/calendar.js";
import { policyOfRegion } from "../../domain/policies.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { paged } from "../paging.js";
import { assignmentsMeant, numberInList } from "./assignment-choice.js";
import { ASSIGNMENT_KIND_NAMES } from "./assignment-kinds.js";
import { dayAndTime, shortDate } from "./short-date.js";

type AssignmentQuestion = Extract<Intent, { kind: "assignment" }>;

/**
 * The required length: the assignment's own, else what the region's policy asks of this kind of work
 * (its assessment items carry minChars), else none — never a number nobody set.
 */
function requiredLength(item: AssignedWork, policy: Policy): { minimumLength?: number; fromPolicy?: string } {
  if (item.assignment.minimumLength !== null) return { minimumLength: item.assignment.minimumLength };
  const policyItem = policy.assessments.flatMap((assessment) => assessment.items).find((entry) => entry.key === item.assignment.kind && entry.minChars !== undefined);
  return policyItem?.minChars === undefined ? {} : { minimumLength: policyItem.minChars, fromPolicy: policy.name };
}

/** What the templates say about one assignment, whatever the question. */
function describe(item: AssignedWork, number: number | undefined, today: DateOnly, policy: Policy, timeZone: string) {
  const due = fromDbDate(item.assignment.dueOn);
  const daysLeft = daysBetween(today, due);
  const submission = item.submission;
  return {
    number,
    title: item.assignment.title,
    kind: ASSIGNMENT_KIND_NAMES[item.assignment.kind],
    project: item.assignment.project.code,
    due: shortDate(due),
    daysLeft: Math.max(daysLeft, 0),
    daysLate: Math.max(-daysLeft, 0),
    status: submission?.status ?? "missing",
    submissionNumber: submission?.number,
    submittedAt: submission ? dayAndTime(submission.submittedAt, timeZone) : undefined,
    reviewedAt: submission?.reviewedAt ? dayAndTime(submission.reviewedAt, timeZone) : undefined,
    score: submission?.score,
    maxScore: item.assignment.maxScore,
    reason: submission?.comment,
    ...requiredLength(item, policy),
  };
}

/** Which assignments a topic can be about when the teacher names none: results need something handed in. */
function poolFor(topic: AssignmentQuestion["topic"], all: AssignedWork[], open: AssignedWork[]): AssignedWork[] {
  switch (topic) {
    case "result":
      return all.filter((item) => item.submission !== null);
    case "rejection_reason":
      return all.filter((item) => item.submission?.status === "rejected");
    case "due":
    case "length":
    case "how_to_submit":
      return open;
  }
}

const TEMPLATES: Record<AssignmentQuestion["topic"], string> = {
  due: "assignment-due",
  length: "assignment-length",
  how_to_submit: "assignment-how-to-submit",
  result: "assignment-result",
  rejection_reason: "assignment-rejection",
};

/**
 * 心得什么时候截止 / 作业2要多少字 / 怎么交 / 通过了没 / 为什么被退回: answered for the assignment the teacher
 * named, or the only one that fits; several are answered one line each, with the numbers to hand them in by.
 */
export async function assignmentQuestionHandler(conversation: TeacherConversation, intent: AssignmentQuestion): Promise<Reply[]> {
  const { prisma, templates } = conversation.deps;
  const all = await assignmentsOf(prisma, conversation.teacher, conversation.today);
  const open = all.filter(isOpen);
  const meant = assignmentsMeant(open, poolFor(intent.topic, all, open), intent);
  if (meant.length === 0) {
    return [
      conversation.say("assignment-none", {
        name: conversation.teacher.name,
        topic: intent.topic,
        kind: intent.assignmentKind && ASSIGNMENT_KIND_NAMES[intent.assignmentKind],
        anyOpen: open.length > 0,
      }),
    ];
  }
  const policy = policyOfRegion(conversation.region);
  const items = meant.map((item) => describe(item, numberInList(open, item), conversation.today, policy, conversation.region.timezone));
  const template = TEMPLATES[intent.topic];
  if (items.length === 1) return [conversation.say(template, { single: true, item: items[0] })];
  // Several: the same template one line each, under a header that says what the list answers.
  return paged(
    conversation,
    templates.render("assignment-several", { topic: intent.topic, count: items.length }),
    items.map((item) => templates.render(template, { single: false, item })),
    templates.render("assignment-several-trailer", { topic: intent.topic, example: items.find((item) => item.number !== undefined)?.number }),
  );
}
