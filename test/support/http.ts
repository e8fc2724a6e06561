import http from "node:http";
import type { AddressInfo } from "node:net";
import type Koa from "koa";

/** Serves a Koa app on a free loopback port; close() when done. */
export async function serveApp(app: Koa): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
