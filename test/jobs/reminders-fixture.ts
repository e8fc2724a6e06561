import { loadTemplates } from "../../src/bot/templates.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import type { ChatGroup, Platform, PrismaClient, Teacher } from "../../src/generated/prisma/client.js";
import type { ReminderDependencies } from "../../src/jobs/reminders/dependencies.js";
import { capturingLogger } from "../support/logger.js";

/**
 * The demo region (loaded as of 2026-11-23: 集中培训心得体会 due 2026-11-30, owed by T0001–T0010) with three
 * approved groups — S01 on WeCom, S02 on DingTalk, a region-level WeCom group — and some accounts and submissions:
 *
 *   S01: T0001 wecom+dingtalk, T0002 submitted, T0003 wecom, T0004 dingtalk and sent back, T0005 approved
 *   S02: T0006 submitted, T0007 approved, T0008 dingtalk, T0009 wecom, T0010 unbound
 *
 * So S01 owes T0001 张丽, T0003 李娜, T0004 刘洋 and S02 owes T0008 黄磊, T0009 周婷, T0010 吴军.
 */
export type ReminderWorld = {
  regionId: string;
  assignmentId: string;
  teachers: Record<string, Teacher>;
  groups: { s01: ChatGroup; s02: ChatGroup; region: ChatGroup };
  deps: (now: Date) => ReminderDependencies;
};

export async function reminderWorld(prisma: PrismaClient): Promise<ReminderWorld> {
  const demo = await loadDemoData(prisma, "2026-11-23");
  if (!demo) throw new Error("demo data already loaded");
  const regionId = demo.regionId;
  const schools = Object.fromEntries((await prisma.school.findMany({ where: { regionId } })).map((school) => [school.code, school]));
  const teachers = Object.fromEntries((await prisma.teacher.findMany({ where: { regionId } })).map((teacher) => [teacher.employeeNumber, teacher]));
  const group = (platform: Platform, chatId: string, schoolId: string | null, createdAt: string) =>
    prisma.chatGroup.create({ data: { platform, chatId, regionId, schoolId, name: chatId, createdAt: new Date(createdAt), status: "approved", approvedBy: "A0001", approvedAt: new Date(createdAt) } });
  const groups = {
    s01: await group("wecom", "wx-s01", schools.S01!.id, "2026-01-01T00:00:00Z"),
    s02: await group("dingtalk", "dd-s02", schools.S02!.id, "2026-01-02T00:00:00Z"),
    region: await group("wecom", "wx-region", null, "2026-01-03T00:00:00Z"),
  };
  const bind = (employeeNumber: string, platform: Platform, platformUserId: string, boundAt: string) =>
    prisma.chatIdentity.create({ data: { teacherId: teachers[employeeNumber]!.id, platform, platformUserId, boundAt: new Date(boundAt) } });
  await bind("T0001", "wecom", "wx-zhangli", "2026-02-01T00:00:00Z");
  await bind("T0001", "dingtalk", "dd-zhangli", "2026-03-01T00:00:00Z");
  await bind("T0003", "wecom", "wx-lina", "2026-02-01T00:00:00Z");
  await bind("T0004", "dingtalk", "dd-liuyang", "2026-02-01T00:00:00Z");
  await bind("T0008", "dingtalk", "dd-huanglei", "2026-02-01T00:00:00Z");
  await bind("T0009", "wecom", "wx-zhouting", "2026-02-01T00:00:00Z");

  const assignment = await prisma.assignment.findFirstOrThrow({ where: { title: "集中培训心得体会" } });
  const hand = (employeeNumber: string, status: "submitted" | "approved" | "rejected") =>
    prisma.submission.create({
      data: { assignmentId: assignment.id, teacherId: teachers[employeeNumber]!.id, link: `https://example.com/${employeeNumber}`, status },
    });
  await hand("T0002", "submitted");
  await hand("T0004", "rejected");
  await hand("T0005", "approved");
  await hand("T0006", "submitted");
  await hand("T0007", "approved");

  const templates = loadTemplates();
  const { logger } = capturingLogger();
  return { regionId, assignmentId: assignment.id, teachers, groups, deps: (now) => ({ prisma, templates, now: () => now, logger }) };
}
