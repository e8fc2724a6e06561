import type { Reply } from "../../channels/types.js";
import { UNIT_NAMES } from "../../credits/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { paged } from "../paging.js";
import { fullDate } from "./short-date.js";
import { ownBalance } from "./own-balance.js";
import { recordRows } from "./record-rows.js";

/**
 * 为什么是54分 / 怎么算的: the engine's own explanation of every record of this cycle, counted ones first,
 * each with its date and category so the same training in different years is not taken for a duplicate.
 */
export async function whyHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "why" }>): Promise<Reply[]> {
  const balance = await ownBalance(conversation);
  const { evaluation } = balance;
  const unit = UNIT_NAMES[evaluation.unit];
  const rows = recordRows(balance);
  const counted = rows.filter((row) => row.line.status === "counted");
  const skipped = rows.filter((row) => row.line.status !== "counted" && row.line.status !== "outside_cycle");
  const { templates } = conversation.deps;
  const header = templates.render("why-header", {
    earned: evaluation.total.earned,
    unit,
    asked: intent.amount,
    differs: intent.amount !== undefined && Math.abs(intent.amount - evaluation.total.earned) >= 0.005,
    records: counted.length,
  });
  const lines = [...counted, ...skipped].map((row) =>
    templates.render("why-line", { date: fullDate(row.line.date), title: row.line.title, mode: row.mode, category: row.category, explain: row.line.explain, counted: row.line.status === "counted" }),
  );
  return paged(conversation, header, lines, templates.render("why-trailer", { reason: evaluation.reason }));
}
