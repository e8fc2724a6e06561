import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("runs embedded with in-process coordination when nothing is set", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "embedded", dataDir: path.resolve("./data") });
    expect(config.redis).toBeUndefined();
    expect(config.http).toEqual({ host: "0.0.0.0", port: 3000, requestTimeoutMs: 30_000 });
    expect(config.defaultTimezone).toBe("Asia/Shanghai");
  });

  it("uses PostgreSQL and Redis when their URLs are set", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://app@db:5432/credits",
      REDIS_URL: "redis://cache:6379/2",
      REDIS_KEY_PREFIX: "county:",
      PORT: "8080",
      SECRETS_KEY: Buffer.alloc(32, 1).toString("base64"),
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://app@db:5432/credits" });
    expect(config.redis).toEqual({ url: "redis://cache:6379/2", keyPrefix: "county:" });
    expect(config.http.port).toBe(8080);
  });

  it("takes a longer request timeout for slow uploads, but never none", () => {
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_MS: "120000" }).http.requestTimeoutMs).toBe(120_000);
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: "0" })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });

  it("keeps an in-memory embedded database as memory://", () => {
    expect(loadConfig({ DATA_DIR: "memory://" }).database).toEqual({ kind: "embedded", dataDir: "memory://" });
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).database.kind).toBe("embedded");
  });

  it("names every bad variable, what is wrong and the value it got", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://db/x", DEFAULT_TIMEZONE: "Mars/Olympus", LOG_LEVEL: "loud" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith("PORT "))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith("DATABASE_URL "))).toContain("postgres://");
    expect(problems.find((p) => p.startsWith("DEFAULT_TIMEZONE "))).toContain("IANA");
    expect(problems.find((p) => p.startsWith("LOG_LEVEL "))).toContain('"loud"');
  });

  it("requires SECRETS_KEY with PostgreSQL and checks its keys without echoing them", () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf({ DATABASE_URL: "postgresql://app@db/credits" })[0]).toMatch(/^SECRETS_KEY is required when DATABASE_URL is set/);
    const short = problemsOf({ SECRETS_KEY: "c2hvcnQta2V5" });
    expect(short[0]).toMatch(/^SECRETS_KEY must be base64 keys of 32 bytes/);
    expect(short.join()).not.toContain("c2hvcnQta2V5");
    const a = Buffer.alloc(32, 1).toString("base64");
    const b = Buffer.alloc(32, 2).toString("base64");
    expect(loadConfig({ SECRETS_KEY: `${b}, ${a}` }).secretsKeys.map((key) => key[0])).toEqual([2, 1]);
    expect(loadConfig({}).secretsKeys).toEqual([]);
  });
});
