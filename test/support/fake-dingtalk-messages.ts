/** Robot messages shaped like DingTalk's own samples (docs/platforms.md §2.2). */

export const ROBOT_USER_ID = "$:LWCP_v1:$robot0000000000000";

export type RobotMessageOptions = {
  msgId: string;
  text?: string;
  senderStaffId?: string;
  group?: { conversationId: string; title: string };
  sessionWebhook?: string;
  /** Epoch ms; default an hour after `createAt`. */
  sessionWebhookExpiredTime?: number;
  createAt?: number;
  msgtype?: string;
};

export function robotMessage(options: RobotMessageOptions): Record<string, unknown> {
  const createAt = options.createAt ?? Date.now();
  const group = options.group;
  return {
    msgId: options.msgId,
    msgtype: options.msgtype ?? "text",
    // DingTalk strips the @name and leaves the space after it.
    ...(options.text !== undefined ? { text: { content: ` ${options.text}` } } : {}),
    conversationId: group?.conversationId ?? `cid-direct-${options.senderStaffId ?? "x"}`,
    conversationType: group ? "2" : "1",
    ...(group ? { conversationTitle: group.title, isInAtList: true, atUsers: [{ dingtalkId: ROBOT_USER_ID }] } : {}),
    chatbotUserId: ROBOT_USER_ID,
    chatbotCorpId: "dingcorp",
    robotCode: "ding-robot-code",
    senderId: `$:LWCP_v1:$sender-${options.senderStaffId ?? "outsider"}`,
    ...(options.senderStaffId ? { senderStaffId: options.senderStaffId } : {}),
    senderNick: "李娜",
    senderCorpId: "dingcorp",
    isAdmin: false,
    createAt,
    ...(options.sessionWebhook
      ? { sessionWebhook: options.sessionWebhook, sessionWebhookExpiredTime: options.sessionWebhookExpiredTime ?? createAt + 60 * 60 * 1000 }
      : {}),
  };
}
