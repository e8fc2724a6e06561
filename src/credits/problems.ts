import type { z } from "zod";

/**
 * Validation problems in words an operator can act on: "records[2] (id r3): hours: required",
 * "categories.required.minimum: must be ≥ 0". Shared by the policy and the input schemas.
 */

export interface Problem {
  /** Where, e.g. "records[2] (id r3): hours" or "categories.required.minimum"; "" for the whole document. */
  readonly where: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  return problem.where === "" ? problem.message : `${problem.where}: ${problem.message}`;
}

type RawIssue = z.core.$ZodRawIssue;

const EXPECTED_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

/** Per-parse error map: plain messages for zod's generic issues; messages written in a schema win over it. */
function plainIssueMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return `must be ${EXPECTED_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      if (issue.origin === "array") return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.inclusive === false ? ">" : "≥"} ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "array") return `must have at most ${String(issue.maximum)} item(s)`;
      return `must be ${issue.inclusive === false ? "<" : "≤"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * Renders a path against the document it points into, so a list element that carries an id is named by it:
 * ["records", 2, "hours"] → "records[2] (id r3): hours".
 */
function describePath(path: readonly PropertyKey[], document: unknown): string {
  let text = "";
  let node: unknown = document;
  for (const key of path) {
    const child = typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number") {
      text += `[${key}]`;
      const id = idOf(child);
      if (id !== undefined) text += ` (id ${id}):`;
    } else {
      const name = String(key);
      if (text === "") text = name;
      else if (text.endsWith(":")) text += ` ${name}`;
      else text += `.${name}`;
    }
    node = child;
  }
  return text.endsWith(":") ? text.slice(0, -1) : text;
}

function problemsFromIssues(issues: readonly z.core.$ZodIssue[], document: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ where: describePath([...issue.path, key], document), message: "unknown field" });
      }
    } else {
      problems.push({ where: describePath(issue.path, document), message: issue.message });
    }
  }
  return problems;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problem[] };

export function parseWith<Schema extends z.ZodType>(schema: Schema, document: unknown): Parsed<z.output<Schema>> {
  const result = schema.safeParse(document, { error: plainIssueMessage });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: problemsFromIssues(result.error.issues, document) };
}
