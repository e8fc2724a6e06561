import { spawn, type ChildProcess } from "node:child_process";
import { TEST_SECRETS_KEY } from "./secrets.js";

export type RunningService = { url: string; lines: Record<string, unknown>[]; stop(): Promise<number | null> };

/** Starts the real service as `npm start` does (tsx src/main.ts) and resolves once it says where it listens. */
export async function startService(env: Record<string, string>): Promise<RunningService> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", SECRETS_KEY: TEST_SECRETS_KEY, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let buffered = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s: ${stderr}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const part of parts.filter(Boolean)) {
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (typeof line.url === "string" && String(line.msg).includes("listening on")) {
          clearTimeout(timer);
          resolve(line.url);
        }
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr} ${JSON.stringify(lines.slice(-3))}`)));
  });
  return {
    url,
    lines,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
