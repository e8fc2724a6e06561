import { AsyncLocalStorage } from "node:async_hooks";

/** Carries the request id through every await of a request, so log lines deep in a service carry it too. */
const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
