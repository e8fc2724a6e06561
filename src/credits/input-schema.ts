import { z } from "zod";
import { isDateOnly } from "./dates.js";
import { parseWith, type Parsed } from "./problems.js";
import type { EvaluationInput } from "./types.js";
import { ASSESSMENT_KINDS, CATEGORIES, LEVELS, MODES, RESULTS, ROLES } from "./vocabulary.js";

/**
 * Validation of an evaluation input at the edge (CLI, import). evaluate() trusts its typed input;
 * this is where a record with a missing or impossible field is turned away, naming the record.
 */

const MAX_AMOUNT = 10_000;

const dateOnly = z.string().refine(isDateOnly, "must be a date YYYY-MM-DD");
const amount = z.number().min(0).max(MAX_AMOUNT);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const record = z
  .strictObject({
    id: z.string().min(1),
    date: dateOnly,
    title: z.string().min(1).max(200).optional(),
    mode: z.enum(MODES),
    category: z.enum(CATEGORIES).optional(),
    tags: z.array(z.string().min(1)).optional(),
    level: z.enum(LEVELS),
    hours: amount.optional(),
    leaveHours: amount.optional(),
    credits: amount.optional(),
    result: z.enum(RESULTS),
    role: z.enum(ROLES).optional(),
    approved: z.boolean(),
    preService: z.boolean().optional(),
    certifiedBy: z.string().min(1).optional(),
    certifiedOn: dateOnly.optional(),
  })
  .superRefine(
    (value, context) => {
      const candidate: unknown = value;
      if (!isObject(candidate)) return;
      if (candidate.hours === undefined && candidate.credits === undefined) {
        context.addIssue({ code: "custom", path: ["hours"], message: "required (or credits, for a credit-registered record)" });
      }
      if (candidate.leaveHours !== undefined && candidate.hours === undefined) {
        context.addIssue({ code: "custom", path: ["leaveHours"], message: "needs hours to deduct from" });
      }
      if (typeof candidate.leaveHours === "number" && typeof candidate.hours === "number" && candidate.leaveHours > candidate.hours) {
        context.addIssue({ code: "custom", path: ["leaveHours"], message: `must not exceed hours (${candidate.hours})` });
      }
    },
    { when: () => true },
  );

const assessment = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(ASSESSMENT_KINDS),
  term: z.string().min(1),
  date: dateOnly,
  score: z.number().min(0).max(1000),
});

export const evaluationInputSchema = z
  .strictObject({
    asOf: dateOnly,
    teacher: z.strictObject({ id: z.string().min(1), hiredOn: dateOnly.optional() }),
    cycle: z.strictObject({ start: dateOnly, end: dateOnly }).optional(),
    records: z.array(record),
    assessments: z.array(assessment).optional(),
    degreeUpgrade: z
      .strictObject({ approved: z.boolean(), completedOn: dateOnly, relatedSubject: z.boolean() })
      .optional(),
  })
  .superRefine(
    (value, context) => {
      const input: unknown = value;
      if (!isObject(input)) return;
      const cycle = input.cycle;
      if (isObject(cycle) && typeof cycle.start === "string" && typeof cycle.end === "string" && cycle.start > cycle.end) {
        context.addIssue({ code: "custom", path: ["cycle", "end"], message: "must not be before cycle.start" });
      }
      for (const list of ["records", "assessments"] as const) {
        const firstIndexById = new Map<unknown, number>();
        const items = Array.isArray(input[list]) ? (input[list] as unknown[]) : [];
        items.forEach((item, index) => {
          if (!isObject(item) || typeof item.id !== "string") return;
          const first = firstIndexById.get(item.id);
          if (first === undefined) firstIndexById.set(item.id, index);
          else context.addIssue({ code: "custom", path: [list, index, "id"], message: `duplicate id (also ${list}[${first}])` });
        });
      }
    },
    { when: () => true },
  ) satisfies z.ZodType<EvaluationInput>;

export function parseEvaluationInput(document: unknown): Parsed<EvaluationInput> {
  return parseWith(evaluationInputSchema, document);
}
