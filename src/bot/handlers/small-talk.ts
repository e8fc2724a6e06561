import type { Reply } from "../../channels/types.js";
import type { Conversation, TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";

type SmallTalk = Extract<Intent, { kind: "small_talk" }>;

/**
 * 在吗 / 谢谢 / 收到 / 你是谁: one or two lines, as a colleague would answer. (An acknowledgement while a
 * preview waits never gets here: the pipeline makes it that preview's 确认.)
 */
export async function smallTalkHandler(conversation: Conversation, bound: TeacherConversation | undefined, intent: SmallTalk): Promise<Reply[]> {
  return [conversation.say("small-talk", { topic: intent.topic, bound: bound !== undefined, name: bound?.teacher.name })];
}
