/** Understanding chat text: pure steps (no I/O, no clock, no platform); commands/ applies them in order. */
export { normaliseText } from "./normalise.js";
export type { AssignmentKind, AssignmentTopic, HypotheticalRecord, Intent, IntentKind, PolicyTopic, RequirementPart } from "./types.js";
