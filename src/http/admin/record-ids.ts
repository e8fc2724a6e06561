import type Router from "@koa/router";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every record id in an admin path is a UUID. Anything else is answered 404 before a handler runs, so no
 * malformed id (a NUL byte, which PostgreSQL refuses as text, or 2 MB of junk) ever reaches a query.
 */
export function requireRecordIds(router: Router, names: readonly string[]): void {
  for (const name of names) {
    router.param(name, (value, ctx, next) => {
      if (UUID.test(value)) return next();
      ctx.status = 404;
      ctx.body = { error: "not_found", field: name, message: "找不到这条记录。" };
    });
  }
}
