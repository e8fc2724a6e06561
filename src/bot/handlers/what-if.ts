import type { Reply } from "../../channels/types.js";
import { evaluate, UNIT_NAMES, type CreditRecord } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { ownBalance } from "./own-balance.js";

/**
 * 如果再参加一次省级集中培训40学时呢: the balance with one made-up record added, clearly labelled as a
 * hypothesis. Nothing is stored.
 */
export async function whatIfHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "what_if" }>): Promise<Reply[]> {
  const wanted = intent.record;
  if (wanted.hours === undefined && wanted.credits === undefined) return [conversation.say("what-if-need-amount")];
  const { policy, input, evaluation: before } = await ownBalance(conversation);
  const hypothetical: CreditRecord = {
    id: "what-if",
    date: conversation.today,
    mode: wanted.mode ?? "online",
    // Most training teachers are sent to is required coursework; a named category wins.
    category: wanted.category ?? (wanted.mode === "school_based" ? "school_course" : "required"),
    level: wanted.level ?? "county",
    ...(wanted.hours !== undefined ? { hours: wanted.hours } : {}),
    ...(wanted.credits !== undefined ? { credits: wanted.credits } : {}),
    result: wanted.result ?? "pass",
    role: wanted.role ?? "participant",
    approved: true,
  };
  const after = evaluate(policy, { ...input, records: [...input.records, hypothetical] });
  const line = after.records.find((record) => record.id === "what-if");
  const unit = UNIT_NAMES[after.unit];
  return [
    conversation.say("what-if", {
      explain: line?.explain ?? "",
      counted: line?.counted ?? 0,
      unit,
      before: before.total.earned,
      after: after.total.earned,
      required: after.total.required,
      metAfter: after.met,
      metBefore: before.met,
      missingAfter: Math.max(0, after.total.required - after.total.earned),
      gapsAfter: after.shortfalls.filter((s) => s.scope === "cycle" && s.key !== "total").slice(0, 3).map((s) => `${s.what}还差 ${Math.round(s.missing * 100) / 100} ${UNIT_NAMES[s.unit]}`),
    }),
  ];
}
