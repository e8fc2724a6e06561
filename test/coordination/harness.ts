import { afterEach, beforeEach } from "vitest";
import type { Coordination, CoordinationLogger } from "../../src/coordination/index.js";

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  details: Record<string, unknown>;
}

/**
 * Two instances of the service sharing their coordination state, as two processes behind a load balancer
 * would. In the embedded mode there is only ever one instance, so both names point at the same object.
 */
export interface CoordinationWorld {
  first: Coordination;
  second: Coordination;
  logs: LogLine[];
}

export interface OpenedWorld {
  first: Coordination;
  second: Coordination;
  /** Closes the world's instances and removes what they stored. */
  dispose(): Promise<void>;
}

export interface CoordinationHarness {
  /** A world isolated from every other test's. */
  open(logger: CoordinationLogger): Promise<OpenedWorld>;
}

export function recordingLogger(logs: LogLine[]): CoordinationLogger {
  const record = (level: LogLine["level"]) => (details: Record<string, unknown>, message: string) => {
    logs.push({ level, message, details });
  };
  return { info: record("info"), warn: record("warn"), error: record("error") };
}

/** A fresh world for each test of the calling describe block; read it inside tests through the getter. */
export function useWorld(harness: CoordinationHarness): () => CoordinationWorld {
  let world: CoordinationWorld | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const logs: LogLine[] = [];
    const opened = await harness.open(recordingLogger(logs));
    world = { first: opened.first, second: opened.second, logs };
    dispose = opened.dispose;
  });
  afterEach(async () => {
    await dispose?.();
    world = undefined;
    dispose = undefined;
  });
  return () => {
    if (!world) throw new Error("The coordination world is only available inside a test");
    return world;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
