import type { Logger } from "../../logger.js";

/**
 * Work that outlives the request that started it (an answer that missed the passive-reply budget, an app
 * message acknowledged before it was answered). Shutdown waits for it, so no answer is dropped half-way.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Runs `work`; a failure is logged under `what`, since no request is left to report it to. */
  run(what: string, work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.error({ err: error, channel: "wecom" }, `${what} failed`))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
