import { openDatabase } from "../../src/db/database.js";
import { issueBindCode } from "../../src/domain/binding.js";
import { todayIn } from "../../src/domain/calendar.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { testSecretBox } from "./secrets.js";

/**
 * A fresh one-time code for the person with this 工号, as an administrator would hand it out, so a test can
 * bind a chat account the way a teacher does: `绑定 工号 T0003 验证码 <code>`. `now` is the bot's clock.
 */
export async function bindCodeFor(prisma: PrismaClient, employeeNumber: string, now: Date): Promise<string> {
  const teacher = await prisma.teacher.findFirstOrThrow({ where: { employeeNumber } });
  return (await issueBindCode(prisma, testSecretBox(), { teacherId: teacher.id, issuedBy: "test", now })).code;
}

/** The chat message that binds the person with this 工号, with a fresh code. */
export async function bindMessageFor(prisma: PrismaClient, employeeNumber: string, now: Date): Promise<string> {
  return `绑定 工号 ${employeeNumber} 验证码 ${await bindCodeFor(prisma, employeeNumber, now)}`;
}

/**
 * For tests that start the real service on an embedded database: creates the database in `dataDir` with
 * the demo region (as the service would on first start) and one fresh code per 工号, then closes it so the
 * service can open it. The service must run with SECRETS_KEY = TEST_SECRETS_KEY.
 */
export async function demoDataDirWithCodes(dataDir: string, employeeNumbers: readonly string[]): Promise<Record<string, string>> {
  const database = await openDatabase({ kind: "embedded", dataDir });
  try {
    await database.migrate();
    await loadDemoData(database.prisma, todayIn("Asia/Shanghai", new Date()));
    const codes: Record<string, string> = {};
    for (const employeeNumber of employeeNumbers) codes[employeeNumber] = await bindCodeFor(database.prisma, employeeNumber, new Date());
    return codes;
  } finally {
    await database.close();
  }
}
