import type { Logger } from "../../../logger.js";
import { decodeRobotMessage } from "../decode.js";
import type { InFlight } from "../in-flight.js";
import type { RobotMessageHandler } from "../inbound.js";
import { DingtalkStreamClient } from "./client.js";
import type { GatewayOptions } from "./gateway.js";
import { StreamSupervisor, type StreamTiming } from "./supervisor.js";

export type StreamTransportOptions = Omit<GatewayOptions, "logger"> & {
  timing: StreamTiming;
  handleRobotMessage: RobotMessageHandler;
  inFlight: InFlight;
  now: () => Date;
  logger: Logger;
};

/** Stream mode: robot messages arrive over a supervised WebSocket, are acknowledged, decoded and handled. */
export function createStreamTransport(options: StreamTransportOptions): StreamSupervisor {
  const { logger } = options;
  const onRobotFrame = (data: string, frameMessageId: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      logger.warn({ frameMessageId }, "dingtalk stream: robot frame data is not JSON; ignored");
      return;
    }
    const decoded = decodeRobotMessage(payload, options.now());
    if (!decoded.ok) {
      logger.warn({ frameMessageId, problem: decoded.problem }, "dingtalk stream: robot message malformed; ignored");
      return;
    }
    options.inFlight.track(
      options.handleRobotMessage(decoded.value).catch((error: unknown) => {
        logger.error({ err: error, messageId: decoded.value.message.messageId }, "dingtalk: could not answer a message");
      }),
    );
  };
  return new StreamSupervisor({
    timing: options.timing,
    logger,
    connect: (events) => new DingtalkStreamClient({ ...options, logger, events, onRobotFrame }),
  });
}
