import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startFakeDingtalkApi } from "../../support/fake-dingtalk-api.js";
import { startFakeStreamGateway, streamFrame } from "../../support/fake-dingtalk-gateway.js";
import { robotMessage } from "../../support/fake-dingtalk-messages.js";
import { demoDataDirWithCodes } from "../../support/bind-codes.js";
import { TEST_SECRETS_KEY } from "../../support/secrets.js";
import { CLIENT_ID, CLIENT_SECRET, LINA_BALANCE } from "./world.js";

describe("npm start with DingTalk configured (Stream mode)", () => {
  let dataDir: string | undefined;
  afterAll(async () => dataDir && rm(dataDir, { recursive: true, force: true }));

  it("connects to the gateway after listening, answers a teacher, and disconnects on SIGTERM", async () => {
    const gateway = await startFakeStreamGateway({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const api = await startFakeDingtalkApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "jj-dingtalk-"));
    const codes = await demoDataDirWithCodes(dataDir, ["T0003"]);
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        SECRETS_KEY: TEST_SECRETS_KEY,
        DINGTALK_CLIENT_ID: CLIENT_ID,
        DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
        DINGTALK_API_BASE: api.base,
        DINGTALK_OAPI_BASE: api.base,
        DINGTALK_STREAM_GATEWAY: gateway.gatewayUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: string[] = [];
    child.stdout!.on("data", (chunk: Buffer) => stdout.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await vi.waitFor(() => expect(gateway.sockets).toHaveLength(1), { timeout: 30_000, interval: 100 });
      const ask = (msgId: string, text: string) =>
        gateway.sockets[0]!.send(
          streamFrame("CALLBACK", "/v1.0/im/bot/messages/get", `f-${msgId}`, robotMessage({ msgId, text, senderStaffId: "staff-lina", sessionWebhook: api.sessionWebhook(msgId) })),
        );
      ask("e2e-bind", `绑定 工号 T0003 验证码 ${codes.T0003}`);
      await vi.waitFor(() => expect(api.to("/robot/sendBySession")).toHaveLength(1), { timeout: 10_000 });
      ask("e2e-balance", "我还差多少学分");
      await vi.waitFor(() => expect(api.to("/robot/sendBySession")).toHaveLength(2), { timeout: 10_000 });
      expect((api.to("/robot/sendBySession")[1]!.body.text as { content: string }).content).toContain(LINA_BALANCE);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await gateway.close();
      await api.close();
    }
    // Every line on stdout is a JSON log line: nothing (such as the SDK's console output) breaks the log.
    const lines = stdout.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as { msg: string; code?: number });
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain("dingtalk stream: connected");
    // The socket was closed politely by the shutdown, before the process said it had stopped.
    const closed = messages.indexOf("dingtalk stream: socket closed");
    expect(lines[closed]?.code).toBe(1000);
    expect(closed).toBeLessThan(messages.indexOf("stopped cleanly"));
  }, 60_000);
});
