/** A DingTalk endpoint that has not answered within this long is treated as down. */
const REQUEST_TIMEOUT_MS = 10_000;

export type JsonResponse = { status: number; body: unknown };

/**
 * POSTs JSON and reads the answer as JSON when it is JSON. Never throws on an HTTP status: DingTalk's
 * error statuses carry the code that decides what to do next, so the caller reads them.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
    body: JSON.stringify(body),
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page): kept as text for the error message.
  }
  return { status: response.status, body: parsed };
}

/** `code` (OpenAPI) or `errcode` (old API) of an answer, as a string; undefined when there is none. */
export function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { code, errcode } = body as { code?: unknown; errcode?: unknown };
  if (typeof code === "string" || typeof code === "number") return String(code);
  if (typeof errcode === "string" || typeof errcode === "number") return String(errcode);
  return undefined;
}

/** A short, log-safe description of an error answer. */
export function describeBody(body: unknown): string {
  if (typeof body === "object" && body !== null) {
    const { message, errmsg } = body as { message?: unknown; errmsg?: unknown };
    if (typeof message === "string") return message;
    if (typeof errmsg === "string") return errmsg;
  }
  return String(typeof body === "string" ? body : JSON.stringify(body) ?? "").slice(0, 200);
}
