import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { teacherInScope } from "../../../domain/scope.js";
import { createTeacher, updateTeacher } from "../../../domain/teachers.js";
import type { Prisma } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { presentTeacher } from "../present.js";
import { dateOnly, displayName, employeeNumber, jsonBody, queryOf } from "../validation.js";

const roles = z
  .array(z.enum(["teacher", "school_admin", "region_admin", "reviewer"]))
  .min(1)
  .transform((listed) => [...new Set(listed)]);
const schoolId = z.string().uuid().nullable();
const newTeacher = z.strictObject({
  employeeNumber,
  name: displayName(),
  schoolId: schoolId.optional(),
  hiredOn: dateOnly.optional(),
  roles: roles.default(["teacher"]),
});
// No defaults here: a field left out of a PATCH stays as it is.
const teacherChanges = z.strictObject({
  name: displayName().optional(),
  schoolId: schoolId.optional(),
  hiredOn: dateOnly.optional(),
  roles: roles.optional(),
  active: z.boolean().optional(),
});
const listQuery = z.object({
  schoolId: z.string().uuid().optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function teacherRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

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
    const teacher = await createTeacher(prisma, actor, await jsonBody(ctx, newTeacher));
    ctx.status = 201;
    ctx.body = presentTeacher(teacher);
  });

  router.get("/teachers/:id", async (ctx) => {
    ctx.body = presentTeacher(await teacherInScope(prisma, actorIn(ctx).scope, ctx.params.id as string));
  });

  router.patch("/teachers/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const changes = await jsonBody(ctx, teacherChanges);
    ctx.body = presentTeacher(await updateTeacher(prisma, actor, ctx.params.id as string, changes));
  });

  return router;
}
