import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received: path without query, query, headers and parsed JSON body. */
export type RecordedRequest = { path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

export type FakeDingtalkApi = {
  /** Base URL for both DINGTALK_API_BASE and DINGTALK_OAPI_BASE. */
  base: string;
  requests: RecordedRequest[];
  /** Requests to one path, e.g. "/v1.0/robot/groupMessages/send". */
  to(path: string): RecordedRequest[];
  /** A sessionWebhook URL on this server, valid unless listed in `expiredSessions`. */
  sessionWebhook(session: string): string;
  expiredSessions: Set<string>;
  /** Makes every access token issued so far invalid, as DingTalk may do before expireIn. */
  revokeTokens(): void;
  /** Answers the next `n` robot OpenAPI calls with HTTP 403 QPS throttling. */
  throttleNext(n: number): void;
  /** Registers a custom robot (webhook access_token and 加签 secret); `alreadySent` in the last minute by others. */
  addCustomRobot(accessToken: string, secret: string, alreadySent?: number): void;
  close(): Promise<void>;
};

/**
 * DingTalk's send side on a loopback port: the OpenAPI (access tokens, groupMessages/send,
 * oToMessages/batchSend) and the old API (sessionWebhook, custom robot webhook with sign and its 20 a
 * minute limit), answering as DingTalk does, errors included.
 */
export async function startFakeDingtalkApi(credentials: { clientId: string; clientSecret: string }): Promise<FakeDingtalkApi> {
  const requests: RecordedRequest[] = [];
  const validTokens = new Set<string>();
  const expiredSessions = new Set<string>();
  const customRobots = new Map<string, { secret: string; sentAt: number[] }>();
  let throttled = 0;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://api");
    const text = Buffer.concat(chunks).toString("utf8");
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body });
    const answer = (status: number, payload: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));

    switch (url.pathname) {
      case "/v1.0/oauth2/accessToken": {
        if (body.appKey !== credentials.clientId || body.appSecret !== credentials.clientSecret) {
          return answer(400, { code: "invalidClientSecret", message: "应用凭证不正确" });
        }
        const token = `token-${randomUUID()}`;
        validTokens.add(token);
        return answer(200, { accessToken: token, expireIn: 7200 });
      }
      case "/v1.0/robot/groupMessages/send":
      case "/v1.0/robot/oToMessages/batchSend": {
        if (!validTokens.has(String(req.headers["x-acs-dingtalk-access-token"]))) {
          return answer(401, { code: "InvalidAuthentication", message: "不合法的access_token" });
        }
        if (throttled > 0) {
          throttled -= 1;
          return answer(403, { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "调用频率超限" });
        }
        if (typeof body.msgParam !== "string") return answer(400, { code: "invalidParameter.msgParam", message: "msgParam 必须是字符串" });
        return answer(200, { processQueryKey: randomUUID() });
      }
      case "/robot/sendBySession": {
        const session = url.searchParams.get("session") ?? "";
        if (expiredSessions.has(session)) return answer(200, { errcode: 300001, errmsg: "session 不存在或已过期" });
        return answer(200, { errcode: 0, errmsg: "ok" });
      }
      case "/robot/send": {
        const robot = customRobots.get(url.searchParams.get("access_token") ?? "");
        if (!robot) return answer(200, { errcode: 300001, errmsg: "token is not exist" });
        const timestamp = url.searchParams.get("timestamp") ?? "";
        const expected = createHmac("sha256", robot.secret).update(`${timestamp}\n${robot.secret}`).digest("base64");
        if (url.searchParams.get("sign") !== expected) return answer(200, { errcode: 310000, errmsg: "sign not match" });
        const now = Date.now();
        robot.sentAt = robot.sentAt.filter((at) => now - at < 60_000);
        if (robot.sentAt.length >= 20) return answer(200, { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" });
        robot.sentAt.push(now);
        return answer(200, { errcode: 0, errmsg: "ok" });
      }
      default:
        return answer(404, { code: "NotFound", message: url.pathname });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    to: (path) => requests.filter((request) => request.path === path),
    sessionWebhook: (session) => `${base}/robot/sendBySession?session=${session}`,
    expiredSessions,
    revokeTokens: () => validTokens.clear(),
    throttleNext: (n) => (throttled = n),
    addCustomRobot: (accessToken, secret, alreadySent = 0) =>
      customRobots.set(accessToken, { secret, sentAt: Array.from({ length: alreadySent }, () => Date.now()) }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
