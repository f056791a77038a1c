import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

/**
 * The test Redis server's URL: FOREMAN_TEST_REDIS_URL, or the throw-away server
 * scripts/ensure-redis.sh starts (installing Debian's redis-server first when missing).
 */
export function redisServerUrl(): string {
  const url = process.env.FOREMAN_TEST_REDIS_URL ?? execFileSync("bash", ["scripts/ensure-redis.sh"], { encoding: "utf8" }).trim();
  process.env.FOREMAN_TEST_REDIS_URL = url;
  return url;
}

/** A random suffix for names one test run owns (its database, hence its queue's key prefix). */
export const uniqueSuffix = (): string => randomBytes(6).toString("hex");
