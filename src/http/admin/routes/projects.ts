import Router from "@koa/router";
import { z } from "zod";
import { requireRole, type Actor } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { toDbDate } from "../../../domain/calendar.js";
import { publishEnrollmentNotice } from "../../../domain/enrollment-notice.js";
import { enroll } from "../../../domain/enrollment.js";
import { DomainError } from "../../../domain/errors.js";
import { teacherInScope } from "../../../domain/scope.js";
import { actorIn, regionToday, type AdminDependencies } from "../context.js";
import { presentAssignment, presentEnrollment, presentProject } from "../present.js";
import { dateOnly, displayName, jsonBody } from "../validation.js";

const projectFields = z.strictObject({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,32}$/, "只能由字母、数字和 - 组成（2–32 位）"),
  title: displayName(200),
  level: z.enum(["national", "provincial", "prefecture", "county", "school"]),
  mode: z.enum(["centralized", "online", "school_based"]),
  category: z.enum(["required", "elective", "school_course"]),
  tags: z.array(displayName(40)).max(20).default([]),
  hours: z.number().positive().max(2000).multipleOf(0.01).optional(),
  fixedCredits: z.number().positive().max(500).multipleOf(0.01).optional(),
  startsOn: dateOnly,
  endsOn: dateOnly,
  enrollmentDeadline: dateOnly.nullable().optional(),
  quota: z.number().int().positive().nullable().optional(),
});
const newProject = projectFields
  .refine((p) => p.hours !== undefined || p.fixedCredits !== undefined, { message: "学时（hours）和固定学分（fixedCredits）至少填一项", path: ["hours"] })
  .refine((p) => p.endsOn >= p.startsOn, { message: "结束日期不能早于开始日期", path: ["endsOn"] })
  .refine((p) => !p.enrollmentDeadline || p.enrollmentDeadline <= p.startsOn, { message: "报名截止日期应在开班之前", path: ["enrollmentDeadline"] });
const projectChanges = projectFields.omit({ code: true }).partial();
const newAssignment = z.strictObject({
  title: displayName(200),
  kind: z.enum(["reflection", "lesson_review", "teaching_design", "activity_reflection", "platform_certificate"]),
  dueOn: dateOnly,
  minimumLength: z.number().int().positive().max(100_000).nullable().optional(),
  maxScore: z.number().int().min(1).max(1000).default(20),
});

export function projectRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  async function projectInRegion(actor: Actor, id: string) {
    const project = await prisma.trainingProject.findUnique({ where: { id } });
    if (!project || project.regionId !== actor.regionId) {
      throw new DomainError("project_not_found", "找不到这个培训项目。", { kind: "not_found" });
    }
    return project;
  }

  router.get("/projects", async (ctx) => {
    const actor = actorIn(ctx);
    const projects = await prisma.trainingProject.findMany({ where: { regionId: actor.regionId }, orderBy: { startsOn: "desc" } });
    ctx.body = { projects: projects.map(presentProject) };
  });

  router.get("/projects/:id", async (ctx) => {
    ctx.body = presentProject(await projectInRegion(actorIn(ctx), ctx.params.id as string));
  });

  router.post("/projects", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const body = await jsonBody(ctx, newProject);
    const clash = await prisma.trainingProject.findUnique({ where: { regionId_code: { regionId: actor.regionId, code: body.code } } });
    if (clash) throw new DomainError("project_code_taken", `项目编号 ${body.code} 已经存在。`, { field: "code", kind: "conflict" });
    const project = await prisma.trainingProject.create({
      data: {
        ...body,
        regionId: actor.regionId,
        startsOn: toDbDate(body.startsOn),
        endsOn: toDbDate(body.endsOn),
        enrollmentDeadline: body.enrollmentDeadline ? toDbDate(body.enrollmentDeadline) : null,
      },
    });
    await audit(prisma, actor, "create", "project", project.id, { code: project.code });
    ctx.status = 201;
    ctx.body = presentProject(project);
  });

  router.patch("/projects/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const project = await projectInRegion(actor, ctx.params.id as string);
    const changes = await jsonBody(ctx, projectChanges);
    const updated = await prisma.trainingProject.update({
      where: { id: project.id },
      data: {
        ...changes,
        ...(changes.startsOn ? { startsOn: toDbDate(changes.startsOn) } : {}),
        ...(changes.endsOn ? { endsOn: toDbDate(changes.endsOn) } : {}),
        ...(changes.enrollmentDeadline !== undefined
          ? { enrollmentDeadline: changes.enrollmentDeadline ? toDbDate(changes.enrollmentDeadline) : null }
          : {}),
      },
    });
    await audit(prisma, actor, "update", "project", project.id, changes);
    ctx.body = presentProject(updated);
  });

  router.post("/projects/:id/approve", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const project = await projectInRegion(actor, ctx.params.id as string);
    const { notify } = await jsonBody(ctx, z.strictObject({ notify: z.boolean().default(false) }));
    const approved = project.approvedAt
      ? project
      : await prisma.trainingProject.update({
          where: { id: project.id },
          data: { approvedAt: deps.now(), approvedBy: actor.employeeNumber },
        });
    if (!project.approvedAt) await audit(prisma, actor, "approve", "project", project.id);
    // Only on the approval itself: approving again must not announce the project a second time.
    const notice = notify && !project.approvedAt ? await publishEnrollmentNotice(prisma, approved, actor.teacherId, deps.now()) : undefined;
    if (notice) await deps.kickOutbox?.();
    ctx.body = { ...presentProject(approved), ...(notify ? { noticeId: notice?.id ?? null } : {}) };
  });

  router.get("/projects/:id/enrollments", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const project = await projectInRegion(actor, ctx.params.id as string);
    const enrollments = await prisma.enrollment.findMany({
      where: { projectId: project.id, ...(actor.scope.kind === "school" ? { teacher: { schoolId: actor.scope.schoolId } } : {}) },
      orderBy: { enrolledAt: "asc" },
    });
    ctx.body = { enrollments: enrollments.map(presentEnrollment) };
  });

  router.post("/projects/:id/enrollments", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const project = await projectInRegion(actor, ctx.params.id as string);
    const { teacherId } = await jsonBody(ctx, z.strictObject({ teacherId: z.string().uuid() }));
    await teacherInScope(prisma, actor.scope, teacherId);
    const outcome = await enroll(prisma, { teacherId, projectCode: project.code, today: await regionToday(deps, actor) });
    if (!outcome.alreadyEnrolled) await audit(prisma, actor, "enroll", "enrollment", outcome.enrollment.id, { teacherId });
    ctx.status = outcome.alreadyEnrolled ? 200 : 201;
    ctx.body = { ...presentEnrollment(outcome.enrollment), alreadyEnrolled: outcome.alreadyEnrolled, seatsLeft: outcome.seatsLeft };
  });

  router.get("/projects/:id/assignments", async (ctx) => {
    const project = await projectInRegion(actorIn(ctx), ctx.params.id as string);
    const assignments = await prisma.assignment.findMany({ where: { projectId: project.id }, orderBy: { dueOn: "asc" } });
    ctx.body = { assignments: assignments.map(presentAssignment) };
  });

  router.post("/projects/:id/assignments", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const project = await projectInRegion(actor, ctx.params.id as string);
    const body = await jsonBody(ctx, newAssignment);
    const assignment = await prisma.assignment.create({
      data: { ...body, projectId: project.id, dueOn: toDbDate(body.dueOn) },
    });
    await audit(prisma, actor, "create", "assignment", assignment.id, { projectId: project.id, title: body.title });
    ctx.status = 201;
    ctx.body = presentAssignment(assignment);
  });

  return router;
}
