import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.js";

const KEY_A = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const KEY_B = "kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("WeCom configuration", () => {
  it("is off when nothing is set", () => {
    expect(loadConfig({}).wecom).toBeUndefined();
  });

  it("reads the default AI bot and app, with comma-separated tokens and keys for rotation", () => {
    const wecom = loadConfig({
      WECOM_CORP_ID: "ww1234",
      WECOM_AIBOT_TOKEN: "newToken, oldToken",
      WECOM_AIBOT_ENCODING_AES_KEY: `${KEY_A},${KEY_B}`,
      WECOM_APP_TOKEN: "appToken",
      WECOM_APP_ENCODING_AES_KEY: KEY_B,
      WECOM_APP_AGENT_ID: "1000002",
      WECOM_APP_SECRET: "app-secret_1",
      WECOM_API_BASE: "http://127.0.0.1:9999/",
    }).wecom;
    expect(wecom).toEqual({
      apiBase: "http://127.0.0.1:9999",
      throttledRetryMs: 60_000,
      aiBots: [{ name: "", callback: { tokens: ["newToken", "oldToken"], encodingAesKeys: [KEY_A, KEY_B] } }],
      apps: [
        { name: "", corpId: "ww1234", agentId: "1000002", secret: "app-secret_1", callback: { tokens: ["appToken"], encodingAesKeys: [KEY_B] } },
      ],
    });
  });

  it("defaults the API base to qyapi.weixin.qq.com and serves extra named bots and apps", () => {
    const wecom = loadConfig({
      WECOM_CORP_ID: "ww1234",
      WECOM_EXTRA_BOTS: JSON.stringify([
        { kind: "aibot", name: "north", token: "t1", encodingAesKey: KEY_A },
        { kind: "app", name: "north", agentId: "1000003", secret: "s3" },
      ]),
    }).wecom;
    expect(wecom?.apiBase).toBe("https://qyapi.weixin.qq.com");
    expect(wecom?.aiBots.map((bot) => bot.name)).toEqual(["north"]);
    expect(wecom?.apps).toEqual([{ name: "north", corpId: "ww1234", agentId: "1000003", secret: "s3", callback: undefined }]);
  });

  it("names the variable that is wrong or missing, and never echoes a secret", () => {
    const formats = problemsOf({ WECOM_APP_AGENT_ID: "abc", WECOM_API_BASE: "ftp://x" }).join("\n");
    expect(formats).toContain("WECOM_APP_AGENT_ID must be the app's AgentId");
    expect(formats).toContain("WECOM_API_BASE must start with http:// or https://");
    const secrets = problemsOf({
      WECOM_AIBOT_TOKEN: "has space, ok",
      WECOM_AIBOT_ENCODING_AES_KEY: "tooShortSecretKey",
      WECOM_CORP_ID: "ww1",
      WECOM_APP_AGENT_ID: "1000002",
      WECOM_APP_SECRET: "bad secret!",
    }).join("\n");
    expect(secrets).toContain("WECOM_AIBOT_TOKEN must be 1–32 letters or digits");
    expect(secrets).toContain("WECOM_AIBOT_ENCODING_AES_KEY must be 43 letters or digits");
    expect(secrets).toContain("WECOM_APP_SECRET must be the app's Secret");
    for (const secret of ["tooShortSecretKey", "has space", "bad secret"]) expect(secrets).not.toContain(secret);
  });

  it("requires a token and its key together, and what an app needs to answer", () => {
    const text = problemsOf({ WECOM_AIBOT_TOKEN: "t", WECOM_APP_TOKEN: "t", WECOM_APP_ENCODING_AES_KEY: KEY_A }).join("\n");
    expect(text).toContain("WECOM_AIBOT_ENCODING_AES_KEY is required when WECOM_AIBOT_TOKEN is set");
    expect(text).toContain("WECOM_CORP_ID is required");
    expect(text).toContain("WECOM_APP_AGENT_ID is required");
    expect(text).toContain("WECOM_APP_SECRET is required");
  });

  it("reports WECOM_EXTRA_BOTS problems by position, without the JSON", () => {
    expect(problemsOf({ WECOM_EXTRA_BOTS: "{not json secret}" }).join("\n")).toMatch(/^WECOM_EXTRA_BOTS must be a JSON array.*value hidden/);
    expect(problemsOf({ WECOM_EXTRA_BOTS: JSON.stringify([{ kind: "aibot", name: "Bad Name", token: "t", encodingAesKey: KEY_A }]) })).toEqual([
      "WECOM_EXTRA_BOTS[0].name must be 1–32 lower-case letters, digits, '-' or '_' (value hidden)",
    ]);
    const text = problemsOf({
      WECOM_EXTRA_BOTS: JSON.stringify([
        { kind: "app", name: "a", agentId: "1", secret: "s" },
        { kind: "aibot", name: "a", token: "t", encodingAesKey: KEY_A },
        { kind: "aibot", name: "a", token: "t", encodingAesKey: "short" },
      ]),
    }).join("\n");
    expect(text).toContain("WECOM_EXTRA_BOTS[0].corpId (or WECOM_CORP_ID) is required");
    expect(text).toContain('WECOM_EXTRA_BOTS[2].name "a" is used twice');
    expect(text).toContain("WECOM_EXTRA_BOTS[2].encodingAesKey must be 43 letters or digits");
    expect(text).not.toContain("short\"");
  });
});
