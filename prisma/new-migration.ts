import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the committed
 * migrations and schema.prisma. Uses the Prisma CLI's Wasm engine against throwaway in-memory PGlite
 * databases (prisma.config.ts), so it needs no database server and no engine download.
 */
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name_in_snake_case>");
  process.exit(2);
}
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ""))) {
  console.log("schema.prisma matches the committed migrations; nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
console.log(`Created ${folder}/migration.sql — review it, then commit it.`);
