import { z } from "zod";

/**
 * A frame the Stream gateway sends down the WebSocket: `type` SYSTEM (ping, disconnect…), CALLBACK (robot
 * messages) or EVENT, routing `headers`, and the payload as a JSON *string* in `data`. Validated before the
 * SDK sees it, because the SDK trusts every frame and a malformed one would throw inside its socket handler.
 */
export const downstreamFrameSchema = z.object({
  specVersion: z.string().optional(),
  type: z.string().min(1),
  headers: z.looseObject({
    topic: z.string().min(1),
    messageId: z.string().min(1).optional(),
    contentType: z.string().optional(),
  }),
  data: z.string(),
});

export type DownstreamFrame = z.infer<typeof downstreamFrameSchema>;

const disconnectDataSchema = z.object({ reason: z.string() });

/** Why the gateway asked us to go, for the log; frames with unreadable data still count as a request. */
export function disconnectReason(frame: DownstreamFrame): string {
  try {
    const parsed = disconnectDataSchema.safeParse(JSON.parse(frame.data));
    return parsed.success ? parsed.data.reason : "(no reason given)";
  } catch {
    return "(unreadable reason)";
  }
}
