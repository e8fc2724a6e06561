export type BackoffPolicy = {
  /** Delay after the first failure. */
  initialMs: number;
  /** Ceiling, however many failures in a row. */
  maxMs: number;
};

/**
 * Exponential back-off with "equal jitter": half of the delay is fixed, half random. The random half
 * spreads out instances that lost the gateway together; the fixed half guarantees the delays still grow,
 * so the number of attempts in any period stays bounded.
 */
export function backoffDelay(consecutiveFailures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
