import { z } from "zod";
import { WecomApiError, WecomTransportError } from "./wecom-api-error.js";

/** No WeCom call may hold a job or a request for longer than this. */
const CALL_TIMEOUT_MS = 10_000;

const resultSchema = z.looseObject({ errcode: z.number().int().optional(), errmsg: z.string().optional() });

export type WecomResult = z.infer<typeof resultSchema>;

/**
 * One HTTP call to WeCom. Resolves to the JSON answer when errcode is 0 (or absent); throws WecomApiError
 * for any other errcode and WecomTransportError when no JSON answer came. `api` names the call in errors
 * and logs instead of the URL, which may hold a secret.
 */
export async function callWecom(
  api: string,
  url: string,
  request: { method: "GET" } | { method: "POST"; json: unknown },
  signal?: AbortSignal,
): Promise<WecomResult> {
  const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      ...(request.method === "POST"
        ? { headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(request.json) }
        : {}),
    });
  } catch (error) {
    throw new WecomTransportError(api, error instanceof Error ? error.name : "fetch failed", { cause: error });
  }
  const text = await response.text().catch(() => "");
  let parsed: WecomResult | undefined;
  try {
    parsed = resultSchema.parse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed) throw new WecomTransportError(api, `HTTP ${response.status} without a JSON answer`);
  if (parsed.errcode !== undefined && parsed.errcode !== 0) throw new WecomApiError(api, parsed.errcode, parsed.errmsg ?? "");
  if (!response.ok) throw new WecomTransportError(api, `HTTP ${response.status}`);
  return parsed;
}
