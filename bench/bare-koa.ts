import Koa from "koa";

/** P1's baseline: Koa answering every request with a constant, nothing else; spawned as its own process. */
const app = new Koa();
app.use((ctx) => {
  ctx.body = "ok";
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
