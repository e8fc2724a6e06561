import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSecretBox } from "../../src/secret-box.js";
import { eventually } from "../support/fake-wecom.js";
import { postgresUrl } from "../support/services.js";
import { openOutboxWorld, type OutboxWorld } from "./outbox-world.js";

const WEBHOOK = "/cgi-bin/webhook/send";

describe("group robot keys sealed at rest, opened when sending", () => {
  let world: OutboxWorld;
  beforeAll(async () => {
    world = await openOutboxWorld(postgresUrl ? "postgres" : "embedded");
  });
  afterAll(async () => world?.close());

  it("sends with a key sealed under the old key after rotation (SECRETS_KEY=B,A), and with one stored in clear", async () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    const [inClear, sealedUnderA, sealedUnderB] = await world.addGroups(3);
    await world.prisma.chatGroup.update({ where: { id: sealedUnderA!.id }, data: { delivery: { robotKey: createSecretBox([keyA]).seal(sealedUnderA!.robotKey) } } });
    await world.prisma.chatGroup.update({ where: { id: sealedUnderB!.id }, data: { delivery: { robotKey: createSecretBox([keyB, keyA]).seal(sealedUnderB!.robotKey) } } });
    const stored = await world.prisma.chatGroup.findUniqueOrThrow({ where: { id: sealedUnderA!.id } });
    expect(JSON.stringify(stored.delivery)).not.toContain(sealedUnderA!.robotKey);

    const worker = world.startWorker({}, undefined, createSecretBox([keyB, keyA]));
    const notice = await world.broadcast([inClear!, sealedUnderA!, sealedUnderB!]);
    await eventually(async () => (await world.prisma.delivery.count({ where: { noticeId: notice.id, status: "sent" } })) === 3, 15_000);
    const perKey = world.deliveredPerKey();
    expect([inClear, sealedUnderA, sealedUnderB].map((group) => perKey.get(group!.robotKey))).toEqual([1, 1, 1]);
    await worker.close();
  });

  it("gives a key sealed under a key no longer in SECRETS_KEY a dead delivery naming SECRETS_KEY, without calling WeCom", async () => {
    const retired = randomBytes(32);
    const [group] = await world.addGroups(1);
    await world.prisma.chatGroup.update({ where: { id: group!.id }, data: { delivery: { robotKey: createSecretBox([retired]).seal(group!.robotKey) } } });
    const before = world.fake.to(WEBHOOK).length;
    const worker = world.startWorker({}, undefined, createSecretBox([randomBytes(32)]));
    const notice = await world.broadcast([group!]);
    const row = await eventually(async () => {
      const delivery = await world.prisma.delivery.findFirst({ where: { noticeId: notice.id } });
      return delivery?.status === "dead" && delivery;
    });
    expect(row.lastError).toContain("SECRETS_KEY");
    expect(row.attempts).toBe(1);
    expect(world.fake.to(WEBHOOK).length).toBe(before);
    // The group is not marked dead: putting the old key back into SECRETS_KEY is enough.
    const stored = await world.prisma.chatGroup.findUniqueOrThrow({ where: { id: group!.id } });
    expect(stored.delivery).not.toHaveProperty("dead");
    await worker.close();
  });
});
