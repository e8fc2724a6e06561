import type { Context } from "koa";

/**
 * The client went away before its body arrived (closed the connection, or was cut by the server's request
 * timeout). Nothing is wrong with the service, and there is nobody left to answer: the error handler logs it
 * at debug level as a 499, never as a 500.
 */
export class ClientAbortedError extends Error {
  constructor(readonly bytesReceived: number) {
    super(`the client closed the connection after ${bytesReceived} bytes of the body`);
    this.name = "ClientAbortedError";
  }
}

/**
 * Reads the request body up to a limit. Kept as raw bytes so webhook signatures can be checked over exactly
 * what was sent, and so uploads (Excel, CSV) need no multipart parser. How long a body may take is the
 * server's request timeout (src/http/server.ts).
 */
export async function readBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limitBytes) ctx.throw(413, `请求体过大（上限 ${Math.round(limitBytes / 1024)} KB）。`, { code: "body_too_large" });
  const chunks: Buffer[] = [];
  let size = 0;
  const body = (ctx.req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await body.next();
    } catch {
      // The request stream fails only when its connection does.
      throw new ClientAbortedError(size);
    }
    if (next.done) break;
    size += next.value.length;
    if (size > limitBytes) ctx.throw(413, `请求体过大（上限 ${Math.round(limitBytes / 1024)} KB）。`, { code: "body_too_large" });
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}
