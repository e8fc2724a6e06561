import { gapLine } from "../../bot/handlers/balance.js";
import { fullDate } from "../../bot/handlers/short-date.js";
import { suggest, UNIT_NAMES, yearKeyOf, yearScheme } from "../../credits/index.js";
import { evaluateTeacher } from "../../domain/balance.js";
import { policyOfRegion } from "../../domain/policies.js";
import type { Assessment, LedgerEntry, YearCertification } from "../../generated/prisma/client.js";
import { claimAndEnqueue } from "./claim.js";
import type { ReminderDependencies } from "./dependencies.js";
import { regionDay } from "./region-day.js";
import { directPlatformsOf } from "./direct-accounts.js";

const MAX_STEPS = 3;

export type NudgeOutcome = { year: number | null; nudged: number };

/**
 * The annual shortfall nudge of one region: in its nudge month, each teacher whose current (training)
 * year is still short of the annual minimum gets one direct message with what is missing and the engine's
 * next steps for that year. Claimed per teacher and year, so the daily tick of the month reaches teachers
 * who bind their account later without writing to anyone twice.
 */
export async function runAnnualNudge(deps: ReminderDependencies, regionId: string): Promise<NudgeOutcome> {
  const { prisma } = deps;
  const { region, today, notBefore } = await regionDay(deps, regionId);
  if (region.annualNudgeMonth === null || Number(today.slice(5, 7)) !== region.annualNudgeMonth) return { year: null, nudged: 0 };
  const policy = policyOfRegion(region);
  const year = yearKeyOf(today, yearScheme(policy.years.startMonth, policy.years.endMonth));

  // Roles are filtered here, not in SQL: the PGlite adapter cannot pass an enum-array filter value.
  const teachers = (await prisma.teacher.findMany({ where: { regionId, active: true }, orderBy: { employeeNumber: "asc" } })).filter(
    (teacher) => teacher.roles.includes("teacher"),
  );
  const claimed = await prisma.reminderClaim.findMany({
    where: { kind: "annual_nudge", period: String(year), scope: { in: teachers.map((teacher) => teacher.id) } },
    select: { scope: true },
  });
  const done = new Set(claimed.map((claim) => claim.scope));
  const platforms = await directPlatformsOf(
    prisma,
    teachers.filter((teacher) => !done.has(teacher.id)).map((teacher) => teacher.id),
    deps.directMessagePlatforms,
  );
  const ids = [...platforms.keys()];
  const [entries, assessments, certifications] = await Promise.all([
    prisma.ledgerEntry.findMany({ where: { teacherId: { in: ids } } }),
    prisma.assessment.findMany({ where: { teacherId: { in: ids } } }),
    prisma.yearCertification.findMany({ where: { teacherId: { in: ids } } }),
  ]);
  const rowsOf = <T extends { teacherId: string }>(rows: T[], teacherId: string) => rows.filter((row) => row.teacherId === teacherId);

  let nudged = 0;
  for (const teacher of teachers) {
    const platform = platforms.get(teacher.id);
    if (!platform) continue;
    const evaluation = evaluateTeacher(
      policy,
      teacher,
      {
        entries: rowsOf<LedgerEntry>(entries, teacher.id),
        assessments: rowsOf<Assessment>(assessments, teacher.id),
        certifications: rowsOf<YearCertification>(certifications, teacher.id),
      },
      today,
    );
    const tally = evaluation.years.find((entry) => entry.year === year);
    if (!tally || tally.required === null || tally.met) continue;
    const shortfalls = evaluation.shortfalls.filter((shortfall) => shortfall.scope === "year" && shortfall.year === year);
    // The engine's steps for this year only: the cycle's gaps have their own answer in 我还差多少学分.
    const steps = suggest(policy, { ...evaluation, shortfalls }).slice(0, MAX_STEPS);
    const unit = UNIT_NAMES[tally.unit];
    const content = deps.templates.render("reminder-annual-nudge", {
      name: teacher.name,
      label: tally.label,
      unit,
      earned: tally.earned,
      required: tally.required,
      missing: Math.max(0, tally.required - tally.earned),
      end: fullDate(tally.end),
      gaps: shortfalls.filter((shortfall) => shortfall.key !== "year").map(gapLine),
      steps,
    });
    const delivery = {
      idempotencyKey: `nudge:${teacher.id}:${year}`,
      regionId,
      purpose: "annual_nudge",
      platform,
      teacherId: teacher.id,
      content,
      notBefore,
    } as const;
    if (await claimAndEnqueue(prisma, { kind: "annual_nudge", scope: teacher.id, period: String(year) }, [delivery])) nudged += 1;
  }
  return { year, nudged };
}
