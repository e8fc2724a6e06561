import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAuthoringAdapter } from "./prisma/cli-adapter.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => migrationAuthoringAdapter(),
});
