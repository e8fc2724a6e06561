import type { Reply } from "../../../channels/types.js";
import { daysBetween, type DateOnly, type Evaluation } from "../../../credits/index.js";
import { regionReport, schoolReport } from "../../../domain/school-report.js";
import type { School, Teacher } from "../../../generated/prisma/client.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { paged } from "../../paging.js";
import { gapLine } from "../balance.js";
import { cycleYears, fullDate } from "../short-date.js";
import { refusal } from "./refusal.js";

type ComplianceIntent = Extract<Intent, { kind: "compliance" }>;

/** Shortfalls named per teacher: the biggest one or two say what to chase; 学分明细 has the rest. */
const GAPS_PER_TEACHER = 2;

/**
 * 我们学校/全区还有多少人没达标: the 达标率 (as a ratio and a percentage) of the cycle or of this year, the
 * deadline and days left, then who is short and by what, paged. School administrators see their school,
 * region administrators the region. The numbers are the same evaluation each teacher's own balance shows.
 * Names of colleagues who are short are nobody else's business: the command is answered privately.
 */
export async function complianceHandler(conversation: TeacherConversation, intent: ComplianceIntent): Promise<Reply[]> {
  const { actor, deps, today } = conversation;
  const regionAdmin = actor.roles.includes("region_admin");
  if (intent.scope === "region" && !regionAdmin) throw refusal(conversation, "compliance_region_forbidden", "admin-compliance-region-only");
  const wholeRegion = intent.scope === "region" || actor.schoolId === null;
  const report = wholeRegion
    ? await regionReport(deps.prisma, { scope: actor.scope, regionId: actor.regionId, now: deps.now() })
    : await schoolReport(deps.prisma, { scope: actor.scope, schoolId: actor.schoolId!, now: deps.now() });
  const audience = "school" in report ? report.school.name : "全区";
  const standings = report.teachers.map(({ teacher, evaluation }) => standingOf(teacher, evaluation, intent.period));
  const short = standings.filter((standing) => !standing.met);
  const period = standings[0]?.period;
  const { templates } = deps;
  const total = standings.length;
  const met = total - short.length;
  const header = templates.render("admin-compliance-header", {
    audience,
    year: period?.year,
    cycle: period?.cycle,
    end: period ? fullDate(period.end) : undefined,
    daysLeft: period ? daysBetween(today, period.end) : undefined,
    over: period ? period.end < today : false,
    total,
    met,
    percent: total === 0 ? 0 : Math.round((met / total) * 1000) / 10,
    short: short.length,
  });
  const lines = short.map((standing) =>
    templates.render("admin-compliance-line", {
      name: standing.teacher.name,
      school: wholeRegion ? (standing.teacher as { school?: School | null }).school?.name : undefined,
      gaps: standing.gaps,
    }),
  );
  return paged(conversation, header, lines, templates.render("admin-compliance-trailer", { short: short.length }));
}

type Standing = { teacher: Teacher; met: boolean; gaps: string[]; period: { year?: string; cycle?: string; end: DateOnly } };

/** Whether one teacher meets the cycle (or the year under way), and what she is short, from her evaluation. */
function standingOf(teacher: Teacher, evaluation: Evaluation, period: ComplianceIntent["period"]): Standing {
  const year = period === "year" ? evaluation.years.find((y) => y.start <= evaluation.asOf && evaluation.asOf <= y.end) : undefined;
  if (year) {
    const gaps = evaluation.shortfalls.filter((s) => s.scope === "year" && s.year === year.year);
    return { teacher, met: year.met, gaps: gaps.slice(0, GAPS_PER_TEACHER).map(gapLine), period: { year: year.label, end: year.end } };
  }
  // The whole shortfall first, then the parts still short.
  const gaps = evaluation.shortfalls.filter((s) => s.scope === "cycle").sort((a, b) => Number(b.key === "total") - Number(a.key === "total"));
  const cycle = cycleYears(evaluation.cycle);
  return { teacher, met: evaluation.met, gaps: gaps.slice(0, GAPS_PER_TEACHER).map(gapLine), period: { cycle, end: evaluation.cycle.end } };
}
