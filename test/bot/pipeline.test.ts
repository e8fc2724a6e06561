import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/pipeline.js";
import { createCoordination } from "../../src/coordination/index.js";
import { loadTemplates, templatesDirectory } from "../../src/bot/templates.js";
import type { ChatMessage } from "../../src/channels/types.js";
import { startBot } from "../support/bot.js";
import { capturingLogger } from "../support/logger.js";
import { testSecretBox } from "../support/secrets.js";

describe("bot pipeline", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  beforeAll(async () => {
    bot = await startBot("embedded");
    await bot.bind("wx-lina", "T0003");
  });
  afterAll(async () => bot?.dispose());

  it("stays quiet in a group unless @-mentioned, and always answers a direct chat", async () => {
    expect(await bot.as("wx-lina", { group: "school-1", mentioned: false })("我还差多少学分")).toEqual([]);
    const mentioned = await bot.as("wx-lina", { group: "school-1", mentioned: true })("@继教助手 我还差多少学分");
    expect(mentioned[0]?.text).toContain("请私聊我再问一次");
    expect((await bot.as("wx-lina")("我还差多少学分"))[0]?.text).toContain("61.5 / 90 学分");
  });

  it("remembers a group under the school of the teacher who first @-mentions the bot there", async () => {
    await bot.as("wx-lina", { group: "grade-7-chinese" })("帮助");
    const group = await bot.database.prisma.chatGroup.findUniqueOrThrow({
      where: { platform_chatId: { platform: "playground", chatId: "grade-7-chinese" } },
    });
    const lina = await bot.database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
    expect(group).toMatchObject({ schoolId: lina.schoolId, status: "pending", approvedBy: null });
  });

  it("tells an unbound sender how to bind, and writes nothing", async () => {
    const before = await bot.database.prisma.chatIdentity.count();
    const replies = await bot.as("stranger")("我还差多少学分");
    expect(replies[0]?.text).toContain("绑定 工号");
    expect(await bot.database.prisma.chatIdentity.count()).toBe(before);
  });

  it("answers with an apology, and logs the cause, when a handler fails unexpectedly", async () => {
    const partial = mkdtempSync(path.join(os.tmpdir(), "templates-"));
    try {
      cpSync(templatesDirectory, partial, { recursive: true });
      rmSync(path.join(partial, "balance.hbs"));
      const log = capturingLogger();
      const broken = createBot({ prisma: bot.database.prisma, templates: loadTemplates(partial), now: () => bot.clock.now, logger: log.logger, secrets: testSecretBox(), coordination: createCoordination() });
      const message: ChatMessage = {
        platform: "playground", chatType: "direct", chatId: "d", senderId: "wx-lina", text: "我还差多少学分",
        mentionedBot: false, mentions: [], messageId: "broken-1", sentAt: bot.clock.now,
      };
      const replies = await broken.handle(message);
      expect(replies[0]?.text).toContain("出了点问题");
      expect(replies[0]?.text).not.toMatch(/template|Error|at /);
      expect(log.lines().find((line) => line.msg === "bot handler failed")).toMatchObject({ messageId: "broken-1" });
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });
});

describe("templates", () => {
  it("every template renders with no data and no line is longer than a phone screen shows comfortably", () => {
    const templates = loadTemplates();
    expect(templates.names().length).toBeGreaterThan(20);
    for (const name of templates.names()) {
      const text = templates.render(name, {});
      for (const line of text.split("\n")) expect(line.length, `${name}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
});
