/**
 * Traditional characters that occur in the bot's own vocabulary, mapped to simplified ones, so a teacher
 * typing on a traditional-Chinese keyboard still reaches the commands. Deliberately small: only the
 * characters our phrasings use, not a general converter.
 */
const SIMPLIFIED_OF: Readonly<Record<string, string>> = {
  學: "学", 時: "时", 們: "们", 麼: "么", 為: "为", 嗎: "吗", 報: "报", 訓: "训", 業: "业", 細: "细",
  記: "记", 錄: "录", 幫: "帮", 確: "确", 認: "认", 單: "单", 課: "课", 網: "网", 絡: "络", 級: "级",
  縣: "县", 區: "区", 過: "过", 審: "审", 統: "统", 計: "计", 綁: "绑", 碼: "码", 驗: "验", 號: "号",
  發: "发", 個: "个", 這: "这", 還: "还", 夠: "够", 請: "请", 問: "问", 專: "专",
  項: "项", 會: "会", 選: "选", 設: "设", 傳: "传", 沒: "没", 幾: "几", 體: "体",
  優: "优", 國: "国", 總: "总", 當: "当", 講: "讲", 證: "证", 書: "书", 評: "评", 務: "务", 辦: "办", 煩: "烦",
};

export function toSimplified(char: string): string {
  return SIMPLIFIED_OF[char] ?? char;
}
