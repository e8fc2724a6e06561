import type { Reply } from "../../../channels/types.js";
import { jobsOverview, type DeliveryFailure } from "../../../jobs/overview.js";
import type { TeacherConversation } from "../../context.js";
import { dayAndTime } from "../short-date.js";

/** Failures listed in chat; the admin API's GET /jobs has the rest. */
const FAILURES_SHOWN = 3;
/** Enough recent runs to find the last digest and the last deadline reminder among them. */
const RUNS_SEARCHED = 20;
/** Platform error texts can run long; a phone screen shows the gist. */
const REASON_LENGTH = 40;

const PURPOSE_WORDS: Record<DeliveryFailure["purpose"], string> = {
  notice: "通知",
  deadline_reminder: "截止提醒",
  weekly_digest: "每周汇总",
  annual_nudge: "年度提醒",
  start_reminder: "开班提醒",
  direct_answer: "私信回复",
};

function shortened(text: string): string {
  return text.length > REASON_LENGTH ? `${text.slice(0, REASON_LENGTH)}…` : text;
}

/**
 * 发送情况: when the next weekly digest goes out, when the last digest and deadline reminders ran, how the
 * past week's messages fared and the latest ones that did not arrive, with why. A school administrator
 * sees their school's messages.
 */
export async function jobsHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const { actor, deps, region } = conversation;
  const overview = await jobsOverview(deps, actor, { runs: RUNS_SEARCHED, failures: FAILURES_SHOWN });
  const when = (instant: Date) => dayAndTime(instant, region.timezone);
  const lastOf = (kind: string) => {
    const run = overview.lastRuns.find((candidate) => candidate.kind === kind);
    return run && { when: when(run.lastClaimedAt), claims: run.claims };
  };
  const nextDigest = overview.upcoming.find((job) => job.name === "weekly-digest")?.next;
  const school = actor.scope.kind === "school" ? await deps.prisma.school.findUnique({ where: { id: actor.scope.schoolId } }) : null;
  return [
    conversation.say("admin-jobs", {
      scope: school?.name ?? "全区",
      ...overview.deliveries,
      nextDigest: nextDigest ? when(nextDigest) : undefined,
      lastDigest: lastOf("weekly_digest"),
      lastReminder: lastOf("deadline_reminder"),
      failures: overview.recentFailures.map((failure) => ({
        when: when(failure.updatedAt),
        purpose: PURPOSE_WORDS[failure.purpose],
        target: failure.groupName ?? failure.teacherName ?? "",
        reason: shortened(failure.lastError ?? ""),
      })),
    }),
  ];
}
