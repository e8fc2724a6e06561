import type { Middleware } from "koa";
import { DomainError } from "../../domain/errors.js";
import { RequestValidationError } from "./validation.js";

const statusOf = { invalid: 422, forbidden: 403, not_found: 404, conflict: 409 } as const;

/** Admin API errors always read `{ error, field, message }`, the message in Chinese. */
export const adminErrors: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof RequestValidationError) {
      ctx.status = 400;
      ctx.body = { error: "invalid_request", field: error.field, message: error.message, problems: error.problems };
      return;
    }
    if (error instanceof DomainError) {
      ctx.status = statusOf[error.kind];
      ctx.body = { error: error.code, field: error.field ?? null, message: error.message };
      return;
    }
    throw error;
  }
};
