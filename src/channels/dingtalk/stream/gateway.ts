import { z } from "zod";
import type { Logger } from "../../../logger.js";

const openAnswerSchema = z.object({
  endpoint: z.string().regex(/^wss?:\/\//, "must be a ws:// or wss:// URL"),
  ticket: z.string().min(1),
});

export type Subscription = { type: string; topic: string };

export type GatewayOptions = {
  /** Full URL of the connections/open endpoint (DINGTALK_STREAM_GATEWAY). */
  gatewayUrl: string;
  clientId: string;
  /** Newest first (rotation): the next one is tried while the gateway refuses the previous one. */
  clientSecrets: readonly string[];
  ua: string;
  logger: Logger;
};

/** The gateway should answer within this long; a connection attempt must not hang the supervisor. */
const OPEN_TIMEOUT_MS = 10_000;

/**
 * Registers for one WebSocket connection and returns its URL. The ticket inside is single-use and valid
 * for 90 seconds, so it is fetched right before every connection and never kept.
 */
export async function openStreamConnection(
  options: GatewayOptions,
  subscriptions: readonly Subscription[],
  signal: AbortSignal,
): Promise<string> {
  let lastRefusal = "no secret configured";
  for (const [index, clientSecret] of options.clientSecrets.entries()) {
    const response = await fetch(options.gatewayUrl, {
      method: "POST",
      // Without an explicit Accept the gateway answers in XML.
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ clientId: options.clientId, clientSecret, ua: options.ua, subscriptions }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(OPEN_TIMEOUT_MS)]),
    });
    const text = await response.text();
    if (response.ok) {
      const answer = openAnswerSchema.safeParse(safeJson(text));
      if (!answer.success) throw new Error(`stream gateway answered without a usable endpoint and ticket: ${text.slice(0, 200)}`);
      if (index > 0) {
        options.logger.warn({ secretIndex: index + 1 }, "dingtalk: the first DINGTALK_CLIENT_SECRET was refused; a later one works — finish the rotation");
      }
      const url = new URL(answer.data.endpoint);
      url.searchParams.set("ticket", answer.data.ticket);
      return url.toString();
    }
    lastRefusal = `HTTP ${response.status}: ${text.slice(0, 200)}`;
    // Only a refused credential is worth trying the next secret for; a 5xx fails the same way for all.
    if (response.status >= 500 || response.status === 429) break;
  }
  throw new Error(`stream gateway refused to open a connection (${lastRefusal})`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
