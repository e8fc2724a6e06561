/** Thrown by a job handler when retrying cannot help (a dead target, content the platform refuses). */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/**
 * Thrown by a job handler that was told to wait (a rate limit, a platform's "too many requests"): the job
 * runs again after `delayMs` and the wait does not use up one of its attempts.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    message = `retry in ${delayMs} ms`,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}
