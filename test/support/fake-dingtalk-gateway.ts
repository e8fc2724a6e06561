import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** A registration (POST /v1.0/gateway/connections/open) as the fake gateway received it. */
export type GatewayOpen = { clientId: string; clientSecret: string; ua: string; subscriptions: { type: string; topic: string }[] };

/** One accepted WebSocket, with every frame the client sent on it. */
export type FakeStreamSocket = {
  /** Sends a frame as the gateway would (an object is serialised; a string goes as is). */
  send(frame: object | string): void;
  received: Record<string, unknown>[];
  /** Cuts the TCP connection without a close frame, like a network failure. */
  drop(): void;
  readonly closed: boolean;
};

export type FakeStreamGateway = {
  /** The URL to configure as DINGTALK_STREAM_GATEWAY. */
  gatewayUrl: string;
  opens: GatewayOpen[];
  sockets: FakeStreamSocket[];
  /** Changes what the gateway does from now on. */
  behaviour: {
    /** Answer registrations with this HTTP status instead of a ticket. */
    refuseOpenWith?: number;
    /** Accept the WebSocket, then cut it at once. */
    dropOnConnect?: boolean;
    /** Keep sockets open but answer nothing, not even WebSocket pings: a zombie connection. */
    silent?: boolean;
  };
  close(): Promise<void>;
};

/**
 * The DingTalk Stream gateway on a loopback port, speaking its protocol: registration with client id and
 * secret returns an endpoint and a single-use ticket; the WebSocket at /connect accepts a valid ticket
 * only; frames go down as JSON text and the client's acks and ping echoes are recorded.
 */
export async function startFakeStreamGateway(credentials: { clientId: string; clientSecret: string }): Promise<FakeStreamGateway> {
  const unusedTickets = new Set<string>();
  const opens: GatewayOpen[] = [];
  const sockets: FakeStreamSocket[] = [];
  const behaviour: FakeStreamGateway["behaviour"] = {};
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || req.url !== "/v1.0/gateway/connections/open") {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as GatewayOpen;
    opens.push(body);
    if (behaviour.refuseOpenWith) {
      res.writeHead(behaviour.refuseOpenWith, { "content-type": "application/json" }).end(JSON.stringify({ code: "ServiceUnavailable", message: "try later" }));
      return;
    }
    if (body.clientId !== credentials.clientId || body.clientSecret !== credentials.clientSecret) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ code: "InvalidClientSecret", message: "clientSecret 错误" }));
      return;
    }
    const ticket = randomUUID();
    unusedTickets.add(ticket);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ endpoint: `ws://127.0.0.1:${port()}/connect`, ticket }));
  });
  const wss = new WebSocketServer({ noServer: true, autoPong: false });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/connect" || !unusedTickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });
  const accept = (ws: WebSocket) => {
    const received: Record<string, unknown>[] = [];
    let closed = false;
    ws.on("message", (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.on("close", () => (closed = true));
    ws.on("ping", (payload) => {
      if (!behaviour.silent) ws.pong(payload);
    });
    sockets.push({
      send: (frame) => ws.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
      received,
      drop: () => ws.terminate(),
      get closed() {
        return closed;
      },
    });
    if (behaviour.dropOnConnect) ws.terminate();
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = () => (server.address() as AddressInfo).port;
  return {
    gatewayUrl: `http://127.0.0.1:${port()}/v1.0/gateway/connections/open`,
    opens,
    sockets,
    behaviour,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A downstream frame of the Stream protocol. */
export function streamFrame(type: "CALLBACK" | "SYSTEM" | "EVENT", topic: string, messageId: string, data: unknown): Record<string, unknown> {
  return {
    specVersion: "1.0",
    type,
    headers: { appId: "app-1", connectionId: "conn-1", contentType: "application/json", messageId, time: String(Date.now()), topic },
    data: typeof data === "string" ? data : JSON.stringify(data),
  };
}
