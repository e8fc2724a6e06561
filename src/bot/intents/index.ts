/** The intent parser: chat text in, what the sender asks for out. Pure: no I/O, no clock, no platform. */
export { normaliseText } from "./normalise.js";
export { parseIntent } from "./parse.js";
export type { AssignmentKind, AssignmentTopic, HypotheticalRecord, Intent, IntentKind, PolicyTopic, RequirementPart } from "./types.js";
