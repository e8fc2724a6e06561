import Router from "@koa/router";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { toDbDate } from "../../../domain/calendar.js";
import { DomainError } from "../../../domain/errors.js";
import { appendEntry, reverseEntry } from "../../../domain/ledger.js";
import { teacherInScope } from "../../../domain/scope.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { presentLedgerEntry } from "../present.js";
import { clientKey, dateOnly, displayName, freeText, jsonBody } from "../validation.js";

const manualEntry = z
  .strictObject({
    date: dateOnly,
    projectId: z.string().uuid().optional(),
    mode: z.enum(["centralized", "online", "school_based"]),
    category: z.enum(["required", "elective", "school_course"]),
    tags: z.array(displayName(40)).max(20).default([]),
    level: z.enum(["national", "provincial", "prefecture", "county", "school"]),
    hours: z.number().positive().max(2000).multipleOf(0.01).optional(),
    leaveHours: z.number().min(0).max(2000).multipleOf(0.01).default(0),
    credits: z.number().positive().max(500).multipleOf(0.01).optional(),
    result: z.enum(["fail", "pass", "good", "excellent"]),
    role: z.enum(["participant", "lecturer"]).default("participant"),
    approved: z.boolean(),
    preService: z.boolean().default(false),
    note: freeText(500).optional(),
    /** Lets a client retry safely; the same key never records twice. */
    idempotencyKey: clientKey(8, 200).optional(),
  })
  .refine((e) => e.hours !== undefined || e.credits !== undefined, { message: "学时（hours）和学分（credits）至少填一项", path: ["hours"] })
  .refine((e) => e.hours === undefined || e.leaveHours <= e.hours, { message: "请假学时不能超过培训学时", path: ["leaveHours"] });

export function ledgerRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/teachers/:id/ledger", async (ctx) => {
    const teacher = await teacherInScope(prisma, actorIn(ctx).scope, ctx.params.id as string);
    const entries = await prisma.ledgerEntry.findMany({ where: { teacherId: teacher.id }, orderBy: [{ occurredOn: "asc" }, { recordedAt: "asc" }] });
    ctx.body = { entries: entries.map(presentLedgerEntry) };
  });

  router.post("/teachers/:id/ledger", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    const body = await jsonBody(ctx, manualEntry);
    if (body.projectId) {
      const project = await prisma.trainingProject.findUnique({ where: { id: body.projectId } });
      if (!project || project.regionId !== actor.regionId) {
        throw new DomainError("project_not_found", "找不到这个培训项目。", { field: "projectId", kind: "not_found" });
      }
    }
    const { entry, created } = await appendEntry(prisma, {
      teacherId: teacher.id,
      projectId: body.projectId ?? null,
      occurredOn: toDbDate(body.date),
      mode: body.mode,
      category: body.category,
      tags: body.tags,
      level: body.level,
      hours: body.hours ?? null,
      leaveHours: body.leaveHours,
      credits: body.credits ?? null,
      result: body.result,
      role: body.role,
      approved: body.approved,
      preService: body.preService,
      source: "manual",
      sourceRef: body.note ?? null,
      idempotencyKey: `manual:${body.idempotencyKey ?? randomUUID()}`,
      recordedBy: actor.employeeNumber,
    });
    if (created) await audit(prisma, actor, "record", "ledger_entry", entry.id, { teacherId: teacher.id });
    ctx.status = created ? 201 : 200;
    ctx.body = presentLedgerEntry(entry);
  });

  router.post("/ledger/:entryId/reversal", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const entry = await prisma.ledgerEntry.findUnique({ where: { id: ctx.params.entryId as string } });
    if (!entry) throw new DomainError("entry_not_found", "找不到这条学时记录。", { kind: "not_found" });
    await teacherInScope(prisma, actor.scope, entry.teacherId);
    const { reason } = await jsonBody(ctx, z.strictObject({ reason: freeText(500) }));
    const reversal = await reverseEntry(prisma, { entryId: entry.id, reason, actor: actor.employeeNumber });
    await audit(prisma, actor, "reverse", "ledger_entry", entry.id, { reason, reversalId: reversal.id });
    ctx.status = 201;
    ctx.body = presentLedgerEntry(reversal);
  });

  return router;
}
