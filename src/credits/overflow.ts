import type { Amount } from "./amount.js";
import { CATEGORIES, type Category } from "./vocabulary.js";

/**
 * Category overflow (博州 B3): credits above one category's minimum may stand in for other categories'
 * missing credits, only along the routes the policy lists, filling targets in the listed order.
 * Nothing else moves; the cycle total is not affected (it counts every credit once).
 */

export interface OverflowRoute {
  readonly from: Category;
  readonly to: readonly Category[];
}

export interface OverflowResult {
  /** By CATEGORIES index: amount of the minimum covered by other categories. */
  readonly covered: Amount[];
  /** By CATEGORIES index: excess lent out. */
  readonly lent: Amount[];
}

export function applyOverflow(
  routes: readonly OverflowRoute[],
  earned: readonly Amount[],
  minimum: readonly Amount[],
): OverflowResult {
  const covered = CATEGORIES.map(() => 0);
  const lent = CATEGORIES.map(() => 0);
  for (const route of routes) {
    const from = CATEGORIES.indexOf(route.from);
    let excess = (earned[from] ?? 0) - (minimum[from] ?? 0) - (lent[from] ?? 0);
    for (const target of route.to) {
      if (excess <= 0) break;
      const to = CATEGORIES.indexOf(target);
      const deficit = (minimum[to] ?? 0) - (earned[to] ?? 0) - (covered[to] ?? 0);
      if (deficit <= 0) continue;
      const moved = Math.min(excess, deficit);
      covered[to] = (covered[to] ?? 0) + moved;
      lent[from] = (lent[from] ?? 0) + moved;
      excess -= moved;
    }
  }
  return { covered, lent };
}
