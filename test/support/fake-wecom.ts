import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake WeCom API received. */
export type FakeWecomRequest = { method: string; path: string; query: Record<string, string>; body: unknown; errcode: number };

type ScriptedFailure = { path: string; errcode: number; errmsg: string; remaining: number };

/**
 * A local HTTP server speaking WeCom's server API as the channel uses it: gettoken, message/send,
 * appchat/send, the group robot webhook and AI bot response URLs. It records every request, issues
 * numbered tokens, refuses tokens it was told to forget with 40014, and answers scripted errcodes.
 */
export async function startFakeWecom(options: { corpId: string; secret: string; robotKeys?: string[] }) {
  const requests: FakeWecomRequest[] = [];
  const failures: ScriptedFailure[] = [];
  const validTokens = new Set<string>();
  let issued = 0;

  const answer = (path: string, query: Record<string, string>): Record<string, unknown> => {
    if (path === "/cgi-bin/gettoken") {
      if (query.corpid !== options.corpId || query.corpsecret !== options.secret) return { errcode: 40001, errmsg: "invalid credential" };
      const token = `fake-token-${++issued}`;
      validTokens.add(token);
      return { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 };
    }
    const scripted = failures.find((failure) => failure.path === path && failure.remaining > 0);
    if (scripted) {
      scripted.remaining -= 1;
      return { errcode: scripted.errcode, errmsg: scripted.errmsg };
    }
    if (path === "/cgi-bin/message/send" || path === "/cgi-bin/appchat/send") {
      if (!validTokens.has(query.access_token ?? "")) return { errcode: 40014, errmsg: "invalid access_token" };
      return path === "/cgi-bin/message/send" ? { errcode: 0, errmsg: "ok", msgid: `m${requests.length}` } : { errcode: 0, errmsg: "ok" };
    }
    if (path === "/cgi-bin/webhook/send") {
      return options.robotKeys?.includes(query.key ?? "") ? { errcode: 0, errmsg: "ok" } : { errcode: 93000, errmsg: "invalid webhook url" };
    }
    if (path === "/cgi-bin/aibot/response") return { errcode: 0, errmsg: "ok" };
    return { errcode: 404, errmsg: "unknown api" };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const query = Object.fromEntries(url.searchParams);
      const text = Buffer.concat(chunks).toString("utf8");
      const answered = answer(url.pathname, query);
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      requests.push({ method: req.method ?? "", path: url.pathname, query, body, errcode: answered.errcode as number });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(answered));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    requests,
    /** Requests to one API path, in order. */
    to: (path: string) => requests.filter((request) => request.path === path),
    /** Requests to one API path that it answered with errcode 0 (delivered messages), in order. */
    delivered: (path: string) => requests.filter((request) => request.path === path && request.errcode === 0),
    /** The next `times` calls to `path` fail with `errcode`. */
    failNext(path: string, errcode: number, times = 1) {
      failures.push({ path, errcode, errmsg: `scripted ${errcode}`, remaining: times });
    },
    /** Every token issued so far becomes invalid, as when WeCom revokes tokens early. */
    revokeTokens: () => validTokens.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeWecom = Awaited<ReturnType<typeof startFakeWecom>>;

/** Polls `check` until it returns something truthy, failing after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
