import "server-only";
import { networkInterfaces } from "node:os";
import { env } from "./env";

/**
 * Which `Host` headers this server answers. A page on attacker.example can make a victim's browser
 * resolve attacker.example to 127.0.0.1 (DNS rebinding) and then read Foreman's answers as
 * same-origin; the browser still sends `Host: attacker.example`, so refusing unknown hosts stops
 * it. Allowed: where the server listens, loopback names, and FOREMAN_ALLOWED_HOSTS.
 */
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

/** Where `next start` was told to listen (`--hostname`/`-H`, else HOST); undefined means every interface. */
export function boundHost(): string | undefined {
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--hostname" || arg === "-H") return normaliseHost(argv[i + 1] ?? "");
    if (arg.startsWith("--hostname=")) return normaliseHost(arg.slice("--hostname=".length));
  }
  return process.env.HOST ? normaliseHost(process.env.HOST) : undefined;
}

/** The port the server listens on (Next sets PORT once it is listening). */
function boundPort(): string {
  return process.env.PORT ?? "3000";
}

function normaliseHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower;
}

function isLoopback(host: string): boolean {
  return LOOPBACK.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function allowedNames(): { names: Set<string>; port: string } {
  const bound = boundHost();
  const names = new Set(LOOPBACK);
  if (bound === undefined || WILDCARD.has(bound)) {
    // Listening everywhere: the machine's own addresses are legitimate names for it.
    for (const list of Object.values(networkInterfaces())) {
      for (const address of list ?? []) names.add(normaliseHost(address.address));
    }
  } else names.add(bound);
  return { names, port: boundPort() };
}

/** True when a request's `Host` header names this server. */
export function isAllowedHost(hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d+))?$/.exec(host);
  if (!match) return false;
  const name = match[1] ?? "";
  const port = match[2] ?? "80";
  const extra = env().FOREMAN_ALLOWED_HOSTS;
  if (extra.includes(host) || extra.includes(name)) return true;
  const allowed = allowedNames();
  return allowed.names.has(name) && port === allowed.port;
}

/** A start-up warning when the server is reachable from other machines and anyone may use it. */
export function bindingWarning(): string | undefined {
  if (env().FOREMAN_ACCESS_TOKEN) return undefined;
  const bound = boundHost();
  if (bound !== undefined && isLoopback(bound)) return undefined;
  return `listening on ${bound ?? "every network interface"} without FOREMAN_ACCESS_TOKEN: anyone who can reach this machine can start paid runs and read every document. Set FOREMAN_ACCESS_TOKEN, or listen on 127.0.0.1.`;
}
