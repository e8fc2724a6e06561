import type { CoordinationLogger } from "../types.js";

const QUIET_PERIOD_MS = 60_000;

/**
 * BullMQ re-emits every failed reconnect of each of its connections as an 'error' event, about once a
 * second per connection during an outage. This logs the first one, then at most one a minute with how many
 * were left out, so an outage stays visible without flooding the log.
 */
export function throttledWarning(
  logger: CoordinationLogger,
  details: Record<string, unknown>,
  message: string,
): (error: Error) => void {
  let lastLoggedAt = -Infinity;
  let leftOut = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastLoggedAt < QUIET_PERIOD_MS) {
      leftOut += 1;
      return;
    }
    logger.warn({ ...details, err: error.message, similarErrorsLeftOut: leftOut }, message);
    lastLoggedAt = now;
    leftOut = 0;
  };
}
