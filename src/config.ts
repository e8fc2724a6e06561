import path from "node:path";
import { z } from "zod";

/**
 * The only module that reads process.env. Every setting is validated here at start-up so a typo in a
 * deployment stops the process with the variable's name instead of failing later in a handler.
 */

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url("must be a URL")
      .refine((url) => protocols.some((p) => url.startsWith(`${p}:`)), {
        message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}`,
      })
      .optional(),
  );
const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
      .optional()
      .transform((value) => (value === undefined ? fallback : ["true", "1", "yes"].includes(value))),
  );

const environmentSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("development")),
  HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  REDIS_URL: optionalUrl(["redis", "rediss"]),
  REDIS_KEY_PREFIX: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9:_-]+$/, "may contain only letters, digits, ':', '_' and '-'").default("jj:"),
  ),
  DEFAULT_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(isKnownTimeZone, { message: "must be an IANA time zone such as Asia/Shanghai" })
      .default("Asia/Shanghai"),
  ),
  LOAD_DEMO_DATA: z.preprocess(
    emptyToUndefined,
    z.enum(["auto", "always", "never"], { message: "must be auto, always or never" }).default("auto"),
  ),
  SHUTDOWN_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(10_000)),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  http: { host: string; port: number };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };
  redis: { url: string; keyPrefix: string } | undefined;
  defaultTimezone: string;
  demoData: "auto" | "always" | "never";
  shutdownTimeoutMs: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function describeIssues(error: z.ZodError, source: Record<string, string | undefined>): string[] {
  return error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? "(environment)");
    const shown = source[variable] === undefined ? "unset" : JSON.stringify(source[variable]);
    return `${variable} ${issue.message} (got ${shown})`;
  });
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, env));
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "embedded", dataDir: e.DATA_DIR.startsWith("memory://") ? e.DATA_DIR : path.resolve(e.DATA_DIR) },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    demoData: e.LOAD_DEMO_DATA,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

const testEnvironmentSchema = z.object({
  CI: booleanFlag(false),
  TEST_DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().default("postgresql://postgres@127.0.0.1:5432/test"),
  ),
  TEST_REDIS_URL: z.preprocess(emptyToUndefined, z.string().default("redis://127.0.0.1:6379")),
});

export type TestEnvironment = { ci: boolean; postgresUrl: string; redisUrl: string };

/** Where the test suites find the real services; read here so tests never touch process.env either. */
export function loadTestEnvironment(env: Record<string, string | undefined> = process.env): TestEnvironment {
  const parsed = testEnvironmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, env));
  return { ci: parsed.data.CI, postgresUrl: parsed.data.TEST_DATABASE_URL, redisUrl: parsed.data.TEST_REDIS_URL };
}
