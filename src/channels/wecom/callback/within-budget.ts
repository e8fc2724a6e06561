export type BudgetOutcome<T> = { inTime: true; value: T } | { inTime: false };

/**
 * Waits for `work` at most `budgetMs`. A rejection within the budget is thrown; after the budget the
 * caller owns `work` (and its rejection) and must still await it.
 */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<BudgetOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<BudgetOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ inTime: false }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value): BudgetOutcome<T> => ({ inTime: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
