import type { Context } from "koa";
import { z } from "zod";
import { isDateOnly } from "../../credits/index.js";
import { checkEmployeeNumber } from "../../domain/employee-number.js";
import { hasControlCharacters, nameProblem, withoutInvisible } from "../../domain/text-safety.js";
import { readBody } from "../read-body.js";

const JSON_LIMIT_BYTES = 1024 * 1024;

/** A request body or query that failed validation: the first problem's field, all problems listed. */
export class RequestValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly problems: { field: string; message: string }[],
  ) {
    super(message);
    this.name = "RequestValidationError";
  }
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "必填" : `类型不对，应为${issue.expected}`;
    case "too_small":
      return issue.origin === "string" ? `至少 ${issue.minimum} 个字符` : issue.origin === "array" ? `至少 ${issue.minimum} 项` : `不能小于 ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string" ? `最多 ${issue.maximum} 个字符` : issue.origin === "array" ? `最多 ${issue.maximum} 项` : `不能大于 ${issue.maximum}`;
    case "invalid_value":
      return `应为以下之一：${issue.values.map(String).join("、")}`;
    case "invalid_format":
      return "格式不正确";
    case "unrecognized_keys":
      return `不认识的字段：${issue.keys.join("、")}`;
    default:
      return issue.message;
  }
}

export function validate<T>(schema: z.ZodType<T>, value: unknown, prefix = ""): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: describe(issue),
  }));
  const [first] = problems as [{ field: string; message: string }];
  return fail(first.field, `${first.field}：${first.message}`, problems);
}

function fail(field: string, message: string, problems: { field: string; message: string }[]): never {
  throw new RequestValidationError(field, message, problems);
}

export async function jsonBody<T>(ctx: Context, schema: z.ZodType<T>): Promise<T> {
  const raw = await readBody(ctx, JSON_LIMIT_BYTES);
  let value: unknown;
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
  } catch {
    return fail("(body)", "请求体不是合法的 JSON。", [{ field: "(body)", message: "不是合法的 JSON" }]);
  }
  return validate(schema, value);
}

export function queryOf<T>(ctx: Context, schema: z.ZodType<T>): T {
  return validate(schema, ctx.query, "query");
}

/** A yes/no query parameter (?all=true, ?dryRun=1): true, false, 1 or 0, false when absent. */
export const queryFlag = z.enum(["true", "false", "1", "0"]).default("false").transform((value) => value === "true" || value === "1");

/** A calendar date: 2026-02-30 or 2025-02-29 is refused here, not shifted to March by the database. */
export const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD 格式的日期")
  .refine(isDateOnly, "没有这一天（应为 1900–2999 年间真实存在的日期）");

/** A person's or school's name: trimmed, 1–50 characters, no line breaks, control, zero-width or bidi characters. */
export const displayName = (maxLength = 50) =>
  z
    .string()
    .trim()
    .min(1)
    .max(maxLength)
    .superRefine((name, ctx) => {
      const problem = nameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** A 工号, normalised by the one rule (src/domain/employee-number.ts). */
export const employeeNumber = z.string().transform((typed, ctx) => {
  const checked = checkEmployeeNumber(typed);
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }
  return checked.value;
});

/** A note, reason or comment: line breaks stay, control and invisible characters are removed. */
export const freeText = (maxLength: number) => z.string().max(maxLength).transform(withoutInvisible);

/** A client's opaque key (idempotency): printable, since it is stored and compared as typed. */
export const clientKey = (minLength: number, maxLength: number) =>
  z
    .string()
    .min(minLength)
    .max(maxLength)
    .refine((key) => !/[\t\n\r]/.test(key) && !hasControlCharacters(key), "不能包含控制字符或换行");
