/** WeCom stops polling a stream six minutes after the user's message. */
const STREAM_LIFETIME_MS = 6 * 60_000;
const MAX_REMEMBERED = 2_000;

/**
 * The content of streams this process answered, by stream id, for WeCom's refresh callbacks. Every stream
 * this channel opens is finished in its first reply, so a refresh only comes when WeCom missed that reply;
 * repeating the finished content is then the right answer. Kept in memory: losing it (a restart, another
 * instance) only means the refresh is acknowledged empty and the user keeps what they saw.
 */
export class FinishedStreams {
  private readonly streams = new Map<string, { content: string; expiresAt: number }>();

  constructor(private readonly now: () => Date) {}

  remember(streamId: string, content: string): void {
    const nowMs = this.now().getTime();
    for (const [id, stream] of this.streams) {
      if (stream.expiresAt > nowMs && this.streams.size < MAX_REMEMBERED) break;
      this.streams.delete(id); // oldest first: a Map iterates in insertion order
    }
    this.streams.set(streamId, { content, expiresAt: nowMs + STREAM_LIFETIME_MS });
  }

  contentOf(streamId: string): string | undefined {
    const stream = this.streams.get(streamId);
    return stream && stream.expiresAt > this.now().getTime() ? stream.content : undefined;
  }
}
