import type { Reply } from "../../channels/types.js";
import { UNIT_NAMES } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { paged } from "../paging.js";
import { ownBalance } from "./own-balance.js";

/** 为什么是54分 / 怎么算的: the engine's own explanation of every record that counted this cycle. */
export async function whyHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "why" }>): Promise<Reply[]> {
  const { evaluation } = await ownBalance(conversation);
  const unit = UNIT_NAMES[evaluation.unit];
  const counted = evaluation.records.filter((line) => line.status === "counted");
  const skipped = evaluation.records.filter((line) => line.status !== "counted" && line.status !== "outside_cycle");
  const { templates } = conversation.deps;
  const header = templates.render("why-header", {
    earned: evaluation.total.earned,
    unit,
    asked: intent.amount,
    differs: intent.amount !== undefined && Math.abs(intent.amount - evaluation.total.earned) >= 0.005,
    records: counted.length,
  });
  const lines = [...counted, ...skipped].map((line) => templates.render("why-line", { explain: line.explain }));
  return paged(conversation, header, lines, templates.render("why-trailer", { reason: evaluation.reason }));
}
