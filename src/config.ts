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

// --- DingTalk (钉钉) channel: active only when DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are both set.
const httpBaseUrl = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url("must be a URL")
      .refine((url) => /^https?:\/\//.test(url), { message: "must start with http:// or https://" })
      .default(fallback)
      .transform((url) => url.replace(/\/+$/, "")),
  );
const dingtalkEnvironment = {
  DINGTALK_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  // Checked in dingtalkConfig instead of here, so that a malformed secret is never echoed back.
  DINGTALK_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  DINGTALK_ROBOT_CODE: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  DINGTALK_MODE: z.preprocess(emptyToUndefined, z.enum(["stream", "http"], { message: "must be stream or http" }).default("stream")),
  DINGTALK_API_BASE: httpBaseUrl("https://api.dingtalk.com"),
  DINGTALK_OAPI_BASE: httpBaseUrl("https://oapi.dingtalk.com"),
  DINGTALK_STREAM_GATEWAY: httpBaseUrl("https://api.dingtalk.com/v1.0/gateway/connections/open"),
};

export type DingtalkConfig = {
  clientId: string;
  /** Newest first; all are accepted on incoming signatures, and tried in order for tokens and the gateway. */
  clientSecrets: string[];
  /** robotCode for OpenAPI sends; for an enterprise-internal app it equals the client id. */
  robotCode: string;
  mode: "stream" | "http";
  apiBase: string;
  oapiBase: string;
  streamGateway: string;
};

function dingtalkConfig(e: z.infer<typeof environmentSchema>): DingtalkConfig | undefined {
  const secret = e.DINGTALK_CLIENT_SECRET;
  if (e.DINGTALK_CLIENT_ID === undefined && secret === undefined) return undefined;
  if (!e.DINGTALK_CLIENT_ID) {
    throw new ConfigError(["DINGTALK_CLIENT_ID is required when DINGTALK_CLIENT_SECRET is set (got unset)"]);
  }
  if (secret === undefined) {
    throw new ConfigError(["DINGTALK_CLIENT_SECRET is required when DINGTALK_CLIENT_ID is set (got unset)"]);
  }
  const clientSecrets = secret.split(",").map((part) => part.trim());
  if (clientSecrets.some((part) => part.length === 0)) {
    throw new ConfigError(["DINGTALK_CLIENT_SECRET must be one secret or several separated by commas, none empty (value hidden)"]);
  }
  return {
    clientId: e.DINGTALK_CLIENT_ID,
    clientSecrets,
    robotCode: e.DINGTALK_ROBOT_CODE || e.DINGTALK_CLIENT_ID,
    mode: e.DINGTALK_MODE,
    apiBase: e.DINGTALK_API_BASE,
    oapiBase: e.DINGTALK_OAPI_BASE,
    streamGateway: e.DINGTALK_STREAM_GATEWAY,
  };
}
// --- end of DingTalk section.

// --- WeCom (企业微信) channel: each AI bot and app is active when its own variables are set.
const wecomEnvironment = {
  WECOM_CORP_ID: z.preprocess(
    emptyToUndefined,
    z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be the CorpID from 我的企业 → 企业信息").optional(),
  ),
  // Tokens, keys, secrets and WECOM_EXTRA_BOTS (which holds them) are checked in wecomConfig instead of
  // here, so that a malformed secret is never echoed back.
  WECOM_AIBOT_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  WECOM_AIBOT_ENCODING_AES_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  WECOM_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  WECOM_APP_ENCODING_AES_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  WECOM_APP_AGENT_ID: z.preprocess(emptyToUndefined, z.string().trim().regex(/^\d{1,12}$/, "must be the app's AgentId (digits)").optional()),
  WECOM_APP_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  WECOM_EXTRA_BOTS: z.preprocess(emptyToUndefined, z.string().optional()),
  WECOM_API_BASE: httpBaseUrl("https://qyapi.weixin.qq.com"),
  WECOM_THROTTLED_RETRY_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(3_600_000).default(60_000)),
};

/** Several tokens and keys at once, so a secret can be rotated without downtime; any of them is accepted. */
export type WecomCallbackSecrets = { tokens: string[]; encodingAesKeys: string[] };
/** An AI bot (智能机器人) in API mode; `name` "" is served at /wecom/aibot, others at /wecom/aibot/<name>. */
export type WecomAiBotConfig = { name: string; callback: WecomCallbackSecrets };
/** A self-built app (自建应用); `callback` is unset for an app used only to send. */
export type WecomAppConfig = { name: string; corpId: string; agentId: string; secret: string; callback: WecomCallbackSecrets | undefined };
export type WecomConfig = {
  apiBase: string;
  /** How long a send waits after WeCom answered 45009 (frequency limit); its minute blocks clear after 60 s. */
  throttledRetryMs: number;
  aiBots: WecomAiBotConfig[];
  apps: WecomAppConfig[];
};

const WECOM_TOKEN = /^[A-Za-z0-9]{1,32}$/;
const WECOM_ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const wecomName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "must be 1–32 lower-case letters, digits, '-' or '_'");
const wecomExtraSchema = z.array(
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("aibot"), name: wecomName, token: z.string(), encodingAesKey: z.string() }),
    z.strictObject({
      kind: z.literal("app"),
      name: wecomName,
      corpId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a CorpID").optional(),
      agentId: z.string().regex(/^\d{1,12}$/, "must be the app's AgentId (digits)"),
      secret: z.string(),
      token: z.string().optional(),
      encodingAesKey: z.string().optional(),
    }),
  ]),
);

/** Where each setting of one bot or app came from, for messages that name it. */
type WecomLabels = { token: string; encodingAesKey: string; corpId: string; agentId: string; secret: string };

function wecomSecretList(value: string, label: string, pattern: RegExp, what: string, problems: string[]): string[] {
  const parts = value.split(",").map((part) => part.trim());
  if (!parts.every((part) => pattern.test(part))) {
    problems.push(`${label} must be ${what}, or several separated by commas for rotation (value hidden)`);
  }
  return parts;
}

function wecomCallback(
  token: string | undefined,
  encodingAesKey: string | undefined,
  labels: WecomLabels,
  problems: string[],
): WecomCallbackSecrets | undefined {
  if (token === undefined && encodingAesKey === undefined) return undefined;
  if (token === undefined) problems.push(`${labels.token} is required when ${labels.encodingAesKey} is set (got unset)`);
  if (encodingAesKey === undefined) problems.push(`${labels.encodingAesKey} is required when ${labels.token} is set (got unset)`);
  if (token === undefined || encodingAesKey === undefined) return undefined;
  return {
    tokens: wecomSecretList(token, labels.token, WECOM_TOKEN, "1–32 letters or digits", problems),
    encodingAesKeys: wecomSecretList(encodingAesKey, labels.encodingAesKey, WECOM_ENCODING_AES_KEY, "43 letters or digits", problems),
  };
}

function wecomApp(
  name: string,
  source: { corpId?: string; agentId?: string; secret?: string; token?: string; encodingAesKey?: string },
  labels: WecomLabels,
  problems: string[],
): WecomAppConfig | undefined {
  const callback = wecomCallback(source.token, source.encodingAesKey, labels, problems);
  if (!callback && source.agentId === undefined && source.secret === undefined) return undefined;
  // Answers to an app's messages go out through message/send, which needs the app's own access token.
  const needs = callback ? `${labels.token} is set` : source.secret === undefined ? `${labels.agentId} is set` : `${labels.secret} is set`;
  if (source.corpId === undefined) problems.push(`${labels.corpId} is required when ${needs} (got unset)`);
  if (source.agentId === undefined) problems.push(`${labels.agentId} is required when ${needs} (got unset)`);
  if (source.secret === undefined) problems.push(`${labels.secret} is required when ${needs} (got unset)`);
  else if (!/^[A-Za-z0-9_-]{1,128}$/.test(source.secret)) problems.push(`${labels.secret} must be the app's Secret (value hidden)`);
  if (source.corpId === undefined || source.agentId === undefined || source.secret === undefined) return undefined;
  return { name, corpId: source.corpId, agentId: source.agentId, secret: source.secret, callback };
}

function wecomConfig(e: z.infer<typeof environmentSchema>): WecomConfig | undefined {
  const problems: string[] = [];
  const aiBots: WecomAiBotConfig[] = [];
  const apps: WecomAppConfig[] = [];
  const envLabels = (prefix: "AIBOT" | "APP"): WecomLabels => ({
    token: `WECOM_${prefix}_TOKEN`,
    encodingAesKey: `WECOM_${prefix}_ENCODING_AES_KEY`,
    corpId: "WECOM_CORP_ID",
    agentId: "WECOM_APP_AGENT_ID",
    secret: "WECOM_APP_SECRET",
  });
  const defaultBot = wecomCallback(e.WECOM_AIBOT_TOKEN, e.WECOM_AIBOT_ENCODING_AES_KEY, envLabels("AIBOT"), problems);
  if (defaultBot) aiBots.push({ name: "", callback: defaultBot });
  const defaultApp = wecomApp(
    "",
    { corpId: e.WECOM_CORP_ID, agentId: e.WECOM_APP_AGENT_ID, secret: e.WECOM_APP_SECRET, token: e.WECOM_APP_TOKEN, encodingAesKey: e.WECOM_APP_ENCODING_AES_KEY },
    envLabels("APP"),
    problems,
  );
  if (defaultApp) apps.push(defaultApp);
  if (e.WECOM_EXTRA_BOTS !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(e.WECOM_EXTRA_BOTS);
    } catch {
      problems.push('WECOM_EXTRA_BOTS must be a JSON array such as [{"kind":"aibot","name":"north","token":"…","encodingAesKey":"…"}] (value hidden)');
    }
    const extras = json === undefined ? undefined : wecomExtraSchema.safeParse(json);
    if (extras && !extras.success) {
      for (const issue of extras.error.issues) {
        const where = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
        problems.push(`WECOM_EXTRA_BOTS${where} ${issue.message} (value hidden)`);
      }
    }
    for (const [index, extra] of (extras?.success ? extras.data : []).entries()) {
      const at = (field: string) => `WECOM_EXTRA_BOTS[${index}].${field}`;
      const labels: WecomLabels = { token: at("token"), encodingAesKey: at("encodingAesKey"), corpId: at("corpId"), agentId: at("agentId"), secret: at("secret") };
      const taken = extra.kind === "aibot" ? aiBots : apps;
      if (taken.some((existing) => existing.name === extra.name)) problems.push(`${at("name")} "${extra.name}" is used twice for a ${extra.kind}`);
      if (extra.kind === "aibot") {
        const callback = wecomCallback(extra.token, extra.encodingAesKey, labels, problems);
        if (callback) aiBots.push({ name: extra.name, callback });
      } else {
        const app = wecomApp(extra.name, { ...extra, corpId: extra.corpId ?? e.WECOM_CORP_ID }, { ...labels, corpId: `${at("corpId")} (or WECOM_CORP_ID)` }, problems);
        if (app) apps.push(app);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (aiBots.length === 0 && apps.length === 0) return undefined;
  return { apiBase: e.WECOM_API_BASE, throttledRetryMs: e.WECOM_THROTTLED_RETRY_MS, aiBots, apps };
}
// --- end of WeCom section.

const environmentSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("development")),
  HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HTTP_REQUEST_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1_000).max(600_000).default(30_000)),
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
  // Checked in secretsKeys instead of here, so that a malformed key is never echoed back.
  SECRETS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  ...dingtalkEnvironment,
  ...wecomEnvironment,
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  /** requestTimeoutMs: how long a client may take to send a whole request (headers and body). */
  http: { host: string; port: number; requestTimeoutMs: number };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };
  redis: { url: string; keyPrefix: string } | undefined;
  defaultTimezone: string;
  demoData: "auto" | "always" | "never";
  shutdownTimeoutMs: number;
  /** SECRETS_KEY's keys, newest first (see src/secret-box.ts); empty means an embedded install's own key file. */
  secretsKeys: Buffer[];
  /** The DingTalk channel; undefined when DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are unset. */
  dingtalk: DingtalkConfig | undefined;
  /** The WeCom channel; undefined when no AI bot or app is configured. */
  wecom: WecomConfig | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * SECRETS_KEY: one base64 key of 32 bytes, or several separated by commas, newest first (older ones still
 * decrypt). Required with PostgreSQL, where several instances must share it; an embedded install without it
 * keeps a generated key in DATA_DIR.
 */
function secretsKeys(e: z.infer<typeof environmentSchema>): Buffer[] {
  if (e.SECRETS_KEY === undefined) {
    if (e.DATABASE_URL) {
      throw new ConfigError(["SECRETS_KEY is required when DATABASE_URL is set (got unset); generate one with: openssl rand -base64 32"]);
    }
    return [];
  }
  const keys = e.SECRETS_KEY.split(",").map((part) => part.trim());
  const decoded = keys.map((part) => (/^[A-Za-z0-9+/]+={0,2}$/.test(part) ? Buffer.from(part, "base64") : Buffer.alloc(0)));
  if (decoded.some((key) => key.length !== 32)) {
    throw new ConfigError(["SECRETS_KEY must be base64 keys of 32 bytes each (openssl rand -base64 32), separated by commas (value hidden)"]);
  }
  return decoded;
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
    http: { host: e.HOST, port: e.PORT, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "embedded", dataDir: e.DATA_DIR.startsWith("memory://") ? e.DATA_DIR : path.resolve(e.DATA_DIR) },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    demoData: e.LOAD_DEMO_DATA,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    secretsKeys: secretsKeys(e),
    dingtalk: dingtalkConfig(e),
    wecom: wecomConfig(e),
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
