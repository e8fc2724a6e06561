import http from "node:http";
import type { AddressInfo } from "node:net";
import type Koa from "koa";

export type RunningServer = {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, and cuts the rest after the timeout. */
  close(timeoutMs: number): Promise<void>;
};

export type HttpLimits = {
  /**
   * How long a client may take to send a whole request, headers and body (Node's own default is 300 s, so a
   * trickled body held a socket for 5 minutes). A request still arriving then is answered 408 and its
   * connection closed; a handler that is still working after the request arrived is not cut.
   */
  requestTimeoutMs: number;
  /** How long the headers alone may take; never more than requestTimeoutMs. */
  headersTimeoutMs: number;
};

export const DEFAULT_HTTP_LIMITS: HttpLimits = { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 };

/** The node:http server for a Koa app with the request limits applied; tests serve the app through it too. */
export function createHttpServer(app: Koa, limits: Partial<HttpLimits> = {}): http.Server {
  const requestTimeout = limits.requestTimeoutMs ?? DEFAULT_HTTP_LIMITS.requestTimeoutMs;
  const headersTimeout = Math.min(limits.headersTimeoutMs ?? DEFAULT_HTTP_LIMITS.headersTimeoutMs, requestTimeout);
  return http.createServer(
    {
      requestTimeout,
      headersTimeout,
      // Node looks for overdue requests only this often (default 30 s, which would double the timeout).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    app.callback(),
  );
}

export async function startServer(app: Koa, host: string, port: number, limits: Partial<HttpLimits> = {}): Promise<RunningServer> {
  const server = createHttpServer(app, limits);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost === "0.0.0.0" ? "127.0.0.1" : shownHost}:${address.port}`,
    close: (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const forceTimer = setTimeout(() => server.closeAllConnections(), timeoutMs);
        forceTimer.unref();
        server.close((error) => {
          clearTimeout(forceTimer);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
