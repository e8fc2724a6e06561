// Starts reader-thread.ts in a worker thread. The tsx hooks of the main thread do not reach workers, and
// tsx's --import flag races the worker's first import, so the hooks are registered here before it.
import { register } from "tsx/esm/api";

register();
await import("./reader-thread.ts");
