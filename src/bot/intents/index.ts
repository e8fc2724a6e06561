/** Understanding chat text: pure steps (no I/O, no clock, no platform); commands/ applies the matchers in order. */
export { clausesOf } from "./clauses.js";
export { slotsOf } from "./slots.js";
export { choicesOf, SimilarityRanker } from "./suggestions.js";
export { normaliseText, understand, type Understood } from "./understand.js";
export type { AssignmentKind, AssignmentTopic, HypotheticalRecord, Intent, IntentKind, PolicyTopic, RequirementPart } from "./types.js";
