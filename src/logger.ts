import { pino, type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "./request-context.js";

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "jijiao-credit-assistant" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // Platform secrets travel in query strings and headers; they must never reach a log file.
      redact: ["req.headers.authorization", "headers.authorization", "*.secret", "*.token", "*.encodingAesKey"],
    },
    destination,
  );
}
