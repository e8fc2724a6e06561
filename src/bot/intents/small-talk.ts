import { WordTable, type Unit } from "./rewrite.js";
import type { Intent, Matcher } from "./types.js";

/**
 * 在吗 / 谢谢 / 收到·好的 / 你是谁 get a short human answer. Small talk is the whole message, read from
 * `content` because politeness removal has dropped these very words from `text`: "收到，谢谢🌹" is made
 * of nothing else and thanks; "谢谢，我还差多少学分" is a question and never reaches here.
 */

type Topic = Extract<Intent, { kind: "small_talk" }>["topic"];

const WORDS_BY_TOPIC: readonly (readonly [Topic, readonly string[]])[] = [
  ["thanks", ["谢谢", "谢啦", "谢谢你", "谢谢您", "谢谢老师", "谢谢啦", "谢了", "多谢", "感谢", "感谢老师", "太感谢了", "非常感谢", "辛苦了", "辛苦", "辛苦老师", "thanks", "thank you", "thankyou", "thx", "ty", "thanks a lot", "so much", "very much", "a lot", "thank u", "thanks u", "tks", "3q", "感恩", "感恩感恩", "帮大忙了", "帮大忙", "麻烦了", "麻烦你了", "麻烦您了", "感谢感谢", "谢谢谢谢", "谢谢帮忙", "感谢帮忙", "多谢晒", "唔该", "唔该晒"]],
  ["greeting", [
    "在吗", "喂", "在不在", "在不", "在没", "在伐", "在么", "在", "你好", "您好", "老师好", "你好呀", "嗨", "哈喽", "哈啰", "早上好", "早安", "上午好", "中午好",
    "下午好", "晚上好", "早", "在线吗", "在线不", "嘿", "拜拜", "再见", "回见", "晚安", "bye", "byebye", "goodbye", "good night", "goodnight", "有人吗", "有人在吗", "有人在不", "hello", "hi", "hey", "hi there", "hello there", "good morning", "good afternoon",
    "good evening", "morning", "小助手", "助手", "老师",
  ]],
  ["acknowledgement", [
    "收到", "收到了", "中", "妥", "妥了", "木问题", "阔以", "嗯呐", "嗯哪", "嗯嗯", "要得", "得嘞", "好的呢", "好的", "好滴", "好嘞", "好咧", "好", "嗯", "哦", "噢", "ok", "okk", "okok", "okay", "明白", "明白了", "知道了", "知道", "了解", "懂了", "行",
    "没问题", "可以", "谢谢收到", "晓得了", "晓得", "知道啦", "好哒", "got it", "gotit", "noted", "👌",
  ]],
];

/** Words that strengthen or address without a topic of their own: "非常感谢您", "太谢谢你了", "thank you so much". */
const NEUTRAL_WORDS = ["非常", "十分", "万分", "真是", "真的", "真", "太", "超级", "您", "你", "you", "u", "bot", "robot", "的帮助", "的帮忙"];

/** Said in any order, the stronger topic wins: "收到，谢谢" thanks, "你好，收到" acknowledges. */
const PRIORITY: readonly Topic[] = ["thanks", "acknowledgement", "greeting"];

const TOPIC_OF = new Map<string, Topic>(WORDS_BY_TOPIC.flatMap(([topic, words]) => words.map((word) => [word, topic] as const)));
const SMALL_TALK_WORDS = new WordTable([...TOPIC_OF.keys(), ...NEUTRAL_WORDS].map((word) => [word, word] as const));

/** Who the bot is; asked as a question, so only these whole phrasings count. */
const IDENTITY = /^(?:这|这个|你|您)?是(?:不是)?(?:机器人|真人|人工|ai|bot|robot|自动回复)|^(?:你|您)(?:到底|究竟)?(?:是)?(?:人还是|真人还是|机器人还是|学校的|哪里的|哪儿的|哪的|谁家的)|^(?:这个?号|这个?账号|这边|这里)?(?:是)?谁在(?:回复|回答|说话|回)|^whoami(?:talking|speaking|chatting)(?:to|with)|^(?:请问)?(?:你|您)(?:是|叫)(?:谁|哪位|哪个|什么|什么东西|啥|做什么|干什么|干嘛|机器人|真人|人工|自动|ai|人吗|人不|人$|bot)|^(?:who|what)(?:are|r)you|^你是不是(?:机器人|真人|人工|ai|bot|自动回复|自动|人)|^(?:are|r)you(?:a)?(?:bot|robot|human|real)/;

/** Punctuation, particles, spaces and emoji may surround the words ("收到！", "好的呀～", "辛苦了🌹"). */
const FILLER = /^[^\p{L}\p{N}]$|^[吗呢啊呀吧哦嘛啦哈了的滴嘞咯哟噢]$/u;

function topicOf(units: readonly Unit[]): Topic | undefined {
  const topics = new Set<Topic>();
  let index = 0;
  while (index < units.length) {
    const word = SMALL_TALK_WORDS.longestAt(units, index);
    if (word !== undefined) {
      const topic = TOPIC_OF.get(word.replacement);
      if (topic !== undefined) topics.add(topic);
      index += word.length;
      continue;
    }
    if (!FILLER.test(units[index]?.char ?? "")) return undefined;
    index += 1;
  }
  return PRIORITY.find((topic) => topics.has(topic));
}

/**
 * Names the bot goes by on the platforms (继教学分助手, 学分机器人, Bot). A mention of anyone else makes
 * "@李主任 收到" chatter between colleagues, even though the platform delivered it to the bot.
 */
const BOT_NAME = /助手|机器人|bot|小助|学分|继教/;

export const matchSmallTalk: Matcher = (message) => {
  if (message.mentions.some((name) => !BOT_NAME.test(name))) return undefined;
  const unpunctuated = message.content.replace(/[^\p{L}\p{N}]/gu, "");
  // After a greeting ("你好，你是谁") the question is what politeness removal left.
  if (IDENTITY.test(unpunctuated) || IDENTITY.test(message.compact)) return { kind: "small_talk", topic: "identity" };
  const topic = topicOf(message.content.split("").map((char, index) => ({ char, from: index, to: index + 1 })));
  return topic === undefined ? undefined : { kind: "small_talk", topic };
};
