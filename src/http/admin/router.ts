import Router from "@koa/router";
import { adminAuth } from "./auth.js";
import type { AdminDependencies } from "./context.js";
import { adminErrors } from "./error-mapping.js";
import { requireRecordIds } from "./record-ids.js";
import { assessmentRoutes } from "./routes/assessments.js";
import { bindCodeRoutes } from "./routes/bind-codes.js";
import { chatAccountRoutes } from "./routes/chat-accounts.js";
import { creditRoutes } from "./routes/credits.js";
import { deliveryRoutes } from "./routes/deliveries.js";
import { directoryRoutes } from "./routes/directory.js";
import { groupRoutes } from "./routes/groups.js";
import { jobRoutes } from "./routes/jobs.js";
import { ledgerRoutes } from "./routes/ledger.js";
import { personalDataRoutes } from "./routes/personal-data.js";
import { projectRoutes } from "./routes/projects.js";
import { regionRoutes } from "./routes/region.js";
import { schoolRoutes } from "./routes/schools.js";
import { scheduleRoutes } from "./routes/schedule.js";
import { spreadsheetRoutes } from "./routes/spreadsheets.js";
import { submissionRoutes } from "./routes/submissions.js";
import { teacherRoutes } from "./routes/teachers.js";
import { tokenRoutes } from "./routes/tokens.js";

/** Everything under /api/admin: bearer-token auth, then routes whose access follows the caller's roles. */
export function adminRouter(deps: AdminDependencies): Router {
  const router = new Router({ prefix: "/api/admin" });
  router.use(adminErrors, adminAuth(deps.prisma, deps.now));
  const routeGroups = [
    teacherRoutes,
    schoolRoutes,
    groupRoutes,
    projectRoutes,
    ledgerRoutes,
    assessmentRoutes,
    submissionRoutes,
    tokenRoutes,
    creditRoutes,
    spreadsheetRoutes,
    chatAccountRoutes,
    regionRoutes,
    scheduleRoutes,
    deliveryRoutes,
    jobRoutes,
    personalDataRoutes,
    directoryRoutes,
    bindCodeRoutes,
  ];
  for (const routes of routeGroups) {
    const child = routes(deps);
    requireRecordIds(child, ["id", "entryId", "accountId"]);
    router.use(child.routes(), child.allowedMethods());
  }
  return router;
}
