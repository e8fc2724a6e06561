/** WeCom error codes this channel acts on (全局错误码). */
export const WecomErrorCode = {
  systemBusy: -1,
  invalidAccessToken: 40014,
  accessTokenExpired: 42001,
  frequencyLimited: 45009,
  concurrencyLimited: 45033,
  robotWebhookInvalid: 93000,
  robotDisabled: 93004,
} as const;

/** WeCom answered with a non-zero errcode. Carries no URL: app secrets and robot keys travel in query strings. */
export class WecomApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeCom ${api} failed: errcode ${errcode} (${errmsg})`);
    this.name = "WecomApiError";
  }
}

/** WeCom could not be reached, or answered with something other than its JSON (a proxy's error page, a 5xx). */
export class WecomTransportError extends Error {
  constructor(
    readonly api: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`WeCom ${api} unreachable: ${detail}`, options);
    this.name = "WecomTransportError";
  }
}

export function isAccessTokenRejected(error: unknown): error is WecomApiError {
  return (
    error instanceof WecomApiError &&
    (error.errcode === WecomErrorCode.invalidAccessToken || error.errcode === WecomErrorCode.accessTokenExpired)
  );
}
