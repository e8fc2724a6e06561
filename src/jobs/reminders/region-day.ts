import { todayIn } from "../../domain/calendar.js";
import { nextAllowedTime, quietHoursOf } from "../../domain/quiet-hours.js";
import type { DateOnly } from "../../credits/index.js";
import type { ReminderDependencies } from "./dependencies.js";

/** What every reminder job starts from: its region, the moment it runs, the region's local day, and when quiet hours let messages go. */
export async function regionDay(deps: ReminderDependencies, regionId: string) {
  const region = await deps.prisma.region.findUniqueOrThrow({ where: { id: regionId } });
  const now = deps.now();
  const today: DateOnly = todayIn(region.timezone, now);
  return { region, now, today, notBefore: nextAllowedTime(now, quietHoursOf(region)) };
}
