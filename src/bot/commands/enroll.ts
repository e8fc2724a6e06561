import { enrollHandler } from "../handlers/projects.js";
import { matchEnroll } from "../intents/projects.js";
import { command } from "./command.js";

/** The project code typed is the confirmation: enrolling can be undone by the school admin. */
export const enroll = command({
  kind: "enroll",
  match: matchEnroll,
  users: ["teacher"],
  sideEffects: false,
  examples: ["报名 P2026-02", "我要报名 P2026-02", "enroll P2026-02"],
  handle: enrollHandler,
});
