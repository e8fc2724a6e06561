import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/pipeline.js";
import { createCoordination } from "../../src/coordination/index.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { startAdminApi } from "../support/admin-api.js";
import { capturingLogger } from "../support/logger.js";
import { testSecretBox } from "../support/secrets.js";
import { postgresUrl } from "../support/services.js";
import { countRows } from "./support.js";

/** Values a hostile caller might put where a group's status, a late-list style or a school code goes. */
const hostileValue = fc.oneof(
  fc.constantFrom("APPROVED", "approved\u0000", " approved", "pending;DROP TABLE \"ChatGroup\"", "counts\n", "名字", "", "\u202eapproved", "x".repeat(10_000)),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/**
 * R2 — hostile input for group approval and the late-list setting: the region admin's own token with
 * malformed values for `status` and `lateListInGroups`, and 登记本群 followed by junk in a pending group. Every
 * one is refused with the field named (API) or a polite reply (chat); nothing is written, nothing is 5xx.
 */
describe.skipIf(!postgresUrl)("R2 hostile input: group approval and late-list style (PostgreSQL)", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let groupId: string;
  beforeAll(async () => {
    api = await startAdminApi("postgres");
    const s01 = await api.database.prisma.school.findFirstOrThrow({ where: { code: "S01" } });
    groupId = (await api.database.prisma.chatGroup.create({ data: { platform: "playground", chatId: "r2-pending", regionId: s01.regionId, schoolId: s01.id } })).id;
  });
  afterAll(async () => api?.close());

  it("PATCH /groups/:id {status} and PATCH /region {lateListInGroups} with hostile values → 400 naming the field, nothing written", async () => {
    const before = await countRows(api.database.prisma);
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostileValue, async (value) => {
        const group = await api.call("A0001", "PATCH", `/groups/${groupId}`, { status: value });
        const region = await api.call("A0001", "PATCH", "/region", { lateListInGroups: value });
        if (group.status !== 400 || group.body.field !== "status") wrong.push(`group ${JSON.stringify(value).slice(0, 40)} → ${group.status}`);
        if (region.status !== 400 || region.body.field !== "lateListInGroups") wrong.push(`region ${JSON.stringify(value).slice(0, 40)} → ${region.status}`);
      }),
      { numRuns: 150, seed: 20261123 },
    );
    expect(wrong).toEqual([]);
    expect(await countRows(api.database.prisma)).toEqual(before);
    expect(await api.database.prisma.chatGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({ status: "pending", approvedBy: null });
  });

  it("登记本群 with a junk school code from the region admin is answered politely and approves nothing", async () => {
    const { prisma } = api.database;
    await prisma.chatIdentity.create({ data: { platform: "playground", platformUserId: "r2-region-admin", teacherId: api.ids.A0001!, source: "playground" } });
    const bot = createBot({ prisma, templates: loadTemplates(), now: () => new Date("2026-11-23T02:00:00Z"), logger: capturingLogger().logger, secrets: testSecretBox(), coordination: createCoordination() });
    const before = await countRows(prisma);
    let n = 0;
    // Junk that is only separators, or a real school code, would be a real 登记本群: left out.
    const junkCodes = fc
      .oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom("S01\u0000", "' OR 1=1 --", "S0%", "_01", "x".repeat(5_000)))
      .filter((text) => !/^[\s:：,，、]*(?:s0[12])?[\s:：,，、。.!?？！~…;]*$/iu.test(text));
    await fc.assert(
      fc.asyncProperty(junkCodes, async (junk) => {
        const replies = await bot.handle({
          platform: "playground", chatType: "group", chatId: "r2-pending", senderId: "r2-region-admin", text: `登记本群 ${junk}`,
          mentionedBot: true, mentions: [], messageId: `r2-register-${++n}`, sentAt: new Date("2026-11-23T02:00:00Z"),
        });
        expect(replies).toHaveLength(1);
        expect(replies[0]!.text).not.toMatch(/Error|prisma|at |出了点问题/);
      }),
      { numRuns: 150, seed: 20261123 },
    );
    const after = await countRows(prisma);
    expect(after).toEqual(before);
    expect(await prisma.chatGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({ status: "pending", approvedBy: null });
  });
});
