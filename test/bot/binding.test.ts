import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCoordination } from "../../src/coordination/index.js";
import { createSecretBox } from "../../src/secret-box.js";
import { BIND_LIMIT_PER_PERSON, BIND_LIMIT_PER_SENDER, bindChatAccount, issueBindCode } from "../../src/domain/binding.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";
import { capturingLogger } from "../support/logger.js";
import { TEST_SECRETS_KEY, testSecretBox } from "../support/secrets.js";

/**
 * Issue 12, findings 1 and 2: a typed 工号 makes nobody anybody. Binding takes a one-time code (always for
 * admins and reviewers), codes are keyed hashes that live 24 h and die after five wrong guesses, attempts
 * are rate-limited and audited, and no reply tells whether a 工号 exists or is bound.
 */
describe.each(databaseKinds)("binding a chat account on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  let senders = 0;
  /** A sender never seen before, so the per-sender limit does not get in the way unless a test wants it. */
  const stranger = () => `stranger-${++senders}`;
  const say = async (senderId: string, text: string) => {
    const replies = await bot.as(senderId)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!.text;
  };
  const prisma = () => bot.database.prisma;
  const teacher = (employeeNumber: string) => prisma().teacher.findFirstOrThrow({ where: { employeeNumber } });
  const codeFor = async (employeeNumber: string, now = bot.clock.now) =>
    (await issueBindCode(prisma(), testSecretBox(), { teacherId: (await teacher(employeeNumber)).id, issuedBy: "T0001", now })).code;
  const identitiesOf = async (employeeNumber: string) => prisma().chatIdentity.count({ where: { teacher: { employeeNumber } } });
  const failures = (reason: string) => prisma().auditLog.count({ where: { action: "bind_failed", detail: { path: ["reason"], equals: reason } } });
  /** A second region, with a group of its own, for what a group's region or a 工号 in two regions changes. */
  const otherRegion = async () => {
    const demo = await prisma().region.findFirstOrThrow({ where: { code: { not: "other-region" } } });
    const region = await prisma().region.upsert({ where: { code: "other-region" }, create: { code: "other-region", name: "另一个区", policy: demo.policy }, update: {} });
    await prisma().chatGroup.upsert({
      where: { platform_chatId: { platform: "playground", chatId: "g-other-region" } },
      create: { platform: "playground", chatId: "g-other-region", regionId: region.id },
      update: {},
    });
    return region;
  };

  beforeAll(async () => {
    bot = await startBot(kind);
  });
  beforeEach(async () => {
    // The region asks for codes, as it does by default, unless a test says otherwise.
    await prisma().region.updateMany({ data: { bindingRequiresCode: true } });
  });
  afterAll(async () => bot?.dispose());

  it("makes nobody the region admin, a reviewer or a school admin by typing their 工号, even where teachers need no code", async () => {
    await prisma().region.updateMany({ data: { bindingRequiresCode: false } });
    for (const employeeNumber of ["A0001", "T0004", "T0001"]) {
      expect(await say(stranger(), `绑定 ${employeeNumber}`)).toContain("需要验证码");
      expect(await identitiesOf(employeeNumber)).toBe(0);
    }
    // A plain teacher in such a region still binds on the 工号 alone: the region chose that.
    expect(await say(stranger(), "绑定 T0007")).toContain("绑定好了，赵敏老师");
    // Its identity's source is bind_code like any chat binding; the audit row says no code was needed.
    const [bound] = await prisma().chatIdentity.findMany({ where: { teacher: { employeeNumber: "T0007" } } });
    expect(await prisma().auditLog.findFirst({ where: { action: "bind", entityId: bound!.id } })).toMatchObject({ detail: { how: "bind_code_not_required" } });
    // With her code the region admin binds.
    expect(await say("u-ma", `绑定 A0001 验证码 ${await codeFor("A0001")}`)).toContain("绑定好了，马红老师");
    expect(await say("u-ma", "我还差多少学分")).not.toContain("我还不认识你");
  });

  it("binds nobody on 绑定 T0002 without a code in a region with default settings", async () => {
    const region = await prisma().region.findFirstOrThrow();
    expect(region.bindingRequiresCode).toBe(true);
    expect(await say(stranger(), "绑定 T0002")).toBe(await say(stranger(), "绑定 T9999"));
    expect(await identitiesOf("T0002")).toBe(0);
    expect(await failures("code_needed")).toBeGreaterThanOrEqual(1);
  });

  it("answers an unknown, a bound, an inactive and a wrong-coded 工号 with the very same words", async () => {
    expect(await say("u-lina", `绑定 T0003 验证码 ${await codeFor("T0003")}`)).toContain("绑定好了");
    await prisma().teacher.update({ where: { id: (await teacher("T0010")).id }, data: { active: false } });
    const code = await codeFor("T0005");
    const wrong = code === "111111" ? "222222" : "111111";
    const withCode = await Promise.all(["T9999", "T0003", "T0010", "T0005"].map(async (employeeNumber) => say(stranger(), `绑定 ${employeeNumber} 验证码 ${wrong}`)));
    expect(new Set(withCode).size).toBe(1);
    expect(withCode[0]).toBe("绑定没有成功：工号或验证码不对，或验证码已过期。\n请向学校管理员索取新的验证码。");
    const withoutCode = await Promise.all(["T9999", "T0003", "T0010", "T0005"].map(async (employeeNumber) => say(stranger(), `绑定 ${employeeNumber}`)));
    expect(new Set(withoutCode).size).toBe(1);
    for (const reason of ["unknown_employee_number", "teacher_bound_elsewhere", "inactive", "wrong_code"]) expect(await failures(reason)).toBeGreaterThanOrEqual(1);
    // Nothing in the audit log is the code itself.
    const audits = await prisma().auditLog.findMany({ where: { action: "bind_failed" } });
    expect(JSON.stringify(audits)).not.toContain(wrong);
    for (const row of audits) expect(row.actor).toMatch(/^playground:[a-z]+-\d+$/);
  });

  it("voids a code after five wrong guesses, audits every one, and the right code then fails too", async () => {
    const code = await codeFor("T0008");
    const wrongCodes = ["000001", "000002", "000003", "000004", "000005", "000006", "000007"].filter((guess) => guess !== code).slice(0, 6);
    const before = await failures("wrong_code");
    // From six different accounts, as a patient attacker would, so only the code's own lockout stops them.
    for (const guess of wrongCodes) expect(await say(stranger(), `绑定 T0008 验证码 ${guess}`)).toContain("绑定没有成功");
    const [stored] = await prisma().bindCode.findMany({ where: { teacher: { employeeNumber: "T0008" } } });
    expect(stored).toMatchObject({ failures: 5, voidedAt: bot.clock.now, usedAt: null });
    expect(await failures("wrong_code")).toBe(before + 6);
    expect(await say("u-huang", `绑定 T0008 验证码 ${code}`)).toContain("绑定没有成功");
    expect(await identitiesOf("T0008")).toBe(0);
    // A new code from the administrator works.
    expect(await say("u-huang", `绑定 T0008 验证码 ${await codeFor("T0008")}`)).toContain("绑定好了，黄磊老师");
  });

  it("stops a sender after a handful of attempts, and a 工号 after a few more from anyone, audited", async () => {
    const sender = stranger();
    for (let attempt = 0; attempt < BIND_LIMIT_PER_SENDER.count; attempt++) expect(await say(sender, `绑定 T9${attempt}00 验证码 123456`)).toContain("绑定没有成功");
    expect(await say(sender, "绑定 T0009 验证码 123456")).toMatch(/^绑定尝试太频繁了，请 10 分钟后再试。/);
    expect(await failures("rate_limited_sender")).toBe(1);

    for (let attempt = 0; attempt < BIND_LIMIT_PER_PERSON.count; attempt++) await say(stranger(), "绑定 T0009 验证码 123456");
    const code = await codeFor("T0009");
    // Even the right code waits: the limit is on the 工号, whoever is typing.
    expect(await say("u-zhou", `绑定 T0009 验证码 ${code}`)).toContain("绑定尝试太频繁了");
    expect(await failures("rate_limited_person")).toBe(1);
    expect(await identitiesOf("T0009")).toBe(0);
  });

  it("keeps only a keyed hash of the code, and a code lives 24 hours, not 7 days", async () => {
    const zhao = await teacher("T0006");
    const issued = await issueBindCode(prisma(), testSecretBox(), { teacherId: zhao.id, issuedBy: "A0001", now: bot.clock.now });
    const [stored] = await prisma().bindCode.findMany({ where: { teacherId: zhao.id } });
    expect(stored!.codeHash).not.toBe(createHash("sha256").update(`${zhao.id}:${issued.code}`).digest("hex"));
    expect(stored!.codeHash).toBe(testSecretBox().digest("bind-code", `${zhao.id}:${issued.code}`));
    expect(issued.expiresAt.getTime() - bot.clock.now.getTime()).toBe(24 * 3600_000);

    const realNow = bot.clock.now;
    try {
      bot.clock.now = new Date(realNow.getTime() + 25 * 3600_000);
      expect(await say("u-yang", `绑定 T0006 验证码 ${issued.code}`)).toContain("绑定没有成功");
      const fresh = await codeFor("T0006", bot.clock.now);
      bot.clock.now = new Date(bot.clock.now.getTime() + 23 * 3600_000);
      expect(await say("u-yang", `绑定 T0006 验证码 ${fresh}`)).toContain("绑定好了，杨帆老师");
    } finally {
      bot.clock.now = realNow;
    }
  });

  it("voids the earlier code when a new one is issued, and a code works only once", async () => {
    const first = await codeFor("T0002");
    const second = await codeFor("T0002");
    if (first !== second) expect(await say("u-wang", `绑定 T0002 验证码 ${first}`)).toContain("绑定没有成功");
    expect(await say("u-wang", `绑定 T0002 验证码 ${second}`)).toContain("绑定好了，王强老师");
    expect(await say(stranger(), `绑定 T0002 验证码 ${second}`)).toContain("绑定没有成功");
    expect(await prisma().chatIdentity.findMany({ where: { teacher: { employeeNumber: "T0002" } } })).toMatchObject([{ platformUserId: "u-wang", source: "bind_code" }]);
  });

  it("accepts a code issued before SECRETS_KEY was rotated", async () => {
    const code = await codeFor("T0010");
    await prisma().teacher.update({ where: { id: (await teacher("T0010")).id }, data: { active: true } });
    const rotated = createSecretBox([Buffer.alloc(32, 9), Buffer.from(TEST_SECRETS_KEY, "base64")]);
    const deps = { prisma: prisma(), secrets: rotated, rateLimiter: createCoordination().rateLimiter, logger: capturingLogger().logger };
    const request = { platform: "dingtalk" as const, platformUserId: "dt-wujun", employeeNumber: "T0010", code, now: bot.clock.now };
    expect(await bindChatAccount(deps, request)).toMatchObject({ kind: "bound", teacher: { name: "吴军" } });
  });

  it("still binds when the rate limiter cannot answer (Redis may forget), leaning on the code's own lockout", async () => {
    const log = capturingLogger();
    const unavailable = { take: async () => Promise.reject(new Error("redis down")) };
    const deps = { prisma: prisma(), secrets: testSecretBox(), rateLimiter: unavailable, logger: log.logger };
    const request = { platform: "wecom" as const, platformUserId: "wx-chen", employeeNumber: "T0005", now: bot.clock.now };
    expect(await bindChatAccount(deps, { ...request, code: await codeFor("T0005") })).toMatchObject({ kind: "bound", teacher: { name: "陈静" } });
    expect(log.lines().some((line) => line.msg === "bind rate limit unavailable; relying on code lockout")).toBe(true);
  });

  it("voids a real code typed in a group where it did not bind, answering exactly as for a wrong code", async () => {
    await otherRegion();
    const code = await codeFor("T0001");
    const wrong = code === "111111" ? "222222" : "111111";
    // The group belongs to another region, so 工号 T0001 is nobody there: the code is not used, but everyone saw it.
    const inGroup = async (text: string) => (await bot.as(stranger(), { group: "g-other-region" })(text)).map((reply) => reply.text);
    const withRealCode = await inGroup(`绑定 T0001 验证码 ${code}`);
    const withWrongCode = await inGroup(`绑定 T0001 验证码 ${wrong}`);
    expect(withRealCode).toEqual(withWrongCode);
    expect(withRealCode).toEqual(["绑定没有成功：工号或验证码不对，或验证码已过期。\n请向学校管理员索取新的验证码。\n验证码发在群里大家都看得到，它已作废；以后请私聊我发送。"]);
    expect(await prisma().bindCode.findMany({ where: { teacher: { employeeNumber: "T0001" }, voidedAt: null, usedAt: null } })).toEqual([]);
    expect(await prisma().auditLog.count({ where: { action: "bind_code_voided", entityId: (await teacher("T0001")).id } })).toBe(1);
    // A member who read it cannot use it in a direct chat.
    expect(await say(stranger(), `绑定 T0001 验证码 ${code}`)).toContain("绑定没有成功");
    expect(await identitiesOf("T0001")).toBe(0);
  });

  it("voids a code typed in a group by a sender already bound to someone else, and binding in a group still works", async () => {
    expect(await say("u-qian", `绑定 T0010 验证码 ${await codeFor("T0010")}`)).toContain("绑定好了");
    const code = await codeFor("T0001");
    const replies = await bot.as("u-qian", { group: "g-staffroom" })(`绑定 T0001 验证码 ${code}`);
    expect(replies.map((reply) => reply.text)).toEqual(["你的账号已绑定 吴军（工号 T0010）；如需更换，请联系学校管理员解绑。\n验证码发在群里大家都看得到，它已作废；以后请私聊我发送。"]);
    expect(await say(stranger(), `绑定 T0001 验证码 ${code}`)).toContain("绑定没有成功");
    expect(await identitiesOf("T0001")).toBe(0);
    // A fresh code typed in a group by the person themself binds, with a word about keeping codes private.
    const bound = await bot.as("u-zhang", { group: "g-staffroom" })(`绑定 T0001 验证码 ${await codeFor("T0001")}`);
    expect(bound.map((reply) => reply.text)).toEqual([expect.stringMatching(/^绑定好了，.+老师（工号 T0001）！[^]*\n下次验证码请私聊我发送，别发在群里。$/)]);
    expect(await identitiesOf("T0001")).toBe(1);
  });

  it("counts a wrong code for a 工号 in two regions against both people, so five guesses void both codes", async () => {
    const region = await otherRegion();
    const here = await teacher("T0004");
    const there = await prisma().teacher.create({ data: { regionId: region.id, employeeNumber: "T0004", name: "孙悦" } });
    const issue = async (teacherId: string) => (await issueBindCode(prisma(), testSecretBox(), { teacherId, issuedBy: "A0001", now: bot.clock.now })).code;
    const codes = [await issue(here.id), await issue(there.id)];
    const wrongCodes = ["000001", "000002", "000003", "000004", "000005", "000006", "000007"].filter((guess) => !codes.includes(guess)).slice(0, 5);
    // A direct chat names no region; each guess from a new account, so only the codes' own lockout can stop them.
    for (const guess of wrongCodes) expect(await say(stranger(), `绑定 T0004 验证码 ${guess}`)).toContain("绑定没有成功");
    for (const teacherId of [here.id, there.id]) {
      expect(await prisma().bindCode.findMany({ where: { teacherId } })).toMatchObject([{ failures: 5, voidedAt: bot.clock.now, usedAt: null }]);
      const audited = await prisma().auditLog.findMany({ where: { action: "bind_failed", entityId: teacherId, detail: { path: ["reason"], equals: "wrong_code" } } });
      expect(audited.map((row) => row.detail)).toEqual(Array(5).fill({ reason: "wrong_code", employeeNumber: "T0004", platform: "playground" }));
    }
    for (const code of codes) expect(await say(stranger(), `绑定 T0004 验证码 ${code}`)).toContain("绑定没有成功");
    expect(await identitiesOf("T0004")).toBe(0);
  });
});
