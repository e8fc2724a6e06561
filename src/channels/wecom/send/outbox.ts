import type { Coordination, JobQueue, RetryOptions } from "../../../coordination/index.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { Reply } from "../../types.js";
import { readGroupDelivery } from "./group-delivery.js";
import { appChatBodies, appMessageBodies, robotWebhookBodies, type AppChatBody, type AppMessageBody, type RobotWebhookBody } from "./outgoing-bodies.js";
import type { WecomSenders } from "./senders.js";

export type WecomOutboundJob =
  | { kind: "group"; groupId: string; body: RobotWebhookBody | AppChatBody }
  | { kind: "user"; app: string; body: AppMessageBody }
  | { kind: "response_url"; url: string; body: unknown };

const OUTBOUND_QUEUE = "wecom-outbound";

/** Transient failures (WeCom busy, network down) are retried after 2, 4, 8, 16 and 32 s. */
const RETRY: RetryOptions = { attempts: 6, backoff: { type: "exponential", delayMs: 2_000 } };

/**
 * Messages leave through a job queue, one job per WeCom message, so a rate limit or a 45009 delays them
 * instead of losing them, and (with Redis) a message queued by one instance is sent by whichever is free.
 * `jobKey` makes queuing idempotent: the same answer queued twice is sent once.
 */
export class WecomOutbox {
  private readonly queue: JobQueue<WecomOutboundJob>;

  constructor(
    coordination: Coordination,
    private readonly prisma: PrismaClient,
    private readonly apps: ReadonlyMap<string, { agentId: string }>,
  ) {
    this.queue = coordination.queue<WecomOutboundJob>(OUTBOUND_QUEUE);
  }

  /** Starts this instance's worker. */
  start(senders: WecomSenders): void {
    this.queue.process(
      async ({ data }) => {
        switch (data.kind) {
          case "group":
            return senders.toGroup(data.groupId, data.body);
          case "user":
            return senders.toUser(data.app, data.body);
          case "response_url":
            return senders.toResponseUrl(data.url, data.body);
        }
      },
      { concurrency: 4 },
    );
  }

  async toUser(app: string, userId: string, reply: Reply, jobKey: string): Promise<void> {
    const agentId = this.apps.get(app)?.agentId;
    if (agentId === undefined) throw new Error(`no WeCom app named "${app}" is configured`);
    await this.addAll(jobKey, appMessageBodies(agentId, userId, reply).map((body) => ({ kind: "user", app, body })));
  }

  /** To a ChatGroup row of platform wecom, by its robot key or, for an app-created group, appchat/send. */
  async toGroup(groupId: string, reply: Reply, jobKey: string): Promise<void> {
    const group = await this.prisma.chatGroup.findUniqueOrThrow({ where: { id: groupId } });
    const bodies = readGroupDelivery(group.delivery).appChat ? appChatBodies(group.chatId, reply) : robotWebhookBodies(reply);
    await this.addAll(jobKey, bodies.map((body) => ({ kind: "group", groupId, body })));
  }

  async toResponseUrl(url: string, body: unknown, jobKey: string): Promise<void> {
    await this.addAll(jobKey, [{ kind: "response_url", url, body }]);
  }

  private async addAll(jobKey: string, jobs: WecomOutboundJob[]): Promise<void> {
    for (const [index, job] of jobs.entries()) {
      await this.queue.add(job.kind, job, { ...RETRY, jobId: `wecom:${jobKey}:${index}` });
    }
  }
}
