import http from "node:http";
import type { AddressInfo } from "node:net";
import type Koa from "koa";

export type RunningServer = {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, and cuts the rest after the timeout. */
  close(timeoutMs: number): Promise<void>;
};

export async function startServer(app: Koa, host: string, port: number): Promise<RunningServer> {
  const server = http.createServer(app.callback());
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
