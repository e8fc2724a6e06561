import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { issueSchoolBindCodes } from "../../../domain/bulk-bind-codes.js";
import { todayIn } from "../../../domain/calendar.js";
import { bindCodeFileName, bindCodeWorkbook } from "../../../domain/spreadsheet/bind-code-workbook.js";
import { XLSX_CONTENT_TYPE } from "../../../domain/spreadsheet/report-workbook.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { queryFlag, queryOf } from "../validation.js";
import { attachment } from "./spreadsheets.js";

const bindCodesQuery = z.object({
  /** Everyone active, not only those without a chat account yet. */
  all: queryFlag,
});

/** A workbook of fresh one-time bind codes for a school, to hand out on paper. The codes are shown only here. */
export function bindCodeRoutes(deps: AdminDependencies): Router {
  const router = new Router();

  router.post("/schools/:id/bind-codes", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const { all } = queryOf(ctx, bindCodesQuery);
    const now = deps.now();
    const { school, codes, skipped } = await issueSchoolBindCodes(deps.prisma, deps.secrets, { actor, schoolId: ctx.params.id as string, all, now });
    const region = await deps.prisma.region.findUniqueOrThrow({ where: { id: school.regionId } });
    const day = todayIn(region.timezone, now);
    ctx.status = 201;
    ctx.set("Content-Type", XLSX_CONTENT_TYPE);
    ctx.set("Content-Disposition", attachment(bindCodeFileName(school, day), `${school.code}-bind-codes-${day}.xlsx`));
    ctx.set("X-Codes-Issued", String(codes.length));
    ctx.set("X-Codes-Skipped", String(skipped));
    ctx.body = await bindCodeWorkbook(codes, region.timezone, now);
  });

  return router;
}
