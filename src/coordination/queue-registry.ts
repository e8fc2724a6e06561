import type { JobQueue } from "./types.js";

/** One queue object per name per coordination instance, all closed together at shutdown. */
export class QueueRegistry {
  private readonly queues = new Map<string, JobQueue<unknown>>();
  private closed = false;

  constructor(private readonly open: (name: string) => JobQueue<unknown>) {}

  get<T>(name: string): JobQueue<T> {
    if (this.closed) throw new Error(`Cannot open queue ${name}: coordination is closed`);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.open(name);
      this.queues.set(name, queue);
    }
    return queue as JobQueue<T>;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
