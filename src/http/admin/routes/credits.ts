import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { balanceOf } from "../../../domain/balance.js";
import { certifyYear } from "../../../domain/certification.js";
import { DomainError } from "../../../domain/errors.js";
import { checkPolicyChoice, policyOfRegion } from "../../../domain/policies.js";
import { recordProjectResults } from "../../../domain/project-results.js";
import { reportRowOf } from "../../../domain/report-row.js";
import { schoolReport } from "../../../domain/school-report.js";
import { teacherInScope } from "../../../domain/scope.js";
import { Prisma } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { presentLedgerEntry } from "../present.js";
import { dateOnly, freeText, jsonBody, queryOf } from "../validation.js";

const asOfQuery = z.object({ asOf: dateOnly.optional() });
const results = z.strictObject({
  results: z
    .array(
      z.strictObject({
        teacherId: z.string().uuid(),
        result: z.enum(["fail", "pass", "good", "excellent"]),
        role: z.enum(["participant", "lecturer"]).optional(),
        hours: z.number().positive().max(2000).multipleOf(0.01).optional(),
        leaveHours: z.number().min(0).max(2000).multipleOf(0.01).optional(),
        date: dateOnly.optional(),
      }),
    )
    .min(1)
    .max(20_000),
});
const policyChoice = z.union([z.strictObject({ preset: z.string() }), z.strictObject({ policy: z.record(z.string(), z.unknown()) })]);

/** Everything that runs through the credit engine: balances, school reports, results, the region's rules. */
export function creditRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/teachers/:id/balance", async (ctx) => {
    const { asOf } = queryOf(ctx, asOfQuery);
    const balance = await balanceOf(prisma, {
      scope: actorIn(ctx).scope,
      teacherId: ctx.params.id as string,
      now: deps.now(),
      ...(asOf ? { asOf } : {}),
    });
    ctx.body = { teacherId: balance.teacher.id, employeeNumber: balance.teacher.employeeNumber, name: balance.teacher.name, ...balance.evaluation };
  });

  router.get("/schools/:id/report", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const { asOf } = queryOf(ctx, asOfQuery);
    const report = await schoolReport(prisma, { scope: actor.scope, schoolId: ctx.params.id as string, now: deps.now(), ...(asOf ? { asOf } : {}) });
    const rows = report.teachers.map(({ teacher, evaluation }) => ({
      teacherId: teacher.id,
      employeeNumber: teacher.employeeNumber,
      name: teacher.name,
      ...reportRowOf(evaluation),
    }));
    ctx.body = {
      school: { id: report.school.id, code: report.school.code, name: report.school.name },
      policy: report.policy.id,
      unit: report.policy.unit,
      asOf: report.asOf,
      summary: { teachers: rows.length, met: rows.filter((r) => r.met).length },
      teachers: rows,
    };
  });

  router.post("/projects/:id/results", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const project = await prisma.trainingProject.findUnique({ where: { id: ctx.params.id as string } });
    if (!project || project.regionId !== actor.regionId) throw new DomainError("project_not_found", "找不到这个培训项目。", { kind: "not_found" });
    const body = await jsonBody(ctx, results);
    for (const result of body.results) await teacherInScope(prisma, actor.scope, result.teacherId);
    const recorded = await recordProjectResults(prisma, {
      projectId: project.id,
      results: body.results.map((r) => ({ ...r, sourceRef: `API ${actor.employeeNumber}` })),
      source: "manual",
      actor: actor.employeeNumber,
    });
    await audit(prisma, actor, "record_results", "project", project.id, { created: recorded.created.length, unchanged: recorded.unchanged.length });
    ctx.status = recorded.created.length > 0 ? 201 : 200;
    ctx.body = { created: recorded.created.map(presentLedgerEntry), unchanged: recorded.unchanged.length };
  });

  router.post("/certifications", async (ctx) => {
    const actor = actorIn(ctx);
    const body = await jsonBody(ctx, z.strictObject({ year: z.number().int(), schoolId: z.string().uuid().optional(), note: freeText(500).optional() }));
    ctx.body = await certifyYear(prisma, { actor, ...body, now: deps.now() });
  });

  router.get("/region", async (ctx) => {
    const region = await prisma.region.findUniqueOrThrow({ where: { id: actorIn(ctx).regionId } });
    const policy = policyOfRegion(region);
    ctx.body = { id: region.id, code: region.code, name: region.name, timezone: region.timezone, preset: region.policy, custom: region.customPolicy !== null, policy };
  });

  router.put("/region/policy", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const choice = checkPolicyChoice(await jsonBody(ctx, policyChoice));
    await prisma.region.update({
      where: { id: actor.regionId },
      data: { policy: choice.policy, customPolicy: choice.customPolicy ? (choice.customPolicy as Prisma.InputJsonValue) : Prisma.DbNull },
    });
    await audit(prisma, actor, "set_policy", "region", actor.regionId, { policy: choice.policy, custom: choice.customPolicy !== null });
    ctx.body = { preset: choice.policy, custom: choice.customPolicy !== null };
  });

  return router;
}
