import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";

// Runs the playground as `npm run chat` does, scripted through standard input, on an embedded database of
// its own: the demo data is loaded on the first run and the playground account bound automatically.
const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "src/cli/chat.ts");

type Run = { code: number | null; stdout: string; stderr: string };

function chat(dataDir: string, args: string[], input: string): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run chat, scripted", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "jj-playground-"));
  });
  afterAll(async () => dataDir && rm(dataDir, { recursive: true, force: true }));

  it("answers each line as the chosen demo teacher, bound automatically", async () => {
    const run = await chat(dataDir, ["--as", "T0003"], "我还差多少学分\n我的作业\n交作业 1 ftp://example.com/a.doc\n");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const answers = run.stdout.trim().split("\n\n");
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatch(/^🤖 李娜老师，本周期（\d{4}—\d{4}）还没达标，\d{4}年12月31日截止，还剩 \d+ 天。\n {3}已获得 61\.5 \/ 90 学分，还差 28\.5 学分。/);
    expect(answers[1]).toMatch(/^🤖 你还有 1 项作业要完成：\n {3}1\. 集中培训心得体会（P\d{4}-01）/);
    expect(answers[2]).toBe("🤖 只能提交 http:// 或 https:// 开头的网页链接。");
    // The local operator's word, recorded as such: never mistaken for a platform's or a code's.
    const database = await openDatabase({ kind: "embedded", dataDir });
    try {
      expect(await database.prisma.chatIdentity.findMany({ select: { platform: true, platformUserId: true, source: true } })).toEqual([
        { platform: "playground", platformUserId: "playground:T0003", source: "playground" },
      ]);
    } finally {
      await database.close();
    }
  }, 60_000);

  it("speaks in a group: quiet for lines to colleagues, @-mentions by name, and stops at 退出", async () => {
    const run = await chat(dataDir, ["--as", "T0001", "--group"], "//大家好\n我还差多少学分\n催交 1\n登记本群\n催交 1\n确认\n退出\n我还差多少学分\n");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const answers = run.stdout.trim().split("\n\n");
    expect(answers).toHaveLength(5);
    // A personal question gets no numbers in a group, and the playground has no direct messages to send them by.
    expect(answers[0]).toBe("🤖 张丽老师，学分情况是个人信息，我不在群里说。请私聊我再问一次 🙂");
    // A group the bot has just met hears no late-list (no names, no @-mentions) until an admin registers it.
    expect(answers[1]).toMatch(/^🤖 这个群还没登记，我暂不在这里发催交提醒。/);
    expect(answers[1]).not.toMatch(/老师没交|@张丽|@李娜|王强/);
    expect(answers[2]).toMatch(/^🤖 ✅ 本群已登记为「博乐市第一中学」的群。/);
    // 催交 shows who it will @ and waits for 确认.
    expect(answers[3]).toMatch(/^🤖 📢 将在本群催交「集中培训心得体会」/);
    expect(answers[3]).not.toContain("@张丽 @李娜");
    expect(answers[4]).toMatch(/^🤖 📢 提醒：「集中培训心得体会」/);
    expect(answers[4]).toContain("还有 5 位老师没交");
    expect(answers[4]).toContain("王强、刘洋、陈静老师还没绑定账号");
    expect(answers[4]!.split("\n").at(-1)).toBe("   @张丽 @李娜");
  }, 60_000);

  it("reads --as by the one 工号 rule (case, spaces, full width) and refuses what cannot be a 工号; control characters never reach the bot", async () => {
    const typed = await chat(dataDir, ["--as", "ｔ 0003"], "我还差多\u0007少学\u202e分\n");
    expect(typed.stderr).toBe("");
    expect(typed.stdout).toContain("李娜老师，本周期");
    const refused = await chat(dataDir, ["--as", "张三"], "");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--as：工号「张三」只能由字母、数字、-、_ 组成");
  }, 60_000);

  it("says who can be chosen when the 工号 is unknown, and how to call it when --as is missing", async () => {
    const unknown = await chat(dataDir, ["--as", "T9999"], "");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("找不到工号 T9999。可以试试：A0001 马红、T0001 张丽");
    const usage = await chat(dataDir, [], "");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("缺少 --as <工号>");
  }, 60_000);
});
