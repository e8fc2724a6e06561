import { DomainError } from "../../../domain/errors.js";
import type { Conversation } from "../../context.js";

/**
 * A polite refusal worded by a template. Thrown from deep inside a command, it reaches the pipeline, which
 * answers with its text; nothing has been written by then.
 */
export function refusal(conversation: Conversation, code: string, template: string, data: object = {}): DomainError {
  return new DomainError(code, conversation.deps.templates.render(template, data));
}
