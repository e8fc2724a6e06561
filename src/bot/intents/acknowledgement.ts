import type { Matcher } from "./types.js";

/**
 * 好的 / 可以 / 发吧 / 嗯 / ok / 收到 as a whole message: an acknowledgement. Parsing cannot know whether
 * it answers a preview; the pipeline makes it a 确认 when the sender has something waiting, and it stays
 * small talk otherwise. (发吧 arrives here as 发, a confirmation already: 吧 is a trailing particle.)
 */
const ACKNOWLEDGEMENT = /^(?:好的?|好滴|好哒|好嘞|好好|可以的?|行的?|没问题|嗯+|嗯呢|对|是的|ok(?:ay)?|收到了?)+(?:老师)?[👌👍🙏]*$/u;

export const matchAcknowledgement: Matcher = (message) =>
  ACKNOWLEDGEMENT.test(message.compact) ? { kind: "small_talk", topic: "acknowledgement" } : undefined;
