import type { Reply } from "../../channels/types.js";
import { MOST_NEEDED_FIRST } from "../commands/index.js";
import type { Conversation, TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { examplesFor } from "./fallback.js";

type SmallTalk = Extract<Intent, { kind: "small_talk" }>;

/** A greeting suggests this many things to ask: one line on a phone. */
const GREETING_EXAMPLES = 2;

/**
 * 在吗 / 谢谢 / 收到 / 你是谁: one or two lines, as a colleague would answer. A greeting suggests what the
 * sender may ask (a region admin who does not teach is not offered 我还差多少学分); a sender not bound yet
 * hears how to bind instead. (An acknowledgement while a preview waits never gets here: the pipeline makes
 * it that preview's 确认.)
 */
export async function smallTalkHandler(conversation: Conversation, bound: TeacherConversation | undefined, intent: SmallTalk): Promise<Reply[]> {
  const examples = bound ? examplesFor(bound.actor.roles, MOST_NEEDED_FIRST, GREETING_EXAMPLES) : [];
  return [conversation.say("small-talk", { topic: intent.topic, bound: bound !== undefined, name: bound?.teacher.name, examples })];
}
