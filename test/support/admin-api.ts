import { issueAdminToken } from "../../src/domain/admin-tokens.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import type { AdminDependencies } from "../../src/http/admin/context.js";
import { adminRouter } from "../../src/http/admin/router.js";
import { buildApp } from "../../src/http/app.js";
import { openTestDatabase, type DatabaseKind, type TestDatabase } from "./database.js";
import { serveApp } from "./http.js";
import { capturingLogger } from "./logger.js";
import { testSecretBox } from "./secrets.js";

export type AdminApiResponse = { status: number; headers: Headers; body: Record<string, any> };

/**
 * The admin API over the demo region on a fresh database, with a token for each demo person who needs
 * one: A0001 (region admin), T0001 (school admin, S01), T0006 (school admin, S02), T0004 (reviewer, S01)
 * and T0002 (plain teacher, S01). `extra` adds optional dependencies, such as the coordination GET /jobs reads.
 */
export async function startAdminApi(kind: DatabaseKind, now = new Date("2026-11-23T02:00:00Z"), extra: Pick<AdminDependencies, "coordination"> = {}) {
  const database: TestDatabase = await openTestDatabase(kind);
  await loadDemoData(database.prisma, "2026-11-23");
  const ids: Record<string, string> = {};
  for (const person of await database.prisma.teacher.findMany()) ids[person.employeeNumber] = person.id;
  const tokens: Record<string, string> = {};
  for (const who of ["A0001", "T0001", "T0002", "T0004", "T0006"]) {
    tokens[who] = (await issueAdminToken(database.prisma, { teacherId: ids[who]!, label: "test", createdBy: "test" })).token;
  }
  const app = buildApp({
    logger: capturingLogger().logger,
    readinessChecks: [],
    routers: [adminRouter({ prisma: database.prisma, now: () => now, secrets: testSecretBox(), ...extra })],
  });
  const server = await serveApp(app);

  /** `who` is a demo 工号 with a token, any other string used as the token itself, or null for none. */
  const call = async (who: string | null, method: string, path: string, body?: unknown): Promise<AdminApiResponse> => {
    const response = await fetch(`${server.base}/api/admin${path}`, {
      method,
      headers: {
        ...(who ? { authorization: `Bearer ${tokens[who] ?? who}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };

  return {
    database,
    ids,
    tokens,
    call,
    base: server.base,
    async close() {
      await server.close();
      await database.dispose();
    },
  };
}
