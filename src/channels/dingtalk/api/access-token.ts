import { z } from "zod";
import type { TokenCache } from "../../../coordination/index.js";
import type { Logger } from "../../../logger.js";
import { DingtalkApiError } from "./errors.js";
import { describeBody, errorCodeOf, postJson } from "./http.js";

const tokenAnswerSchema = z.object({ accessToken: z.string().min(1), expireIn: z.number().positive() });

export type AccessTokenOptions = {
  apiBase: string;
  clientId: string;
  /** Newest first (rotation): each is tried in turn while DingTalk refuses the previous one. */
  clientSecrets: readonly string[];
  tokens: TokenCache;
  logger: Logger;
};

/**
 * The app's OpenAPI access token, shared by every instance through the coordination token cache: one
 * fetch at a time across instances, and a token another caller saw rejected is dropped only once.
 */
export class DingtalkAccessTokens {
  private readonly cacheKey: string;

  constructor(private readonly options: AccessTokenOptions) {
    this.cacheKey = `dingtalk:${options.clientId}`;
  }

  get(): Promise<string> {
    return this.options.tokens.getOrRefresh(this.cacheKey, (signal) => this.fetchFresh(signal));
  }

  /** After DingTalk rejected `stale`: the next get() fetches a new one unless someone already has. */
  invalidate(stale: string): Promise<void> {
    return this.options.tokens.invalidate(this.cacheKey, stale);
  }

  private async fetchFresh(signal: AbortSignal): Promise<{ value: string; ttlSeconds: number }> {
    const { apiBase, clientId, clientSecrets, logger } = this.options;
    let lastRefusal: DingtalkApiError | undefined;
    for (const [index, appSecret] of clientSecrets.entries()) {
      const answer = await postJson(`${apiBase}/v1.0/oauth2/accessToken`, { appKey: clientId, appSecret }, { signal });
      const token = tokenAnswerSchema.safeParse(answer.body);
      if (answer.status === 200 && token.success) {
        if (index > 0) {
          logger.warn({ secretIndex: index + 1 }, "dingtalk: the first DINGTALK_CLIENT_SECRET was refused; a later one works — finish the rotation");
        }
        return { value: token.data.accessToken, ttlSeconds: token.data.expireIn };
      }
      lastRefusal = new DingtalkApiError("access token", answer.status, errorCodeOf(answer.body), describeBody(answer.body));
      // Only a refused credential is worth trying the next secret for; anything else fails the same way.
      if (answer.status !== 400 && answer.status !== 401 && answer.status !== 403) throw lastRefusal;
    }
    throw lastRefusal ?? new Error("DINGTALK_CLIENT_SECRET holds no secret");
  }
}
