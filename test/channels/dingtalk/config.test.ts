import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("DingTalk configuration", () => {
  it("leaves the channel off when neither client id nor secret is set", () => {
    expect(loadConfig({}).dingtalk).toBeUndefined();
    expect(loadConfig({ DINGTALK_CLIENT_ID: "", DINGTALK_CLIENT_SECRET: "" }).dingtalk).toBeUndefined();
  });

  it("defaults to Stream mode, the official hosts and the client id as robot code", () => {
    expect(loadConfig({ DINGTALK_CLIENT_ID: "dingabc", DINGTALK_CLIENT_SECRET: "s3cret" }).dingtalk).toEqual({
      clientId: "dingabc",
      clientSecrets: ["s3cret"],
      robotCode: "dingabc",
      mode: "stream",
      apiBase: "https://api.dingtalk.com",
      oapiBase: "https://oapi.dingtalk.com",
      streamGateway: "https://api.dingtalk.com/v1.0/gateway/connections/open",
    });
  });

  it("reads HTTP mode, a robot code, private hosts and several secrets for rotation", () => {
    const config = loadConfig({
      DINGTALK_CLIENT_ID: "dingabc",
      DINGTALK_CLIENT_SECRET: "new-secret, old-secret",
      DINGTALK_ROBOT_CODE: "dingrobot",
      DINGTALK_MODE: "http",
      DINGTALK_API_BASE: "https://api.ding.example.gov.cn/",
      DINGTALK_OAPI_BASE: "http://127.0.0.1:9000",
      DINGTALK_STREAM_GATEWAY: "https://gw.example.gov.cn/v1.0/gateway/connections/open",
    }).dingtalk;
    expect(config).toMatchObject({
      clientSecrets: ["new-secret", "old-secret"],
      robotCode: "dingrobot",
      mode: "http",
      apiBase: "https://api.ding.example.gov.cn",
      oapiBase: "http://127.0.0.1:9000",
    });
  });

  it("names the variable that is missing or wrong, and never prints a secret", () => {
    expect(problemsOf({ DINGTALK_CLIENT_ID: "dingabc" })).toEqual([expect.stringMatching(/^DINGTALK_CLIENT_SECRET is required/)]);
    expect(problemsOf({ DINGTALK_CLIENT_SECRET: "s3cret" })).toEqual([expect.stringMatching(/^DINGTALK_CLIENT_ID is required/)]);
    const empty = problemsOf({ DINGTALK_CLIENT_ID: "dingabc", DINGTALK_CLIENT_SECRET: "s3cret,,other" });
    expect(empty).toEqual([expect.stringMatching(/^DINGTALK_CLIENT_SECRET /)]);
    expect(empty[0]).not.toContain("s3cret");
    expect(problemsOf({ DINGTALK_MODE: "webhook" })).toEqual([expect.stringMatching(/^DINGTALK_MODE must be stream or http/)]);
    expect(problemsOf({ DINGTALK_API_BASE: "ftp://x" })[0]).toMatch(/^DINGTALK_API_BASE must start with http/);
    expect(problemsOf({ DINGTALK_STREAM_GATEWAY: "not a url" })[0]).toMatch(/^DINGTALK_STREAM_GATEWAY must be a URL/);
  });
});
