import type { Reply } from "../../channels/types.js";
import { LEVEL_NAMES, MODE_NAMES } from "../../credits/index.js";
import { fromDbDate, toDbDate } from "../../domain/calendar.js";
import { enroll } from "../../domain/enrollment.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { paged } from "../paging.js";
import { shortDate } from "./short-date.js";

const amount = (value: { toString(): string } | null) => (value === null ? null : Number(value.toString()));

/** 最近有什么培训: approved projects still taking enrollments, with seats left. */
export async function projectsHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const { prisma, templates } = conversation.deps;
  const projects = await prisma.trainingProject.findMany({
    where: { regionId: conversation.teacher.regionId, approvedAt: { not: null }, enrollmentDeadline: { gte: toDbDate(conversation.today) } },
    include: { enrollments: { where: { status: "enrolled" }, select: { teacherId: true } } },
    orderBy: [{ enrollmentDeadline: "asc" }, { code: "asc" }],
  });
  if (projects.length === 0) return [conversation.say("projects-empty")];
  const lines = projects.map((project) =>
    templates.render("projects-line", {
      code: project.code,
      title: project.title,
      level: LEVEL_NAMES[project.level],
      mode: MODE_NAMES[project.mode],
      hours: amount(project.hours),
      credits: amount(project.fixedCredits),
      starts: shortDate(fromDbDate(project.startsOn)),
      deadline: shortDate(fromDbDate(project.enrollmentDeadline!)),
      seatsLeft: project.quota === null ? null : project.quota - project.enrollments.length,
      enrolled: project.enrollments.some((e) => e.teacherId === conversation.teacher.id),
    }),
  );
  return paged(conversation, templates.render("projects-header", { count: projects.length }), lines, templates.render("projects-trailer", { example: projects[0]!.code }));
}

/** 报名 P2026-02: enrolls, or says plainly why not (deadline, quota, not approved …). */
export async function enrollHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "enroll" }>): Promise<Reply[]> {
  const outcome = await enroll(conversation.deps.prisma, { teacherId: conversation.teacher.id, projectCode: intent.projectCode, today: conversation.today });
  return [
    conversation.say(outcome.alreadyEnrolled ? "enroll-already" : "enroll-done", {
      code: outcome.project.code,
      title: outcome.project.title,
      starts: shortDate(fromDbDate(outcome.project.startsOn)),
      seatsLeft: outcome.seatsLeft,
    }),
  ];
}
