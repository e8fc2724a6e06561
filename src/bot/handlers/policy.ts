import type { Reply } from "../../channels/types.js";
import { policyFacts, yearKeyOf, yearMakeUp, yearScheme, type Policy } from "../../credits/index.js";
import { todayIn } from "../../domain/calendar.js";
import { policyOfRegion } from "../../domain/policies.js";
import { contactFor } from "../../domain/school-contacts.js";
import type { TeacherConversation } from "../context.js";
import type { Intent, PolicyTopic } from "../intents/index.js";
import { ownBalance } from "./own-balance.js";
import { personal } from "./personal.js";
import { fullDate } from "./short-date.js";

type PolicyIntent = Extract<Intent, { kind: "policy" }>;
type RuleTopic = Exclude<PolicyTopic, "make_up">;

/**
 * 优秀加分吗 / 请假扣不扣 / 几个学时算一学分…: the rule as the region's own policy states it (policyFacts),
 * with its numbers, or 本地区文件没有规定 where it is silent. Rules are nobody's private business, so they
 * are answered where asked; 2025年的学时还能补吗 is about the teacher's own year, so it goes by direct
 * message from a group like the balance.
 */
export async function policyHandler(conversation: TeacherConversation, intent: PolicyIntent): Promise<Reply[]> {
  if (intent.topic === "make_up") return personal("补学时情况", (c) => makeUpAnswer(c, intent))(conversation);
  return [await ruleAnswer(conversation, intent.topic)];
}

async function ruleAnswer(conversation: TeacherConversation, topic: RuleTopic): Promise<Reply> {
  const policy = policyOfRegion(conversation.region);
  const facts = policyFacts(policy, conversation.today);
  const common = { name: conversation.teacher.name, document: facts.document, unit: facts.unit };
  const template = `policy-${topic.replaceAll("_", "-")}`;
  switch (topic) {
    case "grade_bonus":
      return conversation.say(template, { ...common, ...facts.grade_bonus });
    case "lecturer_bonus":
      return conversation.say(template, { ...common, ...facts.lecturer_bonus });
    case "leave":
      return conversation.say(template, { ...common, ...facts.leave, countsHours: facts.conversion.countsHours });
    case "failed":
      return conversation.say(template, { ...common, ...facts.failed });
    case "degree_upgrade":
      return conversation.say(template, { ...common, degree: facts.degree_upgrade, contact: await contactFor(conversation.deps.prisma, conversation.teacher) });
    case "conversion":
      return conversation.say(template, { ...common, ...facts.conversion });
    case "carry_over":
      return conversation.say(template, { ...common, ...facts.carry_over, hasCategories: facts.requirement.categories.length > 0 });
    case "consequences":
      return conversation.say(template, { ...common, consequences: facts.consequences, hasAnnual: policy.annual !== undefined });
    case "requirement":
      return conversation.say(template, { ...common, ...facts.requirement });
    case "dates": {
      const { cycle, year, scheme } = facts.dates;
      return conversation.say(template, {
        ...common,
        cycleStart: fullDate(cycle.start),
        cycleEnd: fullDate(cycle.end),
        cycleYears: cycle.years,
        cycleAssumed: cycle.source.assumed,
        cycleDaysLeft: cycle.daysLeft,
        yearLabel: year.label,
        yearStart: fullDate(year.start),
        yearEnd: fullDate(year.end),
        yearDaysLeft: year.daysLeft,
        scheme,
      });
    }
  }
}

/**
 * The (training) year a make-up question is about: the one named, else the latest year that closed short
 * (what "还能补吗" is usually about), else the current one.
 */
function askedYear(policy: Policy, intent: PolicyIntent, today: string, closedShort: readonly number[]): number {
  const current = yearKeyOf(today, yearScheme(policy.years.startMonth, policy.years.endMonth));
  if (intent.year !== undefined) return intent.year;
  if (intent.yearsAgo !== undefined) return current - intent.yearsAgo;
  return closedShort.at(-1) ?? current;
}

async function makeUpAnswer(conversation: TeacherConversation, intent: PolicyIntent): Promise<Reply[]> {
  const { policy, evaluation } = await ownBalance(conversation);
  const closedShort = evaluation.years.filter((year) => year.status === "closed" && !year.met).map((year) => year.year);
  const year = askedYear(policy, intent, conversation.today, closedShort);
  const standing = yearMakeUp(policy, evaluation, year);
  const { prisma } = conversation.deps;
  const [certification, contact] = await Promise.all([
    prisma.yearCertification.findUnique({ where: { teacherId_year: { teacherId: conversation.teacher.id, year } } }),
    contactFor(prisma, conversation.teacher),
  ]);
  return [
    conversation.say("policy-make-up", {
      ...standing,
      name: conversation.teacher.name,
      end: fullDate(standing.end),
      cycleEnd: fullDate(standing.cycle.end),
      inCycle: standing.when === "closed" || standing.when === "open",
      annualRule: policy.annual !== undefined,
      certifiedOn: certification ? fullDate(todayIn(conversation.region.timezone, certification.certifiedAt)) : undefined,
      contact,
    }),
  ];
}
