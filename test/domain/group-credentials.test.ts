import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/actors.js";
import { sealGroupCredentials } from "../../src/domain/group-credentials.js";
import { createSecretBox } from "../../src/secret-box.js";
import { fixtureSuite } from "../support/fixture-suite.js";
import { testSecretBox } from "../support/secrets.js";

describe("sealing group credentials stored in clear or under an older key (admin seal-secrets)", () => {
  const suite = fixtureSuite("embedded");

  it("seals every clear robot key and custom-robot secret of the region once, audited, and leaves sealed ones alone", async () => {
    const { prisma } = suite.database;
    const secrets = testSecretBox();
    const actor: Actor = { teacherId: "cli", employeeNumber: "cli", name: "命令行", regionId: suite.regionId, schoolId: null, roles: ["region_admin"], scope: { kind: "region", regionId: suite.regionId } };
    const alreadySealed = secrets.seal("sealed-key-0123456789");
    const groups = await Promise.all([
      prisma.chatGroup.create({ data: { platform: "wecom", chatId: "clear-wecom", regionId: suite.regionId, delivery: { robotKey: "clear-key-0123456789" } } }),
      prisma.chatGroup.create({ data: { platform: "dingtalk", chatId: "clear-dt", regionId: suite.regionId, delivery: { openConversationId: "cid", customRobot: { accessToken: "clear-token-0123", secret: "SECclear0123" } } } }),
      prisma.chatGroup.create({ data: { platform: "wecom", chatId: "sealed-wecom", regionId: suite.regionId, delivery: { robotKey: alreadySealed } } }),
      prisma.chatGroup.create({ data: { platform: "wecom", chatId: "no-key", regionId: suite.regionId } }),
    ]);

    expect(await sealGroupCredentials(prisma, secrets, actor)).toBe(2);
    const rows = await prisma.chatGroup.findMany({ where: { id: { in: groups.map((g) => g.id) } }, orderBy: { chatId: "asc" } });
    expect(JSON.stringify(rows)).not.toMatch(/clear-key|clear-token|SECclear/);
    const byChat = Object.fromEntries(rows.map((row) => [row.chatId, row.delivery as Record<string, any>]));
    expect(secrets.open(byChat["clear-wecom"]!.robotKey)).toBe("clear-key-0123456789");
    expect(secrets.open(byChat["clear-dt"]!.customRobot.secret)).toBe("SECclear0123");
    expect(byChat["clear-dt"]!.openConversationId).toBe("cid");
    expect(byChat["sealed-wecom"]!.robotKey).toBe(alreadySealed);
    expect(await prisma.auditLog.count({ where: { action: "seal_credentials" } })).toBe(2);

    expect(await sealGroupCredentials(prisma, secrets, actor)).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "seal_credentials" } })).toBe(2);
  });

  it("after a rotation (SECRETS_KEY=new,old) seals values under the new key, so the old key can leave the ring", async () => {
    const { prisma } = suite.database;
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const region = await suite.make.region();
    const actor: Actor = { teacherId: "cli", employeeNumber: "cli", name: "命令行", regionId: region.id, schoolId: null, roles: ["region_admin"], scope: { kind: "region", regionId: region.id } };
    const group = await prisma.chatGroup.create({
      data: { platform: "wecom", chatId: "rotated", regionId: region.id, delivery: { robotKey: createSecretBox([oldKey]).seal("rotated-key-0123456789") } },
    });
    expect(await sealGroupCredentials(prisma, createSecretBox([newKey, oldKey]), actor)).toBe(1);
    const stored = (await prisma.chatGroup.findUniqueOrThrow({ where: { id: group.id } })).delivery as { robotKey: string };
    expect(createSecretBox([newKey]).open(stored.robotKey)).toBe("rotated-key-0123456789");
    expect(await sealGroupCredentials(prisma, createSecretBox([newKey, oldKey]), actor)).toBe(0);
  });
});
