/**
 * Question intents (balance, details, tasks, projects, help) are recognised by their words, but a keyword
 * alone is not enough: "谁有上次培训的课件" contains 培训 and is not asking for trainings. A message is
 * taken to ask a question when it contains one of the question's keywords and is (almost) entirely made
 * of keywords and filler words; whatever else is left may be at most MAX_LEFTOVER letters or digits.
 */

interface Vocabulary {
  /** At least one must occur. */
  readonly keywords: readonly string[];
  /** May occur around the keywords without changing the question. */
  readonly fillers: readonly string[];
  /**
   * A reply inside a conversation (确认, 不发了, 更多) rather than a question: only its own words, nothing
   * left over and none of the questions' fillers, since one stray 不 turns 发 into 不发.
   */
  readonly reply?: boolean;
}

/** One stray character ("查下学分") is tolerated; a stray word ("收到学分证书了") is not. */
const MAX_LEFTOVER = 1;

/** Words any question may contain, Chinese and English, written the way `compact` spells them. */
const QUESTION_FILLERS = [
  "我的", "我们", "我", "本人的", "本人", "的", "了", "吗", "呢", "吧", "啊", "是", "都", "还", "个", "下", "能", "要", "想", "请",
  "查询", "查查", "查一下", "查下", "查", "看看", "看一下", "看下", "看", "一下", "显示", "告诉我", "给我", "帮我",
  "现在", "目前", "有没有", "有什么", "有哪些", "有", "哪些", "什么", "啥", "多少", "几", "一共", "总共",
  "怎么样", "怎样", "如何", "情况", "一览", "列表", "全部", "所有", "可以", "需要", "知道",
  "howmany", "howmuch", "what", "whats", "which", "show", "list", "check", "tell", "me", "my", "i", "do", "does",
  "have", "has", "got", "is", "are", "the", "all", "please", "am", "im", "i'm", "a", "an", "of", "for", "to", "in", "on",
  "at", "so", "far", "sofar", "yet", "there", "this", "that", "it", "be", "been", "any", "can", "could", "would", "will",
  "up", "with", "about", "now", "right", "'s", "you", "tell", "know", "like", "i'd", "want", "嘞", "哈", "呀", "自己", "我自己", "到底", "这个", "那个", "那块", "那部分",
];

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

interface WordNode {
  readonly next: Map<string, WordNode>;
  isWord: boolean;
}

function wordTrie(words: readonly string[]): WordNode {
  const root: WordNode = { next: new Map(), isWord: false };
  for (const word of words) {
    let node = root;
    for (const char of word.split("")) {
      let child = node.next.get(char);
      if (child === undefined) {
        child = { next: new Map(), isWord: false };
        node.next.set(char, child);
      }
      node = child;
    }
    node.isWord = true;
  }
  return root;
}

/**
 * The fewest letters and digits left when `compact` is read as known words and stray characters. Every
 * way of cutting it is considered (dynamic programming over positions, each extended by the words that
 * start there), so "doistill" is do·i·still, not do·is·"till" as a greedy longest-first removal reads it.
 * Linear in the length times the longest word.
 */
function fewestLeftover(compact: string, words: WordNode): number {
  const leftover = new Array<number>(compact.length + 1).fill(Number.POSITIVE_INFINITY);
  leftover[0] = 0;
  for (let start = 0; start < compact.length; start += 1) {
    const here = leftover[start] ?? Number.POSITIVE_INFINITY;
    if (here === Number.POSITIVE_INFINITY) continue;
    const stray = here + (LETTER_OR_DIGIT.test(compact.charAt(start)) ? 1 : 0);
    if (stray < (leftover[start + 1] ?? Number.POSITIVE_INFINITY)) leftover[start + 1] = stray;
    let node: WordNode | undefined = words;
    for (let end = start; end < compact.length; end += 1) {
      node = node.next.get(compact.charAt(end));
      if (node === undefined) break;
      if (node.isWord && here < (leftover[end + 1] ?? Number.POSITIVE_INFINITY)) leftover[end + 1] = here;
    }
  }
  return leftover[compact.length] ?? Number.POSITIVE_INFINITY;
}

export class QuestionMatcher {
  private readonly keywords: readonly string[];
  private readonly allWords: WordNode;
  private readonly maxLeftover: number;

  constructor(vocabulary: Vocabulary) {
    this.keywords = vocabulary.keywords;
    const fillers = vocabulary.reply ? vocabulary.fillers : [...vocabulary.fillers, ...QUESTION_FILLERS];
    this.allWords = wordTrie([...vocabulary.keywords, ...fillers]);
    this.maxLeftover = vocabulary.reply ? 0 : MAX_LEFTOVER;
  }

  /** `compact` asks this question: a keyword occurs and little else is left. */
  matches(compact: string): boolean {
    if (!this.keywords.some((keyword) => compact.includes(keyword))) return false;
    return fewestLeftover(compact, this.allWords) <= this.maxLeftover;
  }
}
