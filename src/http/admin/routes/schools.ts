import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { DomainError } from "../../../domain/errors.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { presentSchool } from "../present.js";
import { displayName, jsonBody } from "../validation.js";

const newSchool = z.strictObject({
  code: displayName(32),
  name: displayName(100),
});

export function schoolRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/schools", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const schools = await prisma.school.findMany({
      where: { regionId: actor.regionId, ...(actor.scope.kind === "school" ? { id: actor.scope.schoolId } : {}) },
      orderBy: { code: "asc" },
    });
    ctx.body = { schools: schools.map(presentSchool) };
  });

  router.post("/schools", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const body = await jsonBody(ctx, newSchool);
    const clash = await prisma.school.findUnique({ where: { regionId_code: { regionId: actor.regionId, code: body.code } } });
    if (clash) throw new DomainError("school_code_taken", `学校代码 ${body.code} 已经存在。`, { field: "code", kind: "conflict" });
    const school = await prisma.school.create({ data: { ...body, regionId: actor.regionId } });
    await audit(prisma, actor, "create", "school", school.id, body);
    ctx.status = 201;
    ctx.body = presentSchool(school);
  });

  router.patch("/schools/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const school = await prisma.school.findUnique({ where: { id: ctx.params.id as string } });
    if (!school || school.regionId !== actor.regionId) throw new DomainError("school_not_found", "找不到这所学校。", { kind: "not_found" });
    const { name } = await jsonBody(ctx, newSchool.pick({ name: true }));
    const updated = await prisma.school.update({ where: { id: school.id }, data: { name } });
    await audit(prisma, actor, "update", "school", school.id, { name });
    ctx.body = presentSchool(updated);
  });

  return router;
}
