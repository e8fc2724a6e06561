import { afterAll, beforeAll } from "vitest";
import { openTestDatabase, type DatabaseKind, type TestDatabase } from "./database.js";
import { fixtures } from "./fixtures.js";

/**
 * For a describe block: a fresh database of the given kind with one region, ready in beforeAll and
 * disposed in afterAll. Read the fields inside tests, not at collection time.
 */
export function fixtureSuite(kind: DatabaseKind) {
  const suite = {} as { database: TestDatabase; make: ReturnType<typeof fixtures>; regionId: string };
  beforeAll(async () => {
    suite.database = await openTestDatabase(kind);
    suite.make = fixtures(suite.database.prisma);
    suite.regionId = (await suite.make.region()).id;
  });
  afterAll(async () => suite.database?.dispose());
  return suite;
}
