import type { Notice, PrismaClient, TrainingProject } from "../generated/prisma/client.js";
import { fromDbDate } from "./calendar.js";
import { HEARS_SCHOOL_TRAFFIC } from "./group-traffic.js";
import { createNotice } from "./notices.js";

/** What teachers read when a project opens: what it is, until when, how many seats, and how to sign up in chat. */
export function enrollmentNoticeText(project: Pick<TrainingProject, "code" | "title" | "enrollmentDeadline" | "quota">): string {
  const details = [
    project.enrollmentDeadline ? `报名截止：${fromDbDate(project.enrollmentDeadline)}` : undefined,
    project.quota ? `名额：${project.quota} 人` : undefined,
  ].filter(Boolean);
  return [
    `新培训开始报名啦：《${project.title}》（${project.code}）`,
    ...details,
    `想参加的老师，在群里 @我 发送「报名 ${project.code}」就可以了。`,
  ].join("\n");
}

/**
 * The notice that opens a project for enrollment, to every approved group of the region. Undefined when
 * the region has no such group yet (nothing to send, nothing to record).
 */
export async function publishEnrollmentNotice(
  prisma: PrismaClient,
  project: TrainingProject,
  authorId: string,
  now: Date,
): Promise<Notice | undefined> {
  const groups = await prisma.chatGroup.findMany({ where: { regionId: project.regionId, ...HEARS_SCHOOL_TRAFFIC }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (groups.length === 0) return undefined;
  return createNotice(
    prisma,
    { regionId: project.regionId, authorId, text: enrollmentNoticeText(project), target: "region", groupIds: groups.map((group) => group.id) },
    now,
  );
}
