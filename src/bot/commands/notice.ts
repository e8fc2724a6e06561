import { draftNotice } from "../handlers/admin/draft-notice.js";
import { matchNotice } from "../intents/admin-commands.js";
import { command } from "./command.js";

export const notice = command({
  kind: "notice",
  match: matchNotice,
  users: ["school_admin", "region_admin"],
  sideEffects: true,
  help: {
    section: "admin",
    topic: "发通知",
    usage: (roles) => [`发通知 本群/全校${roles.includes("region_admin") ? "/全区" : ""} 通知内容（确认后发送）`],
  },
  examples: ["发通知 全校 …", "发通知 本群", "发通知"],
  handle: draftNotice,
});
