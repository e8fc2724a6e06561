/** Public API of the credit engine. Pure: no I/O, no clock, no platform. */
export { evaluate } from "./evaluate.js";
export { suggest } from "./suggest.js";
export { describePolicy } from "./describe-policy.js";
export { checkGradeQuota, type GradeQuotaCheck, type GradeQuotaLimits, type QuotaCount } from "./grade-quota.js";
export { teacherAssessmentScore, schoolAssessmentScore, type SchoolAssessmentInput } from "./assessment-score.js";
export { parsePolicy, policySchema, type Policy, type PolicyInput, type Consequence } from "./policy-schema.js";
export { parseEvaluationInput, evaluationInputSchema } from "./input-schema.js";
export { formatProblem, type Problem, type Parsed } from "./problems.js";
export { PRESETS, PRESET_NAMES, isPresetName, type PresetName } from "./presets/index.js";
export { daysBetween, isDateOnly, type DateOnly } from "./dates.js";
export { yearKeyOf, yearLabel, yearScheme, yearStart, yearEnd, type YearScheme } from "./years.js";
export { cycleContaining, type CycleWindow } from "./cycle.js";
export type * from "./types.js";
export * from "./vocabulary.js";
export { policyFacts, yearMakeUp, type PolicyFacts, type YearMakeUp, type RuleSource } from "./policy-facts.js";
