import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import { WebSocket } from "ws";
import type { Logger } from "../../../logger.js";
import { disconnectReason, downstreamFrameSchema, type DownstreamFrame } from "./frames.js";
import { openStreamConnection, type GatewayOptions } from "./gateway.js";
import type { ConnectionEvents, StreamConnection } from "./supervisor.js";

/** A WebSocket handshake that has not completed by then is abandoned. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** How long a polite close may take before the socket is cut. */
const CLOSE_GRACE_MS = 2_000;

export type StreamClientOptions = GatewayOptions & {
  logger: Logger;
  events: ConnectionEvents;
  /** Called for every robot message frame, after it has been acknowledged; must not throw. */
  onRobotFrame: (data: string, frameMessageId: string) => void;
};

/**
 * One connection to the Stream gateway. The dingtalk-stream SDK (2.1.5) keeps the protocol: subscriptions,
 * callback dispatch, acks, ping echoes, EVENT acks. The transport is ours, because of the SDK's known
 * defects (docs/platforms.md §2.1.6):
 * - its reconnect logic storms and cannot be cancelled: auto-reconnect is off, the supervisor reconnects;
 * - its subscription list is a module-wide array shared by every client: each client gets its own;
 * - its gateway URL is hard-coded: ours is configurable, with secret rotation;
 * - it parses frames unchecked inside the socket handler: ours are validated first, a bad one is logged;
 * - its keepAlive timer leaks per reconnect, and its socket code prints to the console: we open the
 *   socket ourselves (ping and silence detection live in the supervisor; logs go to pino).
 */
export class DingtalkStreamClient extends DWClient implements StreamConnection {
  lastActivityAt = 0;
  private readonly opening = new AbortController();
  private readonly log: Logger;

  constructor(private readonly options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecrets[0] ?? "", ua: options.ua });
    this.config.autoReconnect = false;
    this.config.subscriptions = [];
    this.log = options.logger;
    this.registerCallbackListener(TOPIC_ROBOT, (frame) => this.acknowledgeThenHandOver(frame));
  }

  /** Registers with the configured gateway (instead of the SDK's fixed URL) and keeps the ticket URL. */
  override async getEndpoint(): Promise<this> {
    this.sdkInternals().dw_url = await openStreamConnection(this.options, this.config.subscriptions, this.opening.signal);
    return this;
  }

  /** Opens the connection or throws; unlike the SDK's connect(), never retries by itself. */
  override async connect(): Promise<void> {
    await this.getEndpoint();
    if (this.opening.signal.aborted) throw new Error("closed while connecting");
    await this._connect();
  }

  /** The SDK's socket setup minus its console output, reconnect timers and keepAlive interval. */
  override _connect(): Promise<void> {
    const url = this.sdkInternals().dw_url;
    if (!url) return Promise.reject(new Error("no endpoint: getEndpoint() must run first"));
    return new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
      // The SDK's send(), acks and ping echo write to this field.
      this.sdkInternals().socket = socket;
      let opened = false;
      socket.once("open", () => {
        if (this.opening.signal.aborted) {
          socket.terminate();
          return;
        }
        opened = true;
        this.connected = true;
        this.lastActivityAt = performance.now();
        resolve();
      });
      socket.on("message", (data) => this.onDownStream(String(data)));
      socket.on("pong", () => this.heartbeat());
      socket.on("error", (error) => {
        if (opened) this.log.warn({ err: error }, "dingtalk stream: socket error");
        else reject(error);
      });
      socket.once("close", (code) => {
        this.connected = false;
        this.registered = false;
        if (!opened) {
          reject(new Error(`socket closed before it opened (code ${code})`));
          return;
        }
        this.log.info({ code }, "dingtalk stream: socket closed");
        this.options.events.onClosed();
      });
    });
  }

  open(): Promise<void> {
    return this.connect();
  }

  override onDownStream(raw: string): void {
    this.lastActivityAt = performance.now();
    let frame: DownstreamFrame;
    try {
      const parsed = downstreamFrameSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) {
        this.log.warn({ problem: parsed.error.issues[0]?.message, path: parsed.error.issues[0]?.path.join(".") }, "dingtalk stream: malformed frame ignored");
        return;
      }
      frame = parsed.data;
    } catch {
      this.log.warn({ length: raw.length }, "dingtalk stream: frame is not JSON; ignored");
      return;
    }
    try {
      this.dispatch(frame);
    } catch (error) {
      this.log.error({ err: error, type: frame.type, topic: frame.headers.topic }, "dingtalk stream: frame handling failed");
    }
  }

  /** A pong to our ping: the connection is alive even when nobody writes to the robot. */
  override heartbeat(): void {
    this.lastActivityAt = performance.now();
  }

  ping(): void {
    const socket = this.sdkInternals().socket;
    if (socket && socket.readyState === socket.OPEN) socket.ping();
  }

  /** Closes politely, cuts the socket if that takes too long, and aborts a connection still being opened. */
  async close(): Promise<void> {
    this.opening.abort();
    const socket = this.sdkInternals().socket;
    if (!socket || socket.readyState === socket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        socket.terminate();
        resolve();
      }, CLOSE_GRACE_MS);
      socket.once("close", () => {
        clearTimeout(cut);
        resolve();
      });
      if (socket.readyState === socket.OPEN) socket.close(1000, "shutting down");
      else if (socket.readyState === socket.CONNECTING) socket.terminate();
    });
  }

  private dispatch(frame: DownstreamFrame): void {
    const sdkFrame = frame as unknown as DWClientDownStream;
    switch (frame.type) {
      case "SYSTEM":
        if (frame.headers.topic === "disconnect") this.options.events.onDisconnectRequested(disconnectReason(frame));
        // The SDK echoes ping (same headers and data) and keeps its flags for the rest.
        this.onSystem(sdkFrame);
        return;
      case "CALLBACK":
        if (frame.headers.topic !== TOPIC_ROBOT) {
          this.log.warn({ topic: frame.headers.topic }, "dingtalk stream: callback for a topic we did not subscribe to; ignored");
        } else if (!frame.headers.messageId) {
          this.log.warn("dingtalk stream: robot callback without a messageId cannot be acknowledged; ignored");
        } else {
          this.onCallback(sdkFrame);
        }
        return;
      case "EVENT":
        // Not subscribed to; acknowledged anyway (the SDK answers SUCCESS) so the gateway does not resend it.
        this.onEvent(sdkFrame);
        return;
      default:
        this.log.warn({ type: frame.type }, "dingtalk stream: frame of an unknown type ignored");
    }
  }

  private acknowledgeThenHandOver(frame: DWClientDownStream): void {
    // Acknowledged before any work: a late ack makes the gateway deliver the message again.
    this.socketCallBackResponse(frame.headers.messageId, null);
    this.options.onRobotFrame(frame.data, frame.headers.messageId);
  }

  /** The SDK's private fields this wrapper has to reach. */
  private sdkInternals(): { socket?: WebSocket; dw_url?: string } {
    return this as unknown as { socket?: WebSocket; dw_url?: string };
  }
}
