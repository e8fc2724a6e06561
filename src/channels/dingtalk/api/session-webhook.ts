import type { WebhookMessage } from "../encode.js";
import { DingtalkApiError } from "./errors.js";
import { describeBody, errorCodeOf, postJson } from "./http.js";

/**
 * Answers through the temporary URL DingTalk hands out with each message. It needs no access token and
 * no OpenAPI quota, which is why it is the first choice while it lasts.
 */
export async function postToSessionWebhook(url: string, message: WebhookMessage): Promise<void> {
  const answer = await postJson(url, message);
  const code = errorCodeOf(answer.body);
  if (answer.status !== 200 || (code !== undefined && code !== "0")) {
    throw new DingtalkApiError("session webhook", answer.status, code, describeBody(answer.body));
  }
}
