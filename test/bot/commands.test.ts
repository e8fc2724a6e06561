import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayUse } from "../../src/bot/commands/command.js";
import { COMMANDS, commandFor, commandsFor, parseIntent } from "../../src/bot/commands/index.js";
import type { Role } from "../../src/generated/prisma/client.js";
import { startBot } from "../support/bot.js";

/** Things people say in groups that ask the bot nothing. */
const NOT_COMMANDS = ["👍", "今天下午开会", "谁有上次培训的课件", "作业本放在办公室了", "学分制改革的文件发群里了", "周末愉快！"];

/** Every line "· …" of a reply: the commands it offers. */
const offered = (text: string) => text.split("\n").flatMap((line) => (line.startsWith("· ") ? [line.slice(2)] : []));

/** Whether a person with these roles may use what an offered line would be understood as. */
function usableBy(roles: readonly Role[], line: string): boolean {
  // A help line reads "topic：usage / usage"; each usage must be usable.
  const usages = (line.includes("：") ? line.slice(line.indexOf("：") + 1) : line).split(" / ");
  return usages.every((usage) => {
    const definition = commandFor(parseIntent(usage.replace(/（.*）$/u, "").replace("本群/全校/全区", "全校").replace("本群/全校", "全校")).kind);
    return definition !== undefined && mayUse(roles, definition);
  });
}

describe("the command registry", () => {
  it("gives every command its users, and an example to everything the fallback may offer", () => {
    for (const definition of Object.values(COMMANDS)) {
      expect(definition.users === "everyone" || definition.users.length > 0, definition.kind).toBe(true);
      if (definition.help) expect(definition.examples.length, definition.kind).toBeGreaterThan(0);
    }
  });

  it("parses each command's own examples back to that command", () => {
    for (const definition of Object.values(COMMANDS)) {
      for (const example of definition.examples.filter((text) => !text.includes("…"))) {
        expect(parseIntent(example).kind, example).toBe(definition.kind);
      }
    }
  });

  it("offers an unbound sender only what works before binding", () => {
    expect(commandsFor(undefined).map((definition) => definition.kind).sort()).toEqual(["bind", "contact", "help", "small_talk"]);
  });
});

describe("what each role is offered (demo region, PostgreSQL)", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const people: Record<string, { employeeNumber: string; roles: Role[] }> = {
    teacher: { employeeNumber: "T0002", roles: ["teacher"] },
    reviewer: { employeeNumber: "T0004", roles: ["teacher", "reviewer"] },
    schoolAdmin: { employeeNumber: "T0001", roles: ["teacher", "school_admin"] },
    regionAdmin: { employeeNumber: "A0001", roles: ["region_admin"] },
  };
  const ask = async (who: string, text: string) => {
    const replies = await bot.as(`u-${who}`)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!.text;
  };

  beforeAll(async () => {
    bot = await startBot("embedded");
    for (const [who, person] of Object.entries(people)) expect((await bot.bind(`u-${who}`, person.employeeNumber))[0]?.text).toContain("绑定好了");
  });
  afterAll(() => bot.dispose());

  it.each(Object.keys(people))("help lists to the %s exactly the commands their roles allow", async (who) => {
    const { roles } = people[who]!;
    const text = await ask(who, "帮助");
    for (const line of offered(text)) expect(usableBy(roles, line), `${who}: ${line}`).toBe(true);
    expect(text.includes("发通知")).toBe(roles.includes("school_admin") || roles.includes("region_admin"));
    expect(text.includes("全区")).toBe(roles.includes("region_admin"));
    expect(text.includes("审核 15 通过")).toBe(roles.includes("reviewer") || roles.includes("region_admin"));
    expect(text.includes("查学分")).toBe(roles.includes("teacher"));
    expect(text.includes("管理员：")).toBe(roles.includes("school_admin") || roles.includes("region_admin"));
  });

  it.each(Object.keys(people))("the fallback offers the %s only commands their roles allow", async (who) => {
    for (const text of NOT_COMMANDS) {
      const reply = await ask(who, text);
      expect(reply).toMatch(/^抱歉，没太明白/);
      expect(offered(reply).length, text).toBeGreaterThan(0);
      for (const line of offered(reply)) expect(usableBy(people[who]!.roles, line), `${who} / ${text}: ${line}`).toBe(true);
    }
  });

  it("asks one short question when two readings are equally likely, but only between commands the sender may use", async () => {
    expect(await ask("teacher", "学分作业")).toBe("你是想问「我还差多少学分」还是「我的作业」？照着发一句就行。");
    expect(await ask("schoolAdmin", "通知统计")).toMatch(/^你是想问「(统计 1|发通知 全校 …)」还是「(统计 1|发通知 全校 …)」？/);
    const teacher = await ask("teacher", "通知统计");
    expect(teacher).toMatch(/^抱歉，没太明白/);
    for (const line of offered(teacher)) expect(usableBy(["teacher"], line), line).toBe(true);
  });

  it("shows the apology emoji once in a conversation, not on every miss", async () => {
    expect((await bot.bind("u-emoji", "T0007"))[0]?.text).toContain("绑定好了");
    const first = await bot.as("u-emoji")("今天下午开会");
    const again = await bot.as("u-emoji")("周末愉快！");
    expect(first[0]!.text).toContain("😅");
    expect(again[0]!.text).not.toContain("😅");
    expect(again[0]!.text).toMatch(/^抱歉，没太明白/);
  });

  it("refuses a command by naming the roles it needs, and offers what the sender can do instead", async () => {
    const reply = await ask("teacher", "催交 1");
    expect(reply.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
    expect(offered(reply).length).toBeGreaterThan(0);
    for (const line of offered(reply)) expect(usableBy(["teacher"], line), line).toBe(true);
  });

  it("tells a region admin who does not teach that no credits are kept for her, instead of a shortfall", async () => {
    for (const question of ["我还差多少学分", "学分明细", "我的作业"]) {
      const reply = await ask("regionAdmin", question);
      expect(reply.split("\n")[0], question).toBe("你的账号没有教师身份，这里不计你的学分和作业。");
      expect(reply).not.toMatch(/还差|学分：|\d+ ?学分/);
      for (const line of offered(reply)) expect(usableBy(["region_admin"], line), line).toBe(true);
    }
  });

  it("decides again on 确认 whether the sender may still use the command whose preview waits", async () => {
    const prisma = bot.database.prisma;
    expect((await bot.bind("u-lina", "T0003"))[0]?.text).toContain("绑定好了");
    const lina = bot.as("u-lina");
    expect((await lina("交作业 1 https://mp.weixin.qq.com/s/roles-change"))[0]!.text).toContain("已收到");
    expect((await lina("撤回 1"))[0]!.text).toContain("确认");
    const person = await prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
    await prisma.teacher.update({ where: { id: person.id }, data: { roles: { set: ["reviewer"] } } });
    try {
      expect((await lina("确认"))[0]!.text.split("\n")[0]).toBe("你的账号没有教师身份，这里不计你的学分和作业。");
      expect(await prisma.submission.count({ where: { teacherId: person.id, link: "https://mp.weixin.qq.com/s/roles-change" } })).toBe(1);
    } finally {
      await prisma.teacher.update({ where: { id: person.id }, data: { roles: { set: person.roles } } });
    }
  });

  it("offers a sender who is not bound yet binding with their own 工号, never someone else's", async () => {
    const reply = await bot.as("u-stranger")("帮助");
    expect(reply[0]!.text).toContain("绑定 工号 你的工号");
    expect(reply[0]!.text).not.toMatch(/[AT]\d{4}/);
  });
});
