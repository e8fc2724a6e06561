import { assignmentQuestionHandler } from "../handlers/assignment-question.js";
import { matchAssignmentQuestion } from "../intents/assignment.js";
import { command } from "./command.js";

export const assignment = command({
  kind: "assignment",
  match: matchAssignmentQuestion,
  users: ["teacher"],
  sideEffects: false,
  privateTopic: "作业情况",
  help: { section: "teacher", topic: "问作业", usage: ["心得什么时候截止", "心得要写多少字", "作业通过了吗"] },
  examples: ["心得什么时候截止", "作业要写多少字", "怎么交作业", "我的作业通过了吗", "我的作业为什么被退回了"],
  handle: assignmentQuestionHandler,
});
