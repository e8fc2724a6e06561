import Router from "@koa/router";
import { z } from "zod";
import { requireRole, type Actor } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { toDbDate } from "../../../domain/calendar.js";
import { DomainError } from "../../../domain/errors.js";
import { teacherInScope } from "../../../domain/scope.js";
import type { Prisma } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { presentTeacher } from "../present.js";
import { dateOnly, jsonBody, queryOf } from "../validation.js";

const role = z.enum(["teacher", "school_admin", "region_admin", "reviewer"]);
const newTeacher = z.strictObject({
  employeeNumber: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(50),
  schoolId: z.string().uuid().nullable().optional(),
  hiredOn: dateOnly.optional(),
  roles: z.array(role).min(1).default(["teacher"]),
});
const teacherChanges = newTeacher.omit({ employeeNumber: true }).partial().extend({ active: z.boolean().optional() });
const listQuery = z.object({
  schoolId: z.string().uuid().optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function teacherRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  /** School admins manage their own school only, and cannot hand out the region-wide role. */
  function refuseBeyondOwnSchool(actor: Actor, schoolId: string | null | undefined, roles?: string[]) {
    if (actor.scope.kind === "region") return;
    if (schoolId !== undefined && schoolId !== actor.schoolId) {
      throw new DomainError("forbidden", "学校管理员只能管理本校教师。", { field: "schoolId", kind: "forbidden" });
    }
    if (roles?.includes("region_admin")) {
      throw new DomainError("forbidden", "学校管理员不能授予区域管理员角色。", { field: "roles", kind: "forbidden" });
    }
  }

  async function checkSchoolInRegion(regionId: string, schoolId: string | null | undefined) {
    if (!schoolId) return;
    const school = await prisma.school.findUnique({ where: { id: schoolId } });
    if (!school || school.regionId !== regionId) {
      throw new DomainError("school_not_found", "找不到这所学校。", { field: "schoolId", kind: "not_found" });
    }
  }

  router.get("/teachers", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const query = queryOf(ctx, listQuery);
    const where: Prisma.TeacherWhereInput = {
      regionId: actor.regionId,
      ...(actor.scope.kind === "school" ? { schoolId: actor.scope.schoolId } : query.schoolId ? { schoolId: query.schoolId } : {}),
      ...(query.q ? { OR: [{ name: { contains: query.q } }, { employeeNumber: { contains: query.q } }] } : {}),
    };
    const [total, teachers] = await Promise.all([
      prisma.teacher.count({ where }),
      prisma.teacher.findMany({ where, orderBy: { employeeNumber: "asc" }, take: query.limit, skip: query.offset }),
    ]);
    ctx.body = { total, teachers: teachers.map(presentTeacher) };
  });

  router.post("/teachers", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const body = await jsonBody(ctx, newTeacher);
    const schoolId = actor.scope.kind === "region" ? body.schoolId ?? null : body.schoolId ?? actor.schoolId;
    refuseBeyondOwnSchool(actor, schoolId, body.roles);
    await checkSchoolInRegion(actor.regionId, schoolId);
    const clash = await prisma.teacher.findUnique({
      where: { regionId_employeeNumber: { regionId: actor.regionId, employeeNumber: body.employeeNumber } },
    });
    if (clash) throw new DomainError("employee_number_taken", `工号 ${body.employeeNumber} 已经存在。`, { field: "employeeNumber", kind: "conflict" });
    const teacher = await prisma.teacher.create({
      data: {
        regionId: actor.regionId,
        schoolId,
        employeeNumber: body.employeeNumber,
        name: body.name,
        roles: body.roles,
        ...(body.hiredOn ? { hiredOn: toDbDate(body.hiredOn) } : {}),
      },
    });
    await audit(prisma, actor, "create", "teacher", teacher.id, { employeeNumber: teacher.employeeNumber });
    ctx.status = 201;
    ctx.body = presentTeacher(teacher);
  });

  router.get("/teachers/:id", async (ctx) => {
    ctx.body = presentTeacher(await teacherInScope(prisma, actorIn(ctx).scope, ctx.params.id as string));
  });

  router.patch("/teachers/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    const changes = await jsonBody(ctx, teacherChanges);
    refuseBeyondOwnSchool(actor, changes.schoolId, changes.roles);
    await checkSchoolInRegion(actor.regionId, changes.schoolId);
    const updated = await prisma.teacher.update({
      where: { id: teacher.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.schoolId !== undefined ? { schoolId: changes.schoolId } : {}),
        ...(changes.roles !== undefined ? { roles: changes.roles } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(changes.hiredOn !== undefined ? { hiredOn: toDbDate(changes.hiredOn) } : {}),
      },
    });
    await audit(prisma, actor, "update", "teacher", teacher.id, changes);
    ctx.body = presentTeacher(updated);
  });

  return router;
}
