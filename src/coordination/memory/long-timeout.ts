/** Node fires timers longer than 2^31-1 ms (about 24.8 days) at once; schedules can be further out than that. */
const LONGEST_NODE_TIMER_MS = 2 ** 31 - 1;

/** Like setTimeout for any delay; returns the function that cancels it. */
export function setLongTimeout(callback: () => void, delayMs: number): () => void {
  const dueAt = Date.now() + delayMs;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const remaining = dueAt - Date.now();
    timer =
      remaining > LONGEST_NODE_TIMER_MS
        ? setTimeout(arm, LONGEST_NODE_TIMER_MS)
        : setTimeout(callback, Math.max(0, remaining));
  };
  arm();
  return () => clearTimeout(timer);
}
