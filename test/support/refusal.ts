import { DomainError } from "../../src/domain/errors.js";

/** Awaits work that must be refused and returns the refusal, failing the test on success or another error. */
export async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => new Error("expected a refusal, but it succeeded"),
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw error instanceof Error ? error : new Error(String(error));
  return error;
}
