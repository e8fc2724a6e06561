import { complianceHandler } from "../handlers/admin/compliance.js";
import { matchCompliance } from "../intents/admin-questions.js";
import { command } from "./command.js";

export const compliance = command({
  kind: "compliance",
  match: matchCompliance,
  users: ["school_admin", "region_admin"],
  sideEffects: false,
  // Colleagues' shortfalls by name: asked in a group, the answer goes by direct message.
  privateTopic: "达标名单",
  help: {
    section: "admin",
    topic: "达标率",
    usage: (roles) => [roles.includes("school_admin") ? "我们学校还有多少人没达标" : "", roles.includes("region_admin") ? "全区还有多少人没达标" : ""].filter(Boolean),
  },
  examples: ["我们学校还有多少人没达标", "达标率", "全区还有多少人没达标"],
  handle: complianceHandler,
});
