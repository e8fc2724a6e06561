import type { Context } from "koa";
import type { Actor } from "../../domain/actors.js";
import { todayIn, type DateOnly } from "../../domain/calendar.js";
import type { Coordination } from "../../coordination/index.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { SecretBox } from "../../secret-box.js";

export type AdminDependencies = {
  prisma: PrismaClient;
  /** The current instant; tests pass a fixed one. */
  now: () => Date;
  /** Seals group credentials, hashes bind codes and mobile numbers. */
  secrets: SecretBox;
  /** Wakes the outbox worker after notices were queued; without it the reconciler sends them within its tick. */
  kickOutbox?: () => Promise<void>;
  /** Where the reminder schedules live, for GET /jobs; without it no upcoming jobs are listed. */
  coordination?: Coordination;
};

export function actorIn(ctx: Context): Actor {
  return ctx.state.actor as Actor;
}

/** Today in the actor's region's time zone. */
export async function regionToday(deps: AdminDependencies, actor: Actor): Promise<DateOnly> {
  const region = await deps.prisma.region.findUniqueOrThrow({ where: { id: actor.regionId } });
  return todayIn(region.timezone, deps.now());
}
