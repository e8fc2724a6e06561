import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../src/channels/types.js";
import { createBot } from "../../src/bot/pipeline.js";
import { createCoordination } from "../../src/coordination/index.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { issueAdminToken } from "../../src/domain/admin-tokens.js";
import { startAdminApi } from "../support/admin-api.js";
import { adminRouter } from "../../src/http/admin/router.js";
import { fixtures } from "../support/fixtures.js";
import { capturingLogger } from "../support/logger.js";
import { postgresUrl } from "../support/services.js";
import { countRows } from "./support.js";
import { mayUse } from "../../src/bot/commands/command.js";
import { COMMANDS, commandFor } from "../../src/bot/commands/index.js";
import type { IntentKind } from "../../src/bot/intents/index.js";
import type { Role } from "../../src/generated/prisma/client.js";
import { testSecretBox } from "../support/secrets.js";

/**
 * One message per chat command. Typed against every intent kind, so a new command cannot join the
 * registry without joining this matrix.
 */
const CHAT_SAMPLES: Readonly<Record<Exclude<IntentKind, "unknown">, string>> = {
  balance: "我还差多少学分", details: "学分明细", why: "怎么算的", what_if: "如果再参加40学时集中培训呢", tasks: "我的作业",
  submit: "交作业 1 https://mp.weixin.qq.com/s/r4-matrix", projects: "最近有什么培训", enroll: "报名 P2026-02",
  bind: "绑定 工号 T0003 验证码 123456", help: "帮助", more: "更多", confirm: "确认", cancel: "取消",
  notice: "发通知 全校 周五开会", remind: "催交 1", stats: "统计 1", register_group: "登记本群", unregister_group: "取消登记本群",
  jobs: "发送情况", review: "审核 1 通过 15", policy: "学历提升能抵学分吗", assignment: "作业什么时候截止", withdraw: "撤回作业 1",
  small_talk: "谢谢", contact: "转人工", compliance: "全区还有多少人没达标", review_queue: "待审核",
};

/** The five callers: a plain teacher (S01), the school admin of the *other* school (S02), a reviewer (S01), the region admin, nobody. */
const ACTORS = { teacher: "T0002", otherSchoolAdmin: "T0006", reviewer: "T0004", regionAdmin: "A0001", unauthenticated: null } as const;
type ActorName = keyof typeof ACTORS;
const ALL: ActorName[] = ["teacher", "otherSchoolAdmin", "reviewer", "regionAdmin", "unauthenticated"];

type Targets = Record<string, string>;
type Row = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under /api/admin; {name} is replaced by a target id (all targets belong to school S01). */
  path: string;
  /** Who may do it; everyone else must get 401/403/404 with nothing written. */
  allowed: ActorName[];
  body?: (t: Targets, n: number) => unknown;
  /** Multipart/xlsx uploads: an allowed caller gets past authorization (≠ 401/403/404), not necessarily 2xx. */
  authorizationOnly?: boolean;
};

/** Every admin endpoint in src/http/admin/routes/*.ts (52 routes; the first test checks the router has no others). */
const ENDPOINTS: Row[] = [
  // teachers.ts
  { method: "GET", path: "/teachers", allowed: ["otherSchoolAdmin", "regionAdmin"] },
  { method: "POST", path: "/teachers", allowed: ["regionAdmin"], body: (t, n) => ({ employeeNumber: `R4N${n}`, name: "矩阵新人", schoolId: t.school }) },
  { method: "GET", path: "/teachers/{teacher}", allowed: ["regionAdmin"] },
  { method: "PATCH", path: "/teachers/{teacher}", allowed: ["regionAdmin"], body: () => ({ name: "李娜" }) },
  // schools.ts
  { method: "GET", path: "/schools", allowed: ["otherSchoolAdmin", "regionAdmin"] },
  { method: "POST", path: "/schools", allowed: ["regionAdmin"], body: (_t, n) => ({ code: `R4S${n}`, name: `矩阵学校${n}` }) },
  { method: "PATCH", path: "/schools/{school}", allowed: ["regionAdmin"], body: () => ({ name: "博乐一中" }) },
  // groups.ts
  { method: "GET", path: "/groups", allowed: ["otherSchoolAdmin", "regionAdmin"] },
  { method: "POST", path: "/groups", allowed: ["regionAdmin"], body: (t, n) => ({ platform: "wecom", chatId: `wrkR4New${n}`, name: "新群", schoolId: t.school }) },
  { method: "PATCH", path: "/groups/{group}", allowed: ["regionAdmin"], body: () => ({ name: "矩阵群", status: "approved" }) },
  // projects.ts
  { method: "GET", path: "/projects", allowed: ["teacher", "otherSchoolAdmin", "reviewer", "regionAdmin"] },
  { method: "GET", path: "/projects/{project}", allowed: ["teacher", "otherSchoolAdmin", "reviewer", "regionAdmin"] },
  { method: "POST", path: "/projects", allowed: ["regionAdmin"], body: (_t, n) => ({ code: `R4P${n}`, title: "矩阵培训", level: "county", mode: "centralized", category: "required", hours: 24, startsOn: "2026-12-20", endsOn: "2026-12-22", enrollmentDeadline: "2026-12-10" }) },
  { method: "PATCH", path: "/projects/{project}", allowed: ["regionAdmin"], body: () => ({ title: "矩阵培训（改）" }) },
  { method: "POST", path: "/projects/{project}/approve", allowed: ["regionAdmin"] },
  { method: "GET", path: "/projects/{project}/enrollments", allowed: ["otherSchoolAdmin", "regionAdmin"] },
  { method: "POST", path: "/projects/{project}/enrollments", allowed: ["regionAdmin"], body: (t) => ({ teacherId: t.teacher }) },
  { method: "GET", path: "/projects/{project}/assignments", allowed: ["teacher", "otherSchoolAdmin", "reviewer", "regionAdmin"] },
  { method: "POST", path: "/projects/{project}/assignments", allowed: ["regionAdmin"], body: () => ({ title: "矩阵作业", kind: "reflection", dueOn: "2026-12-30" }) },
  // ledger.ts
  { method: "GET", path: "/teachers/{teacher}/ledger", allowed: ["regionAdmin"] },
  { method: "POST", path: "/teachers/{teacher}/ledger", allowed: ["regionAdmin"], body: (_t, n) => ({ date: "2026-10-10", mode: "online", category: "elective", level: "county", hours: 6, result: "pass", approved: true, idempotencyKey: `r4-matrix-${n}` }) },
  { method: "POST", path: "/ledger/{entry}/reversal", allowed: ["regionAdmin"], body: () => ({ reason: "矩阵测试" }) },
  // assessments.ts
  { method: "GET", path: "/teachers/{teacher}/assessments", allowed: ["regionAdmin"] },
  { method: "POST", path: "/teachers/{teacher}/assessments", allowed: ["regionAdmin"], body: () => ({ kind: "teacher_semester", term: "2026-spring", date: "2026-06-30", score: 90 }) },
  // submissions.ts
  { method: "GET", path: "/assignments/{assignment}/submissions", allowed: ["otherSchoolAdmin", "reviewer", "regionAdmin"] },
  { method: "POST", path: "/submissions/{submission}/review", allowed: ["reviewer", "regionAdmin"], body: () => ({ decision: "approved", score: 15 }) },
  // tokens.ts
  { method: "POST", path: "/tokens", allowed: ["regionAdmin"], body: (t) => ({ teacherId: t.teacher, label: "矩阵" }) },
  // credits.ts
  { method: "GET", path: "/teachers/{teacher}/balance", allowed: ["regionAdmin"] },
  { method: "GET", path: "/schools/{school}/report", allowed: ["regionAdmin"] },
  { method: "POST", path: "/projects/{project}/results", allowed: ["regionAdmin"], body: (t) => ({ results: [{ teacherId: t.teacher, result: "pass" }] }) },
  { method: "POST", path: "/certifications", allowed: ["regionAdmin"], body: () => ({ year: 2025 }) },
  { method: "GET", path: "/region", allowed: ["teacher", "otherSchoolAdmin", "reviewer", "regionAdmin"] },
  { method: "PUT", path: "/region/policy", allowed: ["regionAdmin"], body: () => ({ preset: "bozhou" }) },
  // spreadsheets.ts
  { method: "POST", path: "/imports/teachers", allowed: ["otherSchoolAdmin", "regionAdmin"], body: () => "not a spreadsheet", authorizationOnly: true },
  { method: "POST", path: "/imports/results", allowed: ["regionAdmin"], body: () => "not a spreadsheet", authorizationOnly: true },
  { method: "GET", path: "/schools/{school}/report.xlsx", allowed: ["regionAdmin"] },
  // chat-accounts.ts
  { method: "POST", path: "/teachers/{teacher}/bind-code", allowed: ["regionAdmin"], body: () => ({}) },
  { method: "GET", path: "/teachers/{teacher}/chat-accounts", allowed: ["regionAdmin"] },
  // region.ts
  { method: "PATCH", path: "/region", allowed: ["regionAdmin"], body: () => ({ bindingRequiresCode: false, lateListInGroups: "names" }) },
  // schedule.ts
  { method: "GET", path: "/region/schedule", allowed: ["regionAdmin"] },
  { method: "PATCH", path: "/region/schedule", allowed: ["regionAdmin"], body: () => ({ quietHoursStart: "21:00" }) },
  // deliveries.ts
  { method: "POST", path: "/notices", allowed: ["regionAdmin"], body: (t) => ({ text: "矩阵测试通知", target: "groups", groupIds: [t.group] }) },
  { method: "GET", path: "/notices/{notice}", allowed: ["regionAdmin"] },
  { method: "GET", path: "/deliveries", allowed: ["otherSchoolAdmin", "regionAdmin"] },
  // jobs.ts
  { method: "GET", path: "/jobs", allowed: ["otherSchoolAdmin", "regionAdmin"] },
  // tokens.ts, personal-data.ts (a teacher exports their own data: covered in test/http/personal-data.test.ts)
  { method: "GET", path: "/tokens", allowed: ["teacher", "otherSchoolAdmin", "reviewer", "regionAdmin"] },
  { method: "GET", path: "/teachers/{teacher}/export", allowed: ["regionAdmin"] },
  // directory.ts, bind-codes.ts (identity from the organisation)
  { method: "POST", path: "/directory/import", allowed: ["otherSchoolAdmin", "regionAdmin"], body: () => "not a spreadsheet", authorizationOnly: true },
  { method: "POST", path: "/schools/{school}/bind-codes", allowed: ["regionAdmin"] },
  // destructive ones last
  { method: "DELETE", path: "/teachers/{teacher}/chat-accounts/{chatAccount}", allowed: ["regionAdmin"] },
  { method: "DELETE", path: "/tokens/{token}", allowed: ["regionAdmin"] },
  { method: "POST", path: "/teachers/{erasable}/erase", allowed: ["regionAdmin"] },
];

/**
 * The target's-role dimension: every endpoint that acts on a person's account or roles, tried by each caller
 * against a person of each role on school S01's staff. Roles go only downward (src/domain/authority.ts): the
 * school admin of S01 (T0001) manages people holding only roles she holds herself; only the region admin
 * grants or removes roles beyond 教师, issues tokens, or manages a reviewer or a region admin.
 */
const CALLERS = { regionAdmin: "A0001", schoolAdmin: "T0001", reviewer: "T0004", teacher: "T0002", unauthenticated: null } as const;
type CallerName = keyof typeof CALLERS;
const TARGET_ROLES = {
  teacher: ["teacher"],
  reviewer: ["teacher", "reviewer"],
  schoolAdmin: ["teacher", "school_admin"],
  regionAdmin: ["teacher", "region_admin"],
} as const satisfies Record<string, readonly Role[]>;
type TargetName = keyof typeof TARGET_ROLES;
type Person = { id: string; roles: readonly Role[]; schoolId: string; account: string; token: string };
type PersonRow = {
  label: string;
  method: Row["method"];
  /** Path under /api/admin; {person}, {account} and {token} are the target's id, chat account and admin token. */
  path: string;
  body?: (person: Person, n: number) => unknown;
  allowed: (target: TargetName) => CallerName[];
};
const manages = (target: TargetName): CallerName[] => (target === "teacher" || target === "schoolAdmin" ? ["regionAdmin", "schoolAdmin"] : ["regionAdmin"]);
const regionAdminOnly = (): CallerName[] => ["regionAdmin"];
/** Setting roles to what they are is no grant, so a school admin may "demote" a plain teacher to 教师. */
const grants = (target: TargetName): CallerName[] => (target === "teacher" ? manages(target) : regionAdminOnly());
const withRoleToggled = (roles: readonly Role[], role: Role): Role[] => (roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);

const PERSON_ENDPOINTS: PersonRow[] = [
  { label: "rename", method: "PATCH", path: "/teachers/{person}", body: () => ({ name: "矩阵改名" }), allowed: manages },
  { label: "deactivate", method: "PATCH", path: "/teachers/{person}", body: () => ({ active: false }), allowed: manages },
  { label: "demote to 教师", method: "PATCH", path: "/teachers/{person}", body: () => ({ roles: ["teacher"] }), allowed: grants },
  { label: "grant or remove reviewer", method: "PATCH", path: "/teachers/{person}", body: (p) => ({ roles: withRoleToggled(p.roles, "reviewer") }), allowed: regionAdminOnly },
  { label: "create with the role", method: "POST", path: "/teachers", body: (p, n) => ({ employeeNumber: `R4C${n}`, name: "矩阵新人", schoolId: p.schoolId, roles: p.roles }), allowed: grants },
  { label: "issue a bind code", method: "POST", path: "/teachers/{person}/bind-code", body: () => ({}), allowed: manages },
  { label: "unbind", method: "DELETE", path: "/teachers/{person}/chat-accounts/{account}", allowed: manages },
  { label: "issue a token", method: "POST", path: "/tokens", body: (p) => ({ teacherId: p.id, label: "矩阵" }), allowed: regionAdminOnly },
  { label: "revoke a token", method: "DELETE", path: "/tokens/{token}", allowed: regionAdminOnly },
  { label: "erase personal data", method: "POST", path: "/teachers/{person}/erase", allowed: regionAdminOnly },
];

/**
 * R4 — privilege escalation across roles and schools: every admin endpoint and every admin chat command,
 * tried by each kind of caller against school S01's data. Only the allowed callers succeed; every other one
 * is refused (401/403/404) and writes nothing.
 */
describe.skipIf(!postgresUrl)("R4 authorization matrix (PostgreSQL)", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  const targets: Targets = {};
  beforeAll(async () => {
    api = await startAdminApi("postgres");
    const { prisma } = api.database;
    const lina = await prisma.teacher.findUniqueOrThrow({ where: { id: api.ids.T0003 } });
    targets.teacher = lina.id;
    targets.school = lina.schoolId!;
    targets.group = (await prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wrkR4Group", name: "一中群", regionId: lina.regionId, schoolId: lina.schoolId, status: "approved" } })).id;
    // An approved project still open for enrollment (deadline 2026-12-01; the API's clock says 2026-11-23).
    const project = await fixtures(prisma).project(lina.regionId, { code: "R4-OPEN" });
    targets.project = project.id;
    const assignment = await prisma.assignment.findFirstOrThrow();
    targets.assignment = assignment.id;
    targets.submission = (await prisma.submission.create({ data: { assignmentId: assignment.id, teacherId: lina.id, link: "https://example.cn/r4" } })).id;
    targets.entry = (await prisma.ledgerEntry.findFirstOrThrow({ where: { teacherId: lina.id, reversesId: null } })).id;
    targets.chatAccount = (await prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: "wx-r4-lina", teacherId: lina.id } })).id;
    targets.token = (await issueAdminToken(prisma, { teacherId: lina.id, label: "r4", createdBy: "test" })).id;
    targets.erasable = api.ids.T0005!;
    targets.notice = (await prisma.notice.create({ data: { regionId: lina.regionId, authorId: api.ids.A0001!, text: "矩阵", target: "region" } })).id;
  });
  afterAll(async () => api?.close());

  it("the table covers every route the admin router registers, and nothing else", () => {
    const registered = adminRouter({ prisma: api.database.prisma, now: () => new Date(), secrets: testSecretBox() })
      .stack.filter((layer) => layer.methods.length > 0)
      .map((layer) => `${layer.methods.filter((m) => m !== "HEAD").join(",")} ${String(layer.path).replace("/api/admin", "").replace(/:\w+/g, ":id")}`)
      .sort();
    const tabled = ENDPOINTS.map((row) => `${row.method} ${row.path.replace(/\{\w+\}/g, ":id")}`).sort();
    expect(tabled).toEqual(registered);
  });

  let sequence = 0;
  const send = async (actor: ActorName, row: Row) => {
    const path = row.path.replace(/\{(\w+)\}/g, (_, name: string) => targets[name]!);
    return request(ACTORS[actor], row.method, path, row.body?.(targets, ++sequence));
  };
  /** One admin-API call as the demo person `who` (a 工号 with a token), or with no token when null. */
  const request = async (who: string | null, method: string, path: string, body: unknown) => {
    const response = await fetch(`${api.base}/api/admin${path}`, {
      method,
      headers: {
        ...(who ? { authorization: `Bearer ${api.tokens[who]}` } : {}),
        ...(body !== undefined ? { "content-type": typeof body === "string" ? "application/octet-stream" : "application/json" } : {}),
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as unknown) : `(${text.length} bytes)` };
  };

  it(`${ENDPOINTS.length} endpoints × ${ALL.length} callers: only the allowed succeed; the refused get 401/403/404 and write nothing`, async () => {
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const row of ENDPOINTS) {
      for (const actor of ALL.filter((a) => !row.allowed.includes(a))) {
        const before = await countRows(api.database.prisma);
        const response = await send(actor, row);
        const after = await countRows(api.database.prisma);
        const expected = actor === "unauthenticated" ? [401] : [403, 404];
        if (!expected.includes(response.status)) wrong.push(`${row.method} ${row.path} as ${actor}: ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
        if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${row.method} ${row.path} as ${actor}: wrote rows`);
        outcomes.push(`${actor}:${response.status}`);
      }
      for (const actor of row.allowed) {
        const response = await send(actor, row);
        const ok = row.authorizationOnly ? ![401, 403, 404].includes(response.status) : response.status >= 200 && response.status < 300;
        if (!ok) wrong.push(`${row.method} ${row.path} as ${actor} (allowed): ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
        outcomes.push(`${actor}:${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    console.info(`[R4] ${outcomes.length} calls over ${ENDPOINTS.length} endpoints: ${outcomes.filter((o) => /:2\d\d$/.test(o)).length} allowed, ${outcomes.filter((o) => /:40[134]$/.test(o)).length} refused`);
  }, 60_000);

  it(`${PERSON_ENDPOINTS.length} actions on a person × ${Object.keys(CALLERS).length} callers × ${Object.keys(TARGET_ROLES).length} target roles: roles go only downward; the refused get 401/403 and write nothing`, async () => {
    const { prisma } = api.database;
    const tabled = new Set(ENDPOINTS.map((row) => `${row.method} ${row.path.replace(/\{\w+\}/g, ":id")}`));
    for (const row of PERSON_ENDPOINTS) expect(tabled).toContain(`${row.method} ${row.path.replace(/\{\w+\}/g, ":id")}`);

    const regionId = (await prisma.teacher.findUniqueOrThrow({ where: { id: targets.teacher! } })).regionId;
    const people = {} as Record<TargetName, Person>;
    for (const [name, roles] of Object.entries(TARGET_ROLES) as [TargetName, readonly Role[]][]) {
      const person = await prisma.teacher.create({ data: { regionId, schoolId: targets.school!, employeeNumber: `R4-${name.toUpperCase()}`, name: "矩阵同事", roles: [...roles] } });
      const account = await prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: `wx-r4-${name}`, teacherId: person.id } });
      const token = await issueAdminToken(prisma, { teacherId: person.id, label: "r4", createdBy: "test" });
      people[name] = { id: person.id, roles, schoolId: targets.school!, account: account.id, token: token.id };
    }
    /** Everything about the person an action could change: the row, chat accounts, bind codes, tokens. */
    const stateOf = async (person: Person) =>
      JSON.stringify(
        await Promise.all([
          prisma.teacher.findUniqueOrThrow({ where: { id: person.id } }),
          prisma.chatIdentity.findMany({ where: { teacherId: person.id }, orderBy: { id: "asc" } }),
          prisma.bindCode.findMany({ where: { teacherId: person.id }, orderBy: { id: "asc" } }),
          prisma.adminToken.findMany({ where: { teacherId: person.id }, orderBy: { id: "asc" } }),
        ]),
      );
    /** Undoes an allowed action, so every case starts from the same person. */
    const restore = async (target: TargetName, person: Person) => {
      await prisma.teacher.update({ where: { id: person.id }, data: { name: "矩阵同事", active: true, roles: [...person.roles], erasedAt: null } });
      await prisma.chatIdentity.upsert({ where: { id: person.account }, update: {}, create: { id: person.account, platform: "wecom", platformUserId: `wx-r4-${target}`, teacherId: person.id } });
      await prisma.adminToken.update({ where: { id: person.token }, data: { revokedAt: null } });
    };

    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const row of PERSON_ENDPOINTS) {
      for (const target of Object.keys(TARGET_ROLES) as TargetName[]) {
        const person = people[target];
        const path = row.path.replace("{person}", person.id).replace("{account}", person.account).replace("{token}", person.token);
        for (const caller of Object.keys(CALLERS) as CallerName[]) {
          const what = `${row.label} (${row.method} ${row.path}) for a ${target} as ${caller}`;
          const rowsBefore = await countRows(prisma);
          const personBefore = await stateOf(person);
          const response = await request(CALLERS[caller], row.method, path, row.body?.(person, ++sequence));
          outcomes.push(`${caller}:${response.status}`);
          if (row.allowed(target).includes(caller)) {
            if (response.status < 200 || response.status >= 300) wrong.push(`${what} (allowed): ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
            await restore(target, person);
            continue;
          }
          const expected = caller === "unauthenticated" ? 401 : 403;
          if (response.status !== expected) wrong.push(`${what}: ${response.status}, expected ${expected} ${JSON.stringify(response.body).slice(0, 120)}`);
          if (JSON.stringify(await countRows(prisma)) !== JSON.stringify(rowsBefore) || (await stateOf(person)) !== personBefore) wrong.push(`${what}: wrote`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(outcomes.filter((o) => /:5\d\d$/.test(o))).toEqual([]);
    console.info(`[R4] target's role: ${outcomes.length} calls, ${outcomes.filter((o) => /:2\d\d$/.test(o)).length} allowed, ${outcomes.filter((o) => /:40[13]$/.test(o)).length} refused`);
  }, 60_000);

  it("a plain teacher's admin chat commands (发通知, 确认, 催交, 统计, 审核) are refused and write nothing", async () => {
    const { prisma } = api.database;
    const lina = await prisma.teacher.findUniqueOrThrow({ where: { id: api.ids.T0002 } });
    await prisma.chatIdentity.create({ data: { platform: "playground", platformUserId: "pg-r4-wangqiang", teacherId: lina.id } });
    await prisma.chatGroup.create({ data: { platform: "playground", chatId: "r4-group", name: "一中群", regionId: lina.regionId, schoolId: lina.schoolId, status: "approved" } });
    const bot = createBot({ prisma, templates: loadTemplates(), now: () => new Date("2026-11-23T02:00:00Z"), logger: capturingLogger().logger, secrets: testSecretBox(), coordination: createCoordination() });
    let n = 0;
    const say = async (text: string, group: boolean) => {
      const message: ChatMessage = {
        platform: "playground", chatType: group ? "group" : "direct", chatId: group ? "r4-group" : "direct:pg-r4-wangqiang", senderId: "pg-r4-wangqiang",
        text, mentionedBot: true, mentions: [], messageId: `r4-chat-${++n}`, sentAt: new Date("2026-11-23T02:00:00Z"),
      };
      return (await bot.handle(message)).map((reply) => reply.text).join("\n");
    };
    const commands = ["发通知 全校 明天放假", "发通知 本群 周五开会", "确认", "确认发送", "催交", "催交 培训心得", "统计", "统计 培训心得", "审核 1 通过 15", "审核 s1 退回 重写", "登记本群", "登记本群 S02", "取消登记本群"];
    const before = await countRows(prisma);
    const replies: string[] = [];
    for (const command of commands) for (const group of [false, true]) replies.push(`${command} [${group ? "group" : "direct"}] → ${await say(command, group)}`);
    const after = await countRows(prisma);
    const { BotSession: _sessionsBefore, ...rowsBefore } = before;
    const { BotSession: _sessionsAfter, ...rowsAfter } = after;
    expect(rowsAfter).toEqual(rowsBefore);
    expect(await prisma.notice.count({ where: { authorId: lina.id } })).toBe(0);
    console.info(`[R4] chat replies:\n${replies.join("\n")}`);
    for (const reply of replies.filter((r) => !r.startsWith("确认"))) expect(reply).toMatch(/权限/);
  });

  it("every command in the chat registry × 4 roles: refused exactly when the role may not use it, and a refusal writes nothing", async () => {
    const { prisma } = api.database;
    const people = { teacher: "T0002", reviewer: "T0004", schoolAdmin: "T0001", regionAdmin: "A0001" } as const;
    const roles: Record<string, Role[]> = {};
    for (const [who, employeeNumber] of Object.entries(people)) {
      const person = await prisma.teacher.findUniqueOrThrow({ where: { id: api.ids[employeeNumber]! } });
      roles[who] = person.roles;
      await prisma.chatIdentity.create({ data: { platform: "playground", platformUserId: `pg-r4m-${who}`, teacherId: person.id, source: "playground" } });
    }
    const bot = createBot({ prisma, templates: loadTemplates(), now: () => new Date("2026-11-23T02:00:00Z"), logger: capturingLogger().logger, secrets: testSecretBox(), coordination: createCoordination() });
    let n = 0;
    const say = async (who: string, text: string) =>
      (await bot.handle({
        platform: "playground", chatType: "direct", chatId: `direct:pg-r4m-${who}`, senderId: `pg-r4m-${who}`,
        text, mentionedBot: true, mentions: [], messageId: `r4-matrix-${++n}`, sentAt: new Date("2026-11-23T02:00:00Z"),
      })).map((reply) => reply.text).join("\n");
    const refusal = /^(这项操作需要.+权限。|你的账号没有教师身份)/;
    let refused = 0;
    for (const definition of Object.values(COMMANDS)) {
      const sample = CHAT_SAMPLES[definition.kind];
      expect(commandFor(definition.kind)).toBe(definition);
      for (const who of Object.keys(people)) {
        const allowed = mayUse(roles[who], definition);
        const before = allowed ? undefined : await countRows(prisma);
        const reply = await say(who, sample);
        expect(refusal.test(reply), `${who} → ${sample}: ${reply}`).toBe(!allowed);
        if (before === undefined) continue;
        refused += 1;
        const { BotSession: _sessionsBefore, ...rowsBefore } = before;
        const { BotSession: _sessionsAfter, ...rowsAfter } = await countRows(prisma);
        expect(rowsAfter, `${who} → ${sample}`).toEqual(rowsBefore);
      }
    }
    expect(refused).toBeGreaterThan(10);
  });

  it("登记本群 / 取消登记本群 in a school's approved group: only its own school admin and the region admin; refusals write nothing", async () => {
    const { prisma } = api.database;
    const group = await prisma.chatGroup.findUniqueOrThrow({ where: { platform_chatId: { platform: "playground", chatId: "r4-group" } } });
    for (const who of ["T0006", "T0004", "A0001"]) {
      await prisma.chatIdentity.create({ data: { platform: "playground", platformUserId: `pg-r4-${who}`, teacherId: api.ids[who]!, source: "playground" } });
    }
    const bot = createBot({ prisma, templates: loadTemplates(), now: () => new Date("2026-11-23T02:00:00Z"), logger: capturingLogger().logger, secrets: testSecretBox(), coordination: createCoordination() });
    let n = 0;
    const say = async (who: string, text: string) =>
      (await bot.handle({
        platform: "playground", chatType: "group", chatId: "r4-group", senderId: `pg-r4-${who}`,
        text, mentionedBot: true, mentions: [], messageId: `r4-group-${++n}`, sentAt: new Date("2026-11-23T02:00:00Z"),
      })).map((reply) => reply.text).join("\n");
    const before = await countRows(prisma);
    for (const command of ["登记本群", "登记本群 S02", "取消登记本群"]) {
      expect(await say("T0006", command)).toContain("这是其他学校的群");
      expect(await say("T0004", command)).toMatch(/权限/);
    }
    expect(await countRows(prisma)).toEqual(before);
    expect(await prisma.chatGroup.findUniqueOrThrow({ where: { id: group.id } })).toEqual(group);
    expect(await say("A0001", "取消登记本群")).toContain("本群已取消登记");
    expect(await say("A0001", "登记本群")).toContain("本群已登记");
    expect(await prisma.auditLog.count({ where: { entityId: group.id, actor: "A0001" } })).toBe(2);

    // The one rule (decisionRefusal): an approved region-wide group is not a school admin's to take over; a
    // pending one she is in, she may file under her own school.
    await prisma.chatGroup.update({ where: { id: group.id }, data: { schoolId: null } });
    expect(await say("T0006", "登记本群")).toContain("这是其他学校的群");
    await prisma.chatGroup.update({ where: { id: group.id }, data: { status: "pending", approvedBy: null, approvedAt: null } });
    expect(await say("T0006", "登记本群")).toContain("本群已登记");
    const s02 = await prisma.school.findFirstOrThrow({ where: { code: "S02" } });
    expect(await prisma.chatGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ status: "approved", schoolId: s02.id, approvedBy: "T0006" });
    await prisma.chatGroup.update({ where: { id: group.id }, data: { schoolId: group.schoolId } });
  });
});
