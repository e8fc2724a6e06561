import type { Logger } from "../../../logger.js";
import { backoffDelay, type BackoffPolicy } from "./backoff.js";

/** One gateway connection, as the supervisor sees it. */
export interface StreamConnection {
  /** Resolves once connected; rejects when the connection could not be opened. */
  open(): Promise<void>;
  /** Resolves once the socket is closed; also aborts an open() in progress. */
  close(): Promise<void>;
  /** Sends a WebSocket ping; the pong counts as activity. */
  ping(): void;
  /** performance.now() of the last frame or pong received. */
  readonly lastActivityAt: number;
}

/** What a connection reports back to its supervisor. */
export type ConnectionEvents = {
  /** The socket of an opened connection closed, for whatever reason. */
  onClosed(): void;
  /** The gateway sent a SYSTEM `disconnect`: it will close this connection in about ten seconds. */
  onDisconnectRequested(reason: string): void;
};

export type StreamTiming = {
  backoff: BackoffPolicy;
  /** A connection with no frame and no pong for this long is presumed dead and replaced. */
  silenceMs: number;
  /** How often the connection is pinged and checked for silence. */
  heartbeatMs: number;
  /** A connection that stayed up this long before dropping starts the back-off from the beginning. */
  stableAfterMs: number;
};

export const DEFAULT_STREAM_TIMING: StreamTiming = {
  backoff: { initialMs: 1_000, maxMs: 60_000 },
  silenceMs: 90_000,
  heartbeatMs: 30_000,
  stableAfterMs: 60_000,
};

type Live = { connection: StreamConnection; openedAt: number };

/**
 * Keeps one connection to the Stream gateway up for this instance: reconnects with jittered exponential
 * back-off after failures and drops, replaces a connection the gateway asks to retire before it goes
 * (so no message falls into the gap), replaces one that went silent, and stops cleanly, leaving no timer
 * or socket behind. Other instances keep their own connections; the gateway picks one per message.
 */
export class StreamSupervisor {
  /** Connections attempted since start, numbered in the log. */
  private attempts = 0;
  private active: Live | undefined;
  private opening: StreamConnection | undefined;
  private readonly retiring = new Set<StreamConnection>();
  private consecutiveFailures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: {
      connect: (events: ConnectionEvents) => StreamConnection;
      timing: StreamTiming;
      logger: Logger;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.heartbeatTimer = setInterval(() => this.checkHealth(), this.deps.timing.heartbeatMs);
    void this.openConnection(false);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const all = [this.active?.connection, this.opening, ...this.retiring].filter((c): c is StreamConnection => c !== undefined);
    this.active = undefined;
    await Promise.all(all.map((connection) => connection.close()));
  }

  /** Opens a connection; `replacing` means the active one is about to go and this one takes over. */
  private async openConnection(replacing: boolean): Promise<void> {
    if (!this.running || this.opening || (this.active && !replacing)) return;
    this.attempts += 1;
    const attempt = this.attempts;
    const connection: StreamConnection = this.deps.connect({
      onClosed: () => this.connectionClosed(connection),
      onDisconnectRequested: (reason) => this.disconnectRequested(connection, reason),
    });
    this.opening = connection;
    try {
      await connection.open();
    } catch (error) {
      this.opening = undefined;
      if (!this.running) return;
      this.consecutiveFailures += 1;
      this.deps.logger.warn({ err: error, attempt, consecutiveFailures: this.consecutiveFailures }, "dingtalk stream: could not connect");
      this.scheduleReconnect();
      return;
    }
    this.opening = undefined;
    if (!this.running) {
      await connection.close();
      return;
    }
    const previous = this.active;
    this.active = { connection, openedAt: performance.now() };
    this.deps.logger.info({ attempt, replacing: previous !== undefined }, "dingtalk stream: connected");
    if (previous) this.retire(previous.connection);
  }

  private connectionClosed(connection: StreamConnection): void {
    if (this.retiring.has(connection) || connection !== this.active?.connection) return;
    const upFor = performance.now() - this.active.openedAt;
    this.active = undefined;
    if (!this.running) return;
    this.consecutiveFailures = upFor >= this.deps.timing.stableAfterMs ? 1 : this.consecutiveFailures + 1;
    this.deps.logger.warn({ upForMs: Math.round(upFor), consecutiveFailures: this.consecutiveFailures }, "dingtalk stream: connection lost");
    this.scheduleReconnect();
  }

  private disconnectRequested(connection: StreamConnection, reason: string): void {
    if (connection !== this.active?.connection) return;
    this.deps.logger.info({ reason }, "dingtalk stream: gateway asked us to reconnect; opening the next connection first");
    void this.openConnection(true);
  }

  private checkHealth(): void {
    const live = this.active;
    if (!live) return;
    const quietFor = performance.now() - Math.max(live.connection.lastActivityAt, live.openedAt);
    if (quietFor <= this.deps.timing.silenceMs) {
      live.connection.ping();
      return;
    }
    this.deps.logger.warn({ quietForMs: Math.round(quietFor) }, "dingtalk stream: connection silent; replacing it");
    this.active = undefined;
    this.retire(live.connection);
    void this.openConnection(false);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    const delayMs = backoffDelay(this.consecutiveFailures, this.deps.timing.backoff);
    this.deps.logger.info({ delayMs, consecutiveFailures: this.consecutiveFailures }, "dingtalk stream: reconnecting after a pause");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.openConnection(false);
    }, delayMs);
  }

  private retire(connection: StreamConnection): void {
    this.retiring.add(connection);
    void connection.close().finally(() => this.retiring.delete(connection));
  }
}
