import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/** 我的作业 / 待办 / 有什么要交的 / 作业什么时候截止 / my tasks. */
const TASKS = new QuestionMatcher({
  keywords: [
    "作业", "待办", "代办", "任务", "要交", "该交", "没交", "未交", "待交", "截止", "要做", "要写", "要完成", "没完成", "没做", "handin",
    "todo", "to-do", "due", "tasks", "task", "assignments", "assignment", "homework", "deadlines", "deadline",
  ],
  fillers: [
    "还有", "交了", "交", "提交", "完成", "没完成", "还没", "没有", "没", "什么时候", "时候", "几号", "时间", "日期",
    "最近", "本周", "这周", "清单", "状态", "到期", "截至", "之前", "前", "事项", "这学期", "本学期", "东西", "哪些", "写",
    "进度", "研修", "list", "on", "whats", "what's", "left", "for", "me", "my", "to", "open", "due", "pending", "when", "have", "any", "what", "do", "i", "need", "week", "thisweek", "的",
  ],
});

export const matchTasks: Matcher = (message) => (TASKS.matches(message.compact) ? { kind: "tasks" } : undefined);
