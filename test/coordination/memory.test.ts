import { describe } from "vitest";
import { createCoordination } from "../../src/coordination/index.js";
import { coordinationContract } from "./contracts/index.js";

describe("in-process coordination (embedded mode)", () => {
  coordinationContract({
    async open(logger) {
      const only = createCoordination({ logger });
      return { first: only, second: only, dispose: () => only.close() };
    },
  });
});
