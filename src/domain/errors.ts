/**
 * A refusal the user can act on. `message` is Chinese and shown as is, in chat or in the admin API's
 * `{ error, field, message }`; `code` is stable for programs and tests.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: { field?: string; kind?: "invalid" | "forbidden" | "not_found" | "conflict" } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  get field(): string | undefined {
    return this.options.field;
  }

  get kind(): "invalid" | "forbidden" | "not_found" | "conflict" {
    return this.options.kind ?? "invalid";
  }
}

export const notFound = (what: string, code: string, field?: string) =>
  new DomainError(code, `找不到${what}。`, { kind: "not_found", ...(field ? { field } : {}) });
