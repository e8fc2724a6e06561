import type { Context } from "koa";

/**
 * Reads the request body up to a limit. Kept as raw bytes so webhook signatures can be checked over exactly
 * what was sent, and so uploads (Excel, CSV) need no multipart parser.
 */
export async function readBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limitBytes) ctx.throw(413, `请求体过大（上限 ${Math.round(limitBytes / 1024)} KB）。`, { code: "body_too_large" });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) ctx.throw(413, `请求体过大（上限 ${Math.round(limitBytes / 1024)} KB）。`, { code: "body_too_large" });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
