import { describe, expect, it } from "vitest";
import { reachablePlatforms } from "../../src/channels/platforms.js";

describe("which platforms this install can message a person on", () => {
  it("WeCom only with a self-built app, DingTalk whenever its robot is configured, the playground never", () => {
    expect(reachablePlatforms({ wecom: undefined, dingtalk: undefined })).toEqual([]);
    expect(reachablePlatforms({ wecom: { apps: [] }, dingtalk: undefined })).toEqual([]);
    expect(reachablePlatforms({ wecom: { apps: [{ name: "" }] }, dingtalk: undefined })).toEqual(["wecom"]);
    expect(reachablePlatforms({ wecom: { apps: [] }, dingtalk: { clientId: "x" } })).toEqual(["dingtalk"]);
    expect(reachablePlatforms({ wecom: { apps: [{}] }, dingtalk: {} })).toEqual(["wecom", "dingtalk"]);
  });
});
