import net from "node:net";
import { randomBytes } from "node:crypto";
import { loadTestEnvironment } from "../../src/config.js";

const testEnvironment = loadTestEnvironment();

type Service = "PostgreSQL" | "Redis";

function canConnect(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || "127.0.0.1", port: Number(port) || defaultPort });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Resolves to the service URL, or undefined when the suite should be skipped.
 * With CI=true a missing service is an error: CI must never pass by skipping the real-service suites.
 */
async function locate(service: Service, url: string, defaultPort: number, variable: string) {
  if (await canConnect(url, defaultPort)) return url;
  const message = `${service} is not reachable at ${url}`;
  if (testEnvironment.ci) throw new Error(`${message}; CI=true requires it (start it, or set ${variable}).`);
  console.warn(`[skip] ${message}: its suites are skipped. Start ${service} or set ${variable} to run them.`);
  return undefined;
}

export const postgresUrl = await locate("PostgreSQL", testEnvironment.postgresUrl, 5432, "TEST_DATABASE_URL");
export const redisUrl = await locate("Redis", testEnvironment.redisUrl, 6379, "TEST_REDIS_URL");

/** A key prefix unique to one test file, so parallel files never see each other's keys. */
export function uniqueRedisPrefix(label: string): string {
  return `test:${label}:${randomBytes(4).toString("hex")}:`;
}
