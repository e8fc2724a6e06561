/**
 * Question intents (balance, details, tasks, projects, help) are recognised by their words, but a keyword
 * alone is not enough: "谁有上次培训的课件" contains 培训 and is not asking for trainings. A message is
 * taken to ask a question when it contains one of the question's keywords and is (almost) entirely made
 * of keywords and filler words; whatever else is left may be at most MAX_LEFTOVER letters or digits.
 */

export interface Vocabulary {
  /** At least one must occur. */
  readonly keywords: readonly string[];
  /** May occur around the keywords without changing the question. */
  readonly fillers: readonly string[];
}

/** One stray character ("查下学分") is tolerated; a stray word ("收到学分证书了") is not. */
const MAX_LEFTOVER = 1;

/** Words any question may contain, Chinese and English, written the way `compact` spells them. */
export const QUESTION_FILLERS = [
  "我的", "我们", "我", "的", "了", "呢", "吧", "啊", "是", "都", "还", "个", "下", "能", "要", "想", "请",
  "查询", "查查", "查一下", "查下", "查", "看看", "看一下", "看下", "看", "一下", "显示", "告诉我", "给我", "帮我",
  "现在", "目前", "有没有", "有什么", "有哪些", "有", "哪些", "什么", "啥", "多少", "几", "一共", "总共",
  "怎么样", "怎样", "如何", "情况", "一览", "列表", "全部", "所有", "可以", "需要", "知道",
  "howmany", "howmuch", "what", "whats", "which", "show", "list", "check", "tell", "me", "my", "i", "do", "does",
  "have", "has", "got", "is", "are", "the", "all", "please",
];

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One alternation of literal words, longest first so "查一下" is removed before "查". */
function wordsPattern(words: readonly string[]): RegExp {
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRegExp).join("|"), "g");
}

export class QuestionMatcher {
  private readonly keywords: readonly string[];
  private readonly allWords: RegExp;

  constructor(vocabulary: Vocabulary) {
    this.keywords = vocabulary.keywords;
    this.allWords = wordsPattern([...vocabulary.keywords, ...vocabulary.fillers, ...QUESTION_FILLERS]);
  }

  /** `compact` asks this question: a keyword occurs and little else is left. */
  matches(compact: string): boolean {
    if (!this.keywords.some((keyword) => compact.includes(keyword))) return false;
    const leftover = compact.replace(this.allWords, "").match(LETTER_OR_DIGIT)?.length ?? 0;
    return leftover <= MAX_LEFTOVER;
  }
}
