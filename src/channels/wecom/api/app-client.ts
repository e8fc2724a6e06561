import { z } from "zod";
import type { WecomAppConfig } from "../../../config.js";
import type { FreshToken, TokenCache } from "../../../coordination/index.js";
import { callWecom, type WecomResult } from "./call.js";
import { isAccessTokenRejected, WecomTransportError } from "./wecom-api-error.js";

const tokenAnswerSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

/**
 * The API of one self-built app, authenticated by its own access_token. The token lives in the shared
 * token cache, so all instances of the service fetch it once between them and gettoken (which WeCom
 * rate-limits) is called once per lifetime, not once per process.
 */
export class WecomAppClient {
  /** Each app secret has its own token. */
  readonly tokenKey: string;

  constructor(
    private readonly apiBase: string,
    readonly app: WecomAppConfig,
    private readonly tokens: TokenCache,
  ) {
    this.tokenKey = `wecom:${app.corpId}:${app.agentId}`;
  }

  /**
   * POSTs `json` to `path` with the app's token. A token WeCom rejects (40014 invalid, 42001 expired,
   * both possible before its announced expiry) is dropped and the call made once more with a fresh one.
   */
  async post(path: string, json: unknown): Promise<WecomResult> {
    const token = await this.accessToken();
    try {
      return await this.postWith(token, path, json);
    } catch (error) {
      if (!isAccessTokenRejected(error)) throw error;
      await this.tokens.invalidate(this.tokenKey, token);
      return this.postWith(await this.accessToken(), path, json);
    }
  }

  private postWith(token: string, path: string, json: unknown): Promise<WecomResult> {
    return callWecom(path, `${this.apiBase}${path}?access_token=${encodeURIComponent(token)}`, { method: "POST", json });
  }

  private accessToken(): Promise<string> {
    return this.tokens.getOrRefresh(this.tokenKey, (signal) => this.fetchToken(signal));
  }

  private async fetchToken(signal: AbortSignal): Promise<FreshToken> {
    const query = new URLSearchParams({ corpid: this.app.corpId, corpsecret: this.app.secret });
    const answer = await callWecom("/cgi-bin/gettoken", `${this.apiBase}/cgi-bin/gettoken?${query}`, { method: "GET" }, signal);
    const parsed = tokenAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new WecomTransportError("/cgi-bin/gettoken", "answer without access_token or expires_in");
    return { value: parsed.data.access_token, ttlSeconds: parsed.data.expires_in };
  }
}
