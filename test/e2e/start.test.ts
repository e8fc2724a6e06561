import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startService } from "../support/service-process.js";
import { postgresUrl, redisUrl } from "../support/services.js";

const migrations = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("npm start, embedded mode", () => {
  let dataDir: string;
  afterAll(async () => dataDir && rm(dataDir, { recursive: true, force: true }));

  it("serves health and readiness with no PostgreSQL or Redis, loads the demo once, and stops cleanly", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "jj-embedded-"));
    const first = await startService({ DATA_DIR: dataDir });
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok" } });
    expect(first.lines.find((l) => String(l.msg).startsWith("demo data loaded"))).toMatchObject({ teachers: 11 });
    expect(await first.stop()).toBe(0);
    expect(first.lines.at(-1)?.msg).toBe("stopped cleanly");

    const second = await startService({ DATA_DIR: dataDir });
    expect(second.lines.find((l) => l.msg === "database migrated")).toMatchObject({ applied: [], alreadyApplied: migrations.length });
    expect(second.lines.some((l) => String(l.msg).startsWith("demo data loaded"))).toBe(false);
    expect(await second.stop()).toBe(0);
  }, 90_000);

  it("refuses to start on a bad setting, naming the variable", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", PORT: "eighty", REDIS_URL: "http://nope" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(78);
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("REDIS_URL");
  }, 30_000);
});

describe.skipIf(!postgresUrl || !redisUrl)("npm start, scaled mode", () => {
  const schema = `e2e_${randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  afterAll(async () => admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

  it("migrates PostgreSQL, reports database and Redis ready, and loads no demo data unasked", async () => {
    await admin(`CREATE SCHEMA "${schema}"`);
    const url = new URL(postgresUrl!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const service = await startService({ DATABASE_URL: url.toString(), REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `${schema}:` });
    const ready = await fetch(`${service.url}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
    expect(service.lines.find((l) => l.msg === "database migrated")).toMatchObject({ applied: migrations });
    expect(service.lines.some((l) => String(l.msg).startsWith("demo data loaded"))).toBe(false);
    expect(await service.stop()).toBe(0);
  }, 90_000);
});
